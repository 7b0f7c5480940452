#pragma once
// Printing look-up results as a table, JSON or RFC 7946 GeoJSON (shared by lookup, search, reverse).

#include <gazetteer/lookup.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace gazetteer::cli {

/// JSON object of a place (place_id, name, lat, lon, country, admin1_name, admin1_code, feature_class,
/// feature_code, population, source): the key names of the geoparse JSON and the Python module.
nlohmann::json place_json(const Place& p);

/// JSON object of a candidate: the place's fields plus score, match, matched_name, reasons.
nlohmann::json candidate_json(const Candidate& c);

/// Prints candidates in `format` ("table", "json" or "geojson"); throws UsageError otherwise.
void print_candidates(std::ostream& out, const std::vector<Candidate>& cands, const std::string& format);

/// Atomically writes `text` to `path` (temp file in the same folder, then rename).
void write_text_file(const std::string& path, const std::string& text);

}  // namespace gazetteer::cli
