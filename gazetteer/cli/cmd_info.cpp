// gazetteer info: what the index holds and where it came from.

#include "commands.hpp"

#include <gazetteer/index.hpp>
#include <gazetteer/version.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace gazetteer::cli {

namespace {

struct InfoArgs {
    bool verify = false;
    std::string format = "table";
};

void add_info_command(CLI::App& app, Common& common) {
    auto a = std::make_shared<InfoArgs>();
    auto* cmd = app.add_subcommand("info", "What the index holds: counts, sources, versions, checksums");
    cmd->add_flag("--verify", a->verify, "Also check every section's checksum (reads the whole file)");
    cmd->add_option("--format", a->format, "table or json")->check(CLI::IsMember({"table", "json"}));
    cmd->callback([a, &common] {
        const Index& idx = common.index();
        if (a->verify) idx.verify();
        IndexInfo i = idx.info();
        if (a->format == "json") {
            nlohmann::json j{{"path", i.path},           {"format_version", i.format_version}, {"engine_version", i.engine_version},
                             {"built_at", i.built_at},   {"file_size", i.file_size},           {"places", i.places},
                             {"names", i.names},         {"keys", i.keys},                     {"fuzzy_entries", i.fuzzy_entries},
                             {"boundaries", i.has_boundaries}, {"checksum", i.checksum},       {"verified", a->verify}};
            j["sources"] = nlohmann::json::array();
            for (auto& s : i.sources)
                j["sources"].push_back({{"name", s.name}, {"version", s.version}, {"sha256", s.sha256},
                                        {"license", s.license}, {"role", s.role}, {"records", s.records}});
            std::cout << j.dump(2) << "\n";
            return;
        }
        std::cout << fmt::format("index:          {}\n", i.path);
        std::cout << fmt::format("format version: {} (engine {} built it on {})\n", i.format_version, i.engine_version, i.built_at);
        std::cout << fmt::format("size:           {:.1f} MB\n", i.file_size / 1e6);
        std::cout << fmt::format("places:         {}\nnames:          {}\nkeys:           {}\nfuzzy entries:  {}\n", i.places, i.names,
                                 i.keys, i.fuzzy_entries);
        std::cout << fmt::format("boundaries:     {}\nchecksum:       {}{}\n", i.has_boundaries ? "yes" : "no", i.checksum,
                                 a->verify ? " (all sections verified)" : "");
        std::cout << "sources:\n";
        for (auto& s : i.sources)
            std::cout << fmt::format("  {:<16} {:<24} {:<8} {:>8} records  {}  sha256 {}\n", s.role, s.name, s.version, s.records,
                                     s.license, s.sha256.substr(0, 16));
    });
}

const Registrar reg{"info", 90, &add_info_command};

}  // namespace
}  // namespace gazetteer::cli
