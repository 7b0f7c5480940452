// gazetteer info: what the index holds and where it came from.

#include "commands.hpp"

#include <gazetteer/index.hpp>
#include <gazetteer/version.hpp>

#include <fmt/format.h>

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
            std::cout << index_info_json(i, a->verify, 2) << "\n";
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
