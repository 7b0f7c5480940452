#pragma once
// On-disk layout of the index (format version 3; version 2 added KeyLengths, version 3 made the
// fuzzy index whole-key with a directory, and added precomputed completions). Little-endian,
// every section 8-byte aligned.
// docs/index-format.md describes it for readers outside C++.
//
//   Header (64 bytes) | sections ... | section table (SectionEntry x section_count)
//
// The header's checksum covers the header (with the checksum field zeroed) and the section
// table, so a damaged table is caught on open; each section carries its own XXH3-64 checksum,
// verified on the section's first use (IndexData::check) rather than on open, which must stay
// near-instant however large the index is, and all at once by Index::verify().

#include <cstdint>

namespace gazetteer::detail {

inline constexpr char kMagic[8] = {'G', 'A', 'Z', 'E', 'T', 'I', 'D', 'X'};
inline constexpr std::uint32_t kEndianMark = 0x01020304u;

struct Header {
    char magic[8];
    std::uint32_t format_version;
    std::uint32_t section_count;
    std::uint64_t file_size;
    std::uint64_t table_offset;
    std::uint64_t header_checksum;
    std::uint32_t endian_mark;
    std::uint32_t reserved0;
    std::uint64_t reserved[2];
};
static_assert(sizeof(Header) == 64);

enum class SectionId : std::uint32_t {
    Meta = 1,        ///< UTF-8 JSON: versions, sources, counts, country code tables
    Places = 2,      ///< PlaceRec[places]
    AltNames = 3,    ///< AltRec[...], referenced by PlaceRec::alt_begin/alt_count
    Strings = 4,     ///< NUL-terminated UTF-8 strings; offset 0 is ""
    Keys = 5,        ///< marisa-trie of the normalised keys
    PostingOffsets = 6,  ///< uint32[keys + 1], indexed by the trie's key id
    Postings = 7,    ///< uint32 (place << 3 | MatchKind), importance order within a key
    Fuzzy = 8,       ///< FuzzyRec[], sorted by (hash, key id): each key and its single deletions
    GridCells = 9,   ///< uint32[kGridCells + 1] offsets into GridPlaces
    GridPlaces = 10, ///< uint32 place indices bucketed by 1-degree cell
    IdOrder = 11,    ///< uint32 place indices sorted by stable id (for find_id)
    Boundaries = 12, ///< BoundaryRec-prefixed WKB polygons of countries
    KeyLengths = 13, ///< uint8 per trie key id: the key's length in bytes (255 = 255 or more)
    FuzzyDirectory = 14,     ///< uint32[2^b + 1]: first Fuzzy record of each value of the hash's top b bits
    Completions = 15,        ///< CompletionRec[], sorted by prefix hash: prefixes shared by many keys
    CompletionEntries = 16,  ///< CompletionEntry[], each prefix's best completions, best first
};

/// The highest section id of this format version (every id from 1 to it must be present).
inline constexpr std::uint32_t kLastSection = 16;

struct SectionEntry {
    std::uint32_t id;
    std::uint32_t flags;
    std::uint64_t offset;
    std::uint64_t size;
    std::uint64_t checksum;
};
static_assert(sizeof(SectionEntry) == 32);

struct PlaceRec {
    std::uint32_t id;            ///< string offset of the stable id
    std::uint32_t name;          ///< string offsets ...
    std::uint32_t ascii_name;
    std::uint32_t feature_code;
    std::uint32_t admin1_code;
    std::uint32_t admin1_name;
    std::int32_t lat_e7;         ///< degrees x 1e7 (1 cm resolution)
    std::int32_t lon_e7;
    std::uint64_t population;
    std::uint32_t alt_begin;
    std::uint32_t alt_count;
    float importance;
    char country[2];
    char feature_class;
    std::uint8_t source;
};
static_assert(sizeof(PlaceRec) == 56);

struct AltRec {
    std::uint32_t name;  ///< string offset
    std::uint32_t lang;  ///< string offset ("" when unknown)
};

struct FuzzyRec {
    std::uint32_t hash;
    std::uint32_t key_id;
};

/// Fuzzy index: each key of kFuzzyMinKeyLength+ bytes, cut to its first kFuzzySpan bytes, and
/// every variant of it with one byte deleted, hashed (fuzzy_hash). Whole keys rather than
/// prefixes keep every hash bucket small however many keys there are.
inline constexpr unsigned kFuzzySpan = 24;
inline constexpr unsigned kFuzzyMinKeyLength = 4;

/// Completions: a prefix (ending on a UTF-8 character boundary) of more than kCompletionMinKeys
/// keys gets its kCompletionCount best completions stored (distinct places, by completion_rank);
/// a prefix of fewer keys is answered by walking its keys in the trie.
inline constexpr unsigned kCompletionMinKeys = 64;
inline constexpr unsigned kCompletionCount = 24;

struct CompletionRec {
    std::uint64_t hash;    ///< XXH3-64 of the prefix
    std::uint32_t begin;   ///< first CompletionEntry
    std::uint32_t count;
};
static_assert(sizeof(CompletionRec) == 16);

struct CompletionEntry {
    std::uint32_t key_id;   ///< trie id of the completed key
    std::uint32_t posting;  ///< place << 3 | MatchKind, as in Postings
};

/// Spatial grid: 1-degree cells, row-major from (-90, -180).
inline constexpr int kGridRows = 180;
inline constexpr int kGridCols = 360;
inline constexpr std::uint32_t kGridCells = kGridRows * kGridCols;

inline std::uint32_t grid_cell(double lat, double lon) {
    int r = static_cast<int>(lat + 90.0);
    int c = static_cast<int>(lon + 180.0);
    if (r < 0) r = 0;
    if (r >= kGridRows) r = kGridRows - 1;
    if (c < 0) c = 0;
    if (c >= kGridCols) c = kGridCols - 1;
    return static_cast<std::uint32_t>(r * kGridCols + c);
}

/// Boundaries section: uint32 count, then per polygon: char iso2[2], uint16 0, uint32 wkb_size,
/// the WKB bytes, zero padding to 4 bytes.

}  // namespace gazetteer::detail
