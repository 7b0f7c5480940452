// The index's description as JSON: one object for `gazetteer info --format json` and Python's
// Index.info().

#include <gazetteer/index.hpp>

#include <nlohmann/json.hpp>

namespace gazetteer {

std::string index_info_json(const IndexInfo& i, bool verified, int indent) {
    nlohmann::json j{{"path", i.path},           {"format_version", i.format_version}, {"engine_version", i.engine_version},
                     {"built_at", i.built_at},   {"file_size", i.file_size},           {"places", i.places},
                     {"names", i.names},         {"keys", i.keys},                     {"fuzzy_entries", i.fuzzy_entries},
                     {"boundaries", i.has_boundaries}, {"checksum", i.checksum},       {"verified", verified}};
    j["sources"] = nlohmann::json::array();
    for (const auto& s : i.sources)
        j["sources"].push_back({{"name", s.name}, {"version", s.version}, {"sha256", s.sha256},
                                {"license", s.license}, {"role", s.role}, {"records", s.records}});
    return j.dump(indent);
}

}  // namespace gazetteer
