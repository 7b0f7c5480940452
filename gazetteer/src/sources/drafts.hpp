#pragma once
// What the source readers produce and the index stages consume: one draft per place row, the
// countries, the division names, the curated aliases and region members, the boundary
// polygons; with the bookkeeping every stage shares (strict mode, warnings, progress, the
// sources read). Owned by IndexBuilder (internal).

#include "io/line_reader.hpp"

#include <gazetteer/build.hpp>
#include <gazetteer/error.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gazetteer::detail {

/// A name of a draft besides its primary one, with its language ("" when unknown).
struct DraftName {
    std::string name;
    std::string lang;
    MatchKind kind = MatchKind::AltName;
};

/// A place as read from a source, before merging (ids "geonames:...", "curated:...", ...).
struct Draft {
    std::string id;
    std::string name;
    std::string ascii_name;
    double lat = 0, lon = 0;
    char feature_class = 0;
    std::string feature_code;
    std::string country;
    std::string admin1_code;
    std::uint64_t population = 0;
    Source source = Source::GeoNames;
    std::vector<DraftName> alts;
    bool dropped = false;  ///< merged into another draft (a country or division): not written
};

/// A country from world-countries and countryInfo.txt, before it becomes a "country:XX" place.
struct CountryDraft {
    std::string iso2, iso3, ccn3;
    std::string name, official;
    double lat = NAN, lon = NAN;
    double area_km2 = NAN;  // world-countries "area", weights the country in a region's point
    std::vector<DraftName> names;
    std::uint64_t population = 0;
};

/// A curated area whose point is computed from its member countries (region_members.csv).
struct RegionMembers {
    std::vector<std::string> members;  // ISO 3166-1 alpha-2
    std::string file;
    std::uint64_t line = 0;
};

/// A country polygon as little-endian WKB, for reverse look-ups.
struct Boundary {
    std::string iso2;
    std::vector<unsigned char> wkb;
};

/// Everything read so far, and the options of the build.
struct Drafts {
    BuildOptions options;
    std::vector<Draft> places;
    std::unordered_map<std::uint64_t, std::size_t> by_geonameid;
    std::map<std::string, CountryDraft> countries;                 // by iso2
    std::map<std::string, std::pair<std::string, std::string>> admin1_names;  // "CC.code" -> (name, ascii)
    std::map<std::string, std::vector<DraftName>> aliases;         // place id -> extra names
    std::map<std::string, RegionMembers> region_members;           // curated place id -> members
    std::vector<Boundary> boundaries;
    std::vector<SourceInfo> sources;
    std::uint64_t skipped = 0;

    /// A malformed row: ParseError in strict mode, else counted as skipped and reported.
    void warn(const std::string& file, std::uint64_t line, const std::string& what) {
        if (options.strict) throw ParseError(file, line, what);
        ++skipped;
        if (options.on_warning) options.on_warning(file + ":" + std::to_string(line) + ": " + what);
    }
    void progress(const std::string& stage, std::uint64_t done, std::uint64_t total) {
        if (options.on_progress) options.on_progress(stage, done, total);
    }
    /// Records a source read in full, for the index's metadata (name and SHA-256 of the file
    /// unless the manifest gave them).
    void record_source(SourceInfo info, const std::string& path, const std::string& role, std::uint64_t records) {
        if (info.name.empty()) info.name = std::filesystem::path(path).filename().string();
        if (info.sha256.empty()) info.sha256 = sha256_file(path);
        if (info.role.empty()) info.role = role;
        info.records = records;
        sources.push_back(std::move(info));
    }
};

}  // namespace gazetteer::detail
