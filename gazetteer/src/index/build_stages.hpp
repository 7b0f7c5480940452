#pragma once
// The stages of IndexBuilder::write after the sources are read (sources/readers.hpp), in the
// order builder.cpp runs them (internal):
//
//   merge     merge_countries, place_regions, merge_divisions, attach_aliases (merge_*.cpp):
//             one place per country and per first-level division, regions placed from their
//             member countries, curated aliases added; merged rows are marked dropped
//   rank      lay_out_places (place_records.cpp): drops merged rows and duplicate names, lays
//             out the place records with their ranking prior (detail/rank.hpp) and the string pool
//   keys      build_name_keys (name_keys.cpp): every name normalised, the key trie, postings in
//             importance order
//   lookups   build_fuzzy_index (fuzzy_index.cpp), build_completions (completions.cpp),
//             build_grid and boundaries_section (spatial_sections.cpp), meta_section
//   write     write_index_file (index_writer.cpp): header, sections, table, atomically
//
// The sections' layout is index/format.hpp; docs/index-format.md describes it for other readers.

#include "index/format.hpp"
#include "sources/drafts.hpp"

#include <marisa.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gazetteer::detail {

// ---- merge ------------------------------------------------------------------------------

/// One place "country:XX" per country read; a GeoNames row of the same country that names it
/// as it is today (is_current_country_feature_code) gives it what world-countries lacks and is
/// dropped (merge_countries.cpp).
void merge_countries(Drafts& drafts);
/// Points of curated areas made of countries (region_members.csv), from their members; a
/// curated place left without a point is dropped (merge_regions.cpp).
void place_regions(Drafts& drafts);
/// One place "admin1:CC.code" per first-level division: the dump's ADM1 row, else the centre of
/// the division's places (merge_divisions.cpp).
void merge_divisions(Drafts& drafts);
/// The curated aliases added to the places they name (merge_aliases.cpp).
void attach_aliases(Drafts& drafts);

// ---- rank --------------------------------------------------------------------------------

/// The Strings section: each distinct string once, NUL-terminated; offset 0 is "".
struct StringPool {
    std::string path;  ///< the index being written, for errors
    std::string bytes{'\0'};
    std::unordered_map<std::string, std::uint32_t> offsets;
    /// Offset of `s`, added when new. Throws IndexError past 4 GiB.
    std::uint32_t add(std::string_view s);
};

/// The Places, AltNames, Strings and IdOrder sections.
struct PlaceRecords {
    StringPool pool;
    std::vector<PlaceRec> recs;
    std::vector<AltRec> alt_recs;
    std::vector<std::uint32_t> id_order;
};

/// Drops the merged drafts from drafts.places (the rest keep their order, which is the place
/// index), and lays out their records. Throws IndexError naming `out_path` when the format's
/// limits are passed (place_records.cpp).
PlaceRecords lay_out_places(Drafts& drafts, const std::string& out_path);

// ---- keys --------------------------------------------------------------------------------

/// One name of a place to be normalised.
struct NameRef {
    std::uint32_t place;
    MatchKind kind;
    const std::string* text;
};

/// The Keys, PostingOffsets, Postings and KeyLengths sections, and what later stages need.
struct NameKeys {
    std::vector<NameRef> names;               ///< every name of every place
    std::vector<std::string> keys_of;         ///< normalised key of each name
    std::vector<std::string_view> key_strings;  ///< distinct keys (views into keys_of)
    marisa::Trie trie;
    std::vector<std::uint32_t> trie_id;       ///< trie key id of each distinct key
    std::vector<std::uint32_t> post_offsets;  ///< [trie keys + 1]
    std::vector<std::uint32_t> postings;      ///< place << 3 | MatchKind, importance order
    std::vector<std::uint8_t> key_lengths;    ///< by trie key id
};

/// Normalises every name (on options.threads threads) and builds the trie and the postings.
/// Filled in place: a marisa::Trie cannot be moved (name_keys.cpp).
void build_name_keys(Drafts& drafts, const std::vector<PlaceRec>& recs, NameKeys& out);

// ---- look-up structures ------------------------------------------------------------------

/// The Fuzzy and FuzzyDirectory sections.
struct FuzzyIndex {
    std::vector<FuzzyRec> records;
    std::vector<std::uint32_t> directory;
};

/// Each key (cut to kFuzzySpan bytes) and its single deletions, hashed and sorted, with a
/// directory by the hash's top bits (fuzzy_index.cpp).
FuzzyIndex build_fuzzy_index(const std::vector<std::string_view>& key_strings, const std::vector<std::uint32_t>& trie_id);

/// The Completions and CompletionEntries sections.
struct Completions {
    std::vector<CompletionRec> prefixes;
    std::vector<CompletionEntry> entries;
};

/// The best completions of every prefix shared by more than kCompletionMinKeys keys
/// (completions.cpp).
Completions build_completions(const std::vector<std::string_view>& keys, const std::vector<std::uint32_t>& trie_id,
                              const std::vector<std::uint32_t>& post_offsets, const std::vector<std::uint32_t>& postings,
                              const std::vector<PlaceRec>& recs);

/// The GridCells and GridPlaces sections: places bucketed by 1-degree cell.
struct SpatialGrid {
    std::vector<std::uint32_t> cells;
    std::vector<std::uint32_t> places;
};

/// The spatial grid over the places' points (spatial_sections.cpp).
SpatialGrid build_grid(const std::vector<Draft>& places);
/// The Boundaries section: count, then per polygon its code, size and padded WKB
/// (spatial_sections.cpp).
std::string boundaries_section(const std::vector<Boundary>& boundaries);

/// The Meta section: versions, build time, counts and the sources read (meta_section.cpp).
std::string meta_section(const Drafts& drafts, std::size_t names, std::size_t keys, std::size_t completion_prefixes);

// ---- write -------------------------------------------------------------------------------

/// One section's bytes, owned by the caller.
struct SectionBytes {
    SectionId id;
    const void* data;
    std::size_t size;
};

/// Writes header, sections (8-aligned, in the given order) and section table to a temporary
/// file beside `out_path`, then renames it into place. Throws IoError (index_writer.cpp).
void write_index_file(const std::string& out_path, std::span<const SectionBytes> sections);

}  // namespace gazetteer::detail
