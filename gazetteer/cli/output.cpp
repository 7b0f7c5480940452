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

nlohmann::ordered_json candidate_object(const Candidate& c) { return nlohmann::ordered_json::parse(candidate_json(c)); }

void print_candidates(std::ostream& out, const std::vector<Candidate>& cands, const std::string& format) {
    if (format == "json") {
        nlohmann::ordered_json arr = nlohmann::ordered_json::array();
        for (const auto& c : cands) arr.push_back(candidate_object(c));
        out << arr.dump(2) << "\n";
    } else if (format == "geojson") {
        // RFC 7946: a FeatureCollection of Points, [longitude, latitude] in WGS84.
        nlohmann::ordered_json fc{{"type", "FeatureCollection"}, {"features", nlohmann::ordered_json::array()}};
        for (const auto& c : cands) {
            nlohmann::ordered_json props = candidate_object(c);
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
