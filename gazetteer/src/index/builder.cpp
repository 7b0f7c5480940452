// IndexBuilder: the pipeline of a build, read -> merge -> rank -> keys -> look-up structures ->
// write. The readers live in sources/ (sources/readers.hpp), the later stages in index/
// (index/build_stages.hpp); this file only runs them in order.

#include "index/build_stages.hpp"
#include "sources/readers.hpp"

#include <gazetteer/build.hpp>

#include <filesystem>
#include <sstream>

namespace gazetteer {

IndexBuilder::IndexBuilder(BuildOptions options) : m_drafts(std::make_unique<detail::Drafts>()) {
    m_drafts->options = std::move(options);
}
IndexBuilder::~IndexBuilder() = default;

// ---- read --------------------------------------------------------------------------------

std::uint64_t IndexBuilder::add_geonames(const std::string& path, SourceInfo info) {
    return detail::read_geonames(*m_drafts, path, std::move(info));
}
std::uint64_t IndexBuilder::add_admin1_codes(const std::string& path, SourceInfo info) {
    return detail::read_admin1_codes(*m_drafts, path, std::move(info));
}
std::uint64_t IndexBuilder::add_admin1_names_json(const std::string& path, SourceInfo info) {
    return detail::read_admin1_names_json(*m_drafts, path, std::move(info));
}
std::uint64_t IndexBuilder::add_country_info(const std::string& path, SourceInfo info) {
    return detail::read_country_info(*m_drafts, path, std::move(info));
}
std::uint64_t IndexBuilder::add_alternate_names(const std::string& path, SourceInfo info) {
    return detail::read_alternate_names(*m_drafts, path, std::move(info));
}
std::uint64_t IndexBuilder::add_world_countries(const std::string& path, SourceInfo info) {
    return detail::read_world_countries(*m_drafts, path, std::move(info));
}
std::uint64_t IndexBuilder::add_curated(const std::string& path, SourceInfo info) {
    return detail::read_curated(*m_drafts, path, std::move(info));
}
std::uint64_t IndexBuilder::add_boundaries(const std::string& path, SourceInfo info) {
    return detail::read_boundaries(*m_drafts, path, std::move(info));
}
void IndexBuilder::add_manifest(const std::string& manifest_path) { detail::read_manifest(*m_drafts, manifest_path); }

// ---- merge, rank, keys, look-up structures, write ---------------------------------------------

BuildReport IndexBuilder::write(const std::string& out_path) {
    using namespace detail;
    auto& st = *m_drafts;

    // Merge: countries and divisions become one place each, regions get their points, curated
    // aliases join their places. Countries first: a region's members are countries.
    merge_countries(st);
    place_regions(st);
    merge_divisions(st);
    attach_aliases(st);

    // Rank: the surviving places' records with their priors; their order is the place index.
    PlaceRecords records = lay_out_places(st, out_path);

    // Keys, then the structures look-ups search them by.
    NameKeys keys;
    build_name_keys(st, records.recs, keys);
    st.progress("building typo index", 0, keys.key_strings.size());
    FuzzyIndex fuzzy = build_fuzzy_index(keys.key_strings, keys.trie_id);
    st.progress("building completions", 0, keys.key_strings.size());
    Completions completions = build_completions(keys.key_strings, keys.trie_id, keys.post_offsets, keys.postings, records.recs);
    SpatialGrid grid = build_grid(st.places);
    std::string boundaries = boundaries_section(st.boundaries);
    std::string meta_text = meta_section(st, keys.names.size(), keys.key_strings.size(), completions.prefixes.size());

    std::ostringstream trie_bytes;
    trie_bytes << keys.trie;
    std::string trie_str = trie_bytes.str();

    // Write, in section id order (format.hpp).
    st.progress("writing", 0, 1);
    auto bytes = [](SectionId id, const auto& v) {
        return SectionBytes{id, v.data(), v.size() * sizeof(*v.data())};
    };
    const SectionBytes sections[] = {
        bytes(SectionId::Meta, meta_text),
        bytes(SectionId::Places, records.recs),
        bytes(SectionId::AltNames, records.alt_recs),
        bytes(SectionId::Strings, records.pool.bytes),
        bytes(SectionId::Keys, trie_str),
        bytes(SectionId::PostingOffsets, keys.post_offsets),
        bytes(SectionId::Postings, keys.postings),
        bytes(SectionId::Fuzzy, fuzzy.records),
        bytes(SectionId::GridCells, grid.cells),
        bytes(SectionId::GridPlaces, grid.places),
        bytes(SectionId::IdOrder, records.id_order),
        bytes(SectionId::Boundaries, boundaries),
        bytes(SectionId::KeyLengths, keys.key_lengths),
        bytes(SectionId::FuzzyDirectory, fuzzy.directory),
        bytes(SectionId::Completions, completions.prefixes),
        bytes(SectionId::CompletionEntries, completions.entries),
    };
    write_index_file(out_path, sections);
    st.progress("writing", 1, 1);

    BuildReport rep;
    rep.places = st.places.size();
    rep.names = keys.names.size();
    rep.keys = keys.key_strings.size();
    rep.skipped_rows = st.skipped;
    rep.file_size = std::filesystem::file_size(out_path);
    rep.sources = st.sources;
    return rep;
}

}  // namespace gazetteer
