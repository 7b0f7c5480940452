#include "output.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/temp_files.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace gazetteer::cli {

nlohmann::json place_json(const Place& p) {
    nlohmann::json j;
    j["place_id"] = p.id;
    j["name"] = p.name;
    j["lat"] = p.lat;
    j["lon"] = p.lon;
    j["country"] = p.country;
    j["admin1_name"] = p.admin1_name;
    j["admin1_code"] = p.admin1_code;
    j["feature_class"] = std::string(p.feature_class ? 1 : 0, p.feature_class);
    j["feature_code"] = p.feature_code;
    j["population"] = p.population;
    j["source"] = source_name(p.source);
    return j;
}

nlohmann::json candidate_json(const Candidate& c) {
    nlohmann::json j = place_json(c.place);
    j["score"] = c.score;
    j["match"] = match_label(c);  // "fuzzy" for a typo match, with its edit distance
    j["matched_name"] = c.matched_name;
    if (c.edit_distance) j["edit_distance"] = c.edit_distance;
    if (c.distance_km >= 0) j["distance_km"] = c.distance_km;
    j["reasons"] = c.reasons;
    return j;
}

void print_candidates(std::ostream& out, const std::vector<Candidate>& cands, const std::string& format) {
    if (format == "json") {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& c : cands) arr.push_back(candidate_json(c));
        out << arr.dump(2) << "\n";
    } else if (format == "geojson") {
        // RFC 7946: a FeatureCollection of Points, [longitude, latitude] in WGS84.
        nlohmann::json fc{{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
        for (const auto& c : cands) {
            nlohmann::json props = candidate_json(c);
            props.erase("lat");
            props.erase("lon");
            fc["features"].push_back({{"type", "Feature"},
                                      {"geometry", {{"type", "Point"}, {"coordinates", {c.place.lon, c.place.lat}}}},
                                      {"properties", props}});
        }
        out << fc.dump(2) << "\n";
    } else if (format == "table") {
        if (cands.empty()) {
            out << "no match\n";
            return;
        }
        out << fmt::format("{:<3} {:<28} {:<2} {:<6} {:>9} {:>10} {:>6}  {:<10} {}\n", "#", "name", "cc", "code", "lat", "lon", "score",
                           "match", "id");
        int i = 0;
        for (const auto& c : cands) {
            std::string name = c.place.name;
            if (!c.place.admin1_name.empty()) name += ", " + c.place.admin1_name;
            if (name.size() > 28) name = name.substr(0, 27) + "~";
            // A typo match says how far it is: "fuzzy:1".
            std::string match = match_label(c);
            if (c.edit_distance) match += ":" + std::to_string(c.edit_distance);
            out << fmt::format("{:<3} {:<28} {:<2} {:<6} {:>9.5f} {:>10.5f} {:>6.3f}  {:<10} {}\n", ++i, name, c.place.country,
                               c.place.feature_code, c.place.lat, c.place.lon, c.score, match, c.place.id);
        }
    } else {
        throw UsageError("unknown format '" + format + "' (table, json or geojson)");
    }
}

void write_text_file(const std::string& path, const std::string& text) {
    namespace fs = std::filesystem;
    TempOutput tmp(temp_path_for(path), TempOutput::Kind::File);
    std::FILE* fp = std::fopen(tmp.path().c_str(), "wb");
    if (!fp) throw IoError(path + ": cannot write (" + std::strerror(errno) + ")");
    bool ok = std::fwrite(text.data(), 1, text.size(), fp) == text.size();
    ok = std::fclose(fp) == 0 && ok;
    if (!ok) throw IoError(path + ": write failed (" + std::strerror(errno) + ")");
    std::error_code ec;
    fs::rename(tmp.path(), fs::path(path), ec);
    if (ec) throw IoError(path + ": cannot move into place (" + ec.message() + ")");
    tmp.release();
}

}  // namespace gazetteer::cli
