// The sources listed in a manifest.json written by scripts/fetch-data.sh, each handed to its
// reader.

#include "sources/readers.hpp"
#include "sources/fields.hpp"

#include <filesystem>

namespace gazetteer::detail {

using namespace fields;

void read_manifest(Drafts& st, const std::string& manifest_path) {
    nlohmann::json j = read_json_file(manifest_path, " (run scripts/fetch-data.sh first)");
    if (!j.contains("sources") || !j["sources"].is_array())
        throw ParseError(manifest_path, 0, "expected an object with a \"sources\" array");
    std::filesystem::path base = std::filesystem::path(manifest_path).parent_path();
    // Order matters: countries before boundaries (they map ISO numeric codes), dumps before names.
    static const std::vector<std::string> order = {"geonames", "admin1_codes", "admin1_names", "countries",
                                                   "country_info", "alternate_names", "curated", "boundaries"};
    for (const auto& role : order) {
        for (const auto& s : j["sources"]) {
            if (s.value("role", "") != role) continue;
            SourceInfo info;
            info.name = s.value("name", "");
            info.version = s.value("version", "");
            info.sha256 = s.value("sha256", "");
            info.license = s.value("license", "");
            info.role = role;
            std::filesystem::path p = s.value("path", "");
            if (p.is_relative()) p = base / p;
            if (!std::filesystem::exists(p))
                throw IoError(manifest_path + ": source file " + p.string() + " is missing (run scripts/fetch-data.sh)");
            std::string ps = p.string();
            if (role == "geonames") read_geonames(st, ps, info);
            else if (role == "admin1_codes") read_admin1_codes(st, ps, info);
            else if (role == "admin1_names") read_admin1_names_json(st, ps, info);
            else if (role == "countries") read_world_countries(st, ps, info);
            else if (role == "country_info") read_country_info(st, ps, info);
            else if (role == "alternate_names") read_alternate_names(st, ps, info);
            else if (role == "curated") read_curated(st, ps, info);
            else if (role == "boundaries") read_boundaries(st, ps, info);
        }
    }
}

}  // namespace gazetteer::detail
