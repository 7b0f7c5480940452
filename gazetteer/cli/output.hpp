#pragma once
// Printing look-up results as a table, JSON or RFC 7946 GeoJSON (shared by lookup, search, reverse).

#include <gazetteer/lookup.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace gazetteer::cli {

/// A candidate as an ordered JSON object: the engine's candidate_json(), which every face gives.
nlohmann::ordered_json candidate_object(const Candidate& c);

/// Prints candidates in `format` ("table", "json" or "geojson"); throws UsageError otherwise.
void print_candidates(std::ostream& out, const std::vector<Candidate>& cands, const std::string& format);

/// Atomically writes `text` to `path` (temp file in the same folder, then rename).
void write_text_file(const std::string& path, const std::string& text);

}  // namespace gazetteer::cli
