// Look-up candidates as JSON: the one object every face gives for them.

#include <gazetteer/lookup.hpp>

#include <nlohmann/json.hpp>

namespace gazetteer {

namespace {

void place_fields(nlohmann::ordered_json& j, const Place& p) {
    j["place_id"] = p.id;
    j["name"] = p.name;
    j["ascii_name"] = p.ascii_name;
    j["lat"] = p.lat;
    j["lon"] = p.lon;
    j["feature_class"] = std::string(p.feature_class ? 1 : 0, p.feature_class);
    j["feature_code"] = p.feature_code;
    j["country"] = p.country;
    j["admin1_code"] = p.admin1_code;
    j["admin1_name"] = p.admin1_name;
    j["population"] = p.population;
    j["source"] = source_name(p.source);
    j["importance"] = static_cast<double>(p.importance);
    if (!p.alt_names.empty()) {
        auto& alts = j["alt_names"] = nlohmann::ordered_json::array();
        for (const auto& a : p.alt_names) alts.push_back({a.name, a.lang});
    }
}

}  // namespace

std::string candidate_json(const Candidate& c, int indent) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    place_fields(j, c.place);
    j["score"] = c.score;
    j["match"] = match_label(c);
    j["match_kind"] = match_kind_name(c.match);
    j["matched_name"] = c.matched_name;
    j["edit_distance"] = c.edit_distance;
    if (c.distance_km >= 0) j["distance_km"] = c.distance_km;
    else j["distance_km"] = nullptr;
    j["reasons"] = c.reasons;
    return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace gazetteer
