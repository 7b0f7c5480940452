#include "index/index_data.hpp"
#include "geo/country_locator.hpp"

#include <gazetteer/build_config.hpp>
#include <gazetteer/distance.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/detail/normalize.hpp>
#include <gazetteer/version.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <sstream>

namespace gazetteer {

const char* source_name(Source s) noexcept {
    switch (s) {
        case Source::GeoNames: return "geonames";
        case Source::Curated: return "curated";
        case Source::Country: return "country";
        case Source::Admin1: return "admin1";
    }
    return "unknown";
}

const char* match_kind_name(MatchKind k) noexcept {
    switch (k) {
        case MatchKind::Name: return "name";
        case MatchKind::AsciiName: return "ascii_name";
        case MatchKind::AltName: return "alt_name";
        case MatchKind::Demonym: return "demonym";
        case MatchKind::Abbreviation: return "abbreviation";
    }
    return "unknown";
}

namespace detail {

IndexData::~IndexData() {
    if (base) munmap(const_cast<unsigned char*>(base), size);
}

std::uint64_t header_checksum(const Header& h, std::span<const SectionEntry> table) {
    Header copy = h;
    copy.header_checksum = 0;
    XXH3_state_t* st = XXH3_createState();
    XXH3_64bits_reset(st);
    XXH3_64bits_update(st, &copy, sizeof copy);
    XXH3_64bits_update(st, table.data(), table.size_bytes());
    std::uint64_t v = XXH3_64bits_digest(st);
    XXH3_freeState(st);
    return v;
}

}  // namespace detail

using detail::IndexData;
using detail::SectionId;

namespace {

template <class T>
std::span<const T> typed(const IndexData& d, const detail::SectionEntry& e, const char* what) {
    if (e.size % sizeof(T) != 0) throw IndexError(d.path, std::string("corrupt index: section ") + what + " has a bad size");
    return {reinterpret_cast<const T*>(d.base + e.offset), e.size / sizeof(T)};
}

const char* section_name(std::uint32_t id) {
    switch (static_cast<SectionId>(id)) {
        case SectionId::Meta: return "meta";
        case SectionId::Places: return "places";
        case SectionId::AltNames: return "alt_names";
        case SectionId::Strings: return "strings";
        case SectionId::Keys: return "keys";
        case SectionId::PostingOffsets: return "posting_offsets";
        case SectionId::Postings: return "postings";
        case SectionId::Fuzzy: return "fuzzy";
        case SectionId::GridCells: return "grid_cells";
        case SectionId::GridPlaces: return "grid_places";
        case SectionId::IdOrder: return "id_order";
        case SectionId::Boundaries: return "boundaries";
        case SectionId::KeyLengths: return "key_lengths";
        case SectionId::FuzzyDirectory: return "fuzzy_directory";
        case SectionId::Completions: return "completions";
        case SectionId::CompletionEntries: return "completion_entries";
    }
    return "unknown";
}

}  // namespace

// Sections whose damage could make an answer wrong (a place's name, coordinates or score; which
// places a name or prefix leads to; a country's outline) are verified on first use. The others
// (typo index, key lengths, spatial grid, id order) only lead to candidates that are checked
// against verified data before they are used, so damage there can lose a result but never
// change one; they are checked by verify() alone. The keys and meta sections are checked on
// open. Hashing a section costs about a millisecond per 10 MB.
void detail::IndexData::check(SectionId id) const {
    const auto i = static_cast<std::uint32_t>(id);
    if (verified[i].load(std::memory_order_acquire)) return;
    // A failed check throws out of call_once, which leaves the flag unset: the next use checks
    // (and throws) again.
    std::call_once(checked[i], [&] {
        const SectionEntry& e = *sections[i];
        if (XXH3_64bits(base + e.offset, e.size) != e.checksum)
            throw IndexError(path, std::string("corrupt index: checksum mismatch in section ") + section_name(i) +
                                       " (the file is damaged: build it again with `gazetteer build`)");
    });
    verified[i].store(true, std::memory_order_release);
}

Index::Index(std::unique_ptr<detail::IndexData> data) : m_data(std::move(data)) {}
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;
Index::~Index() = default;

Index Index::open(const std::string& path) {
    auto d = std::make_unique<IndexData>();
    d->path = path;
    // A FIFO or a device would block open() or never end: only regular files are indexes.
    // O_NONBLOCK keeps open() from waiting should the path change between stat() and open().
    struct stat pre {};
    if (::stat(path.c_str(), &pre) == 0 && !S_ISREG(pre.st_mode))
        throw IndexError(path, std::string("not a regular file (") +
                                   (S_ISDIR(pre.st_mode) ? "a folder" : S_ISFIFO(pre.st_mode) ? "a FIFO" : "a device or socket") +
                                   "): an index is a file written by `gazetteer build`");
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) throw IndexError(path, std::string("cannot open index: ") + std::strerror(errno) +
                                           " (build one with `gazetteer build`, or name one with --index)");
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw IndexError(path, "not a regular file");
    }
    d->size = static_cast<std::size_t>(st.st_size);
    if (d->size < sizeof(detail::Header)) {
        ::close(fd);
        throw IndexError(path, "not a gazetteer index (file too small: " + std::to_string(d->size) + " bytes)");
    }
    void* m = mmap(nullptr, d->size, PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (m == MAP_FAILED) throw IndexError(path, std::string("cannot map index: ") + std::strerror(errno));
    d->base = static_cast<const unsigned char*>(m);
    const auto* h = reinterpret_cast<const detail::Header*>(d->base);
    d->header = h;
    if (std::memcmp(h->magic, detail::kMagic, sizeof detail::kMagic) != 0)
        throw IndexError(path, "not a gazetteer index (bad magic number)");
    if (h->endian_mark != detail::kEndianMark)
        throw IndexError(path, "index was written on a machine of other byte order");
    if (h->format_version != index_format_version)
        throw IndexError(path, "index format version " + std::to_string(h->format_version) + ", this engine reads version " +
                                   std::to_string(index_format_version) + ": rebuild it with `gazetteer build`");
    if (h->file_size != d->size)
        throw IndexError(path, "index is truncated or extended: header says " + std::to_string(h->file_size) +
                                   " bytes, file has " + std::to_string(d->size));
    // The table is read in place as SectionEntry records: it must be 8-byte aligned like every section.
    if (h->section_count == 0 || h->section_count > 64 || h->table_offset % 8 != 0 || h->table_offset > d->size ||
        d->size - h->table_offset < std::uint64_t(h->section_count) * sizeof(detail::SectionEntry))
        throw IndexError(path, "corrupt index: bad section table");
    d->table = {reinterpret_cast<const detail::SectionEntry*>(d->base + h->table_offset), h->section_count};
    if (detail::header_checksum(*h, d->table) != h->header_checksum)
        throw IndexError(path, "corrupt index: header checksum mismatch");

    const detail::SectionEntry* sec[32] = {};
    for (const auto& e : d->table) {
        if (e.offset % 8 != 0 || e.offset > d->size || e.size > d->size - e.offset)
            throw IndexError(path, std::string("corrupt index: section ") + section_name(e.id) + " lies outside the file");
        if (e.id < 32) sec[e.id] = &e;
    }
    for (std::uint32_t id = 1; id <= detail::kLastSection; ++id) {
        if (!sec[id]) throw IndexError(path, std::string("corrupt index: section ") + section_name(id) + " is missing");
        d->sections[id] = sec[id];
    }
    auto S = [&](SectionId id) -> const detail::SectionEntry& { return *sec[static_cast<std::uint32_t>(id)]; };

    // Meta is small: check it and parse it now.
    const auto& meta = S(SectionId::Meta);
    if (XXH3_64bits(d->base + meta.offset, meta.size) != meta.checksum)
        throw IndexError(path, "corrupt index: meta section checksum mismatch");
    try {
        d->meta = nlohmann::json::parse(d->base + meta.offset, d->base + meta.offset + meta.size);
    } catch (const std::exception& e) {
        throw IndexError(path, std::string("corrupt index: meta section is not JSON: ") + e.what());
    }

    d->places = typed<detail::PlaceRec>(*d, S(SectionId::Places), "places");
    d->alts = typed<detail::AltRec>(*d, S(SectionId::AltNames), "alt_names");
    d->strings = reinterpret_cast<const char*>(d->base + S(SectionId::Strings).offset);
    d->strings_size = S(SectionId::Strings).size;
    d->posting_offsets = typed<std::uint32_t>(*d, S(SectionId::PostingOffsets), "posting_offsets");
    d->postings = typed<std::uint32_t>(*d, S(SectionId::Postings), "postings");
    d->fuzzy = typed<detail::FuzzyRec>(*d, S(SectionId::Fuzzy), "fuzzy");
    d->grid_cells = typed<std::uint32_t>(*d, S(SectionId::GridCells), "grid_cells");
    d->grid_places = typed<std::uint32_t>(*d, S(SectionId::GridPlaces), "grid_places");
    d->id_order = typed<std::uint32_t>(*d, S(SectionId::IdOrder), "id_order");
    const auto& b = S(SectionId::Boundaries);
    d->boundaries = {d->base + b.offset, b.size};
    d->key_lengths = typed<std::uint8_t>(*d, S(SectionId::KeyLengths), "key_lengths");
    d->fuzzy_dir = typed<std::uint32_t>(*d, S(SectionId::FuzzyDirectory), "fuzzy_directory");
    d->completion_prefixes = typed<detail::CompletionRec>(*d, S(SectionId::Completions), "completions");
    d->completion_entries = typed<detail::CompletionEntry>(*d, S(SectionId::CompletionEntries), "completion_entries");

    const auto& keys = S(SectionId::Keys);
    // The trie is the one structure read without bounds checks (marisa trusts its bytes), so its
    // checksum is checked on every open: a few milliseconds, against a crash on a damaged file.
    if (XXH3_64bits(d->base + keys.offset, keys.size) != keys.checksum)
        throw IndexError(path, "corrupt index: checksum mismatch in section keys");
    try {
        d->trie.map(d->base + keys.offset, keys.size);
    } catch (const std::exception& e) {
        throw IndexError(path, std::string("corrupt index: key trie: ") + e.what());
    }
    // Structural invariants that keep every accessor in bounds.
    if (d->key_lengths.size() != d->trie.num_keys())
        throw IndexError(path, "corrupt index: key lengths do not match the keys");
    if (d->posting_offsets.size() != d->trie.num_keys() + 1 || d->posting_offsets.back() > d->postings.size())
        throw IndexError(path, "corrupt index: posting offsets do not match the keys");
    if (d->grid_cells.size() != detail::kGridCells + 1 || d->grid_cells.back() > d->grid_places.size())
        throw IndexError(path, "corrupt index: bad spatial grid");
    if (d->id_order.size() != d->places.size()) throw IndexError(path, "corrupt index: id order does not match the places");
    while (d->fuzzy_dir_bits < 32 && (std::size_t{1} << d->fuzzy_dir_bits) + 1 < d->fuzzy_dir.size()) ++d->fuzzy_dir_bits;
    if (d->fuzzy_dir_bits < 1 || d->fuzzy_dir_bits > 30 || d->fuzzy_dir.size() != (std::size_t{1} << d->fuzzy_dir_bits) + 1 ||
        d->fuzzy_dir.back() != d->fuzzy.size())
        throw IndexError(path, "corrupt index: typo index directory does not match the typo index");
    return Index(std::move(d));
}

const std::string& Index::path() const noexcept { return m_data->path; }
std::size_t Index::size() const noexcept { return m_data->places.size(); }

namespace {
const detail::PlaceRec& rec(const IndexData& d, std::uint32_t i) {
    if (i >= d.places.size()) throw std::out_of_range("place index " + std::to_string(i) + " out of range");
    d.check(SectionId::Places);
    const auto& r = d.places[i];
    // The builder never writes these; a file that holds them was damaged after its checksums
    // were computed (or by a faulty writer), and a point at latitude 156 must not be believed.
    constexpr std::int32_t kMaxLat = 900000000, kMaxLon = 1800000000;
    if (r.lat_e7 < -kMaxLat || r.lat_e7 > kMaxLat || r.lon_e7 < -kMaxLon || r.lon_e7 > kMaxLon ||
        !std::isfinite(r.importance) || r.importance < 0)
        throw IndexError(d.path, "corrupt index: section places: place " + std::to_string(i) +
                                     " has coordinates or a score out of range");
    return r;
}
std::string_view country_view(const detail::PlaceRec& r) {
    return r.country[0] ? std::string_view(r.country, 2) : std::string_view();
}
}  // namespace

Place Index::place(std::uint32_t index, bool with_alt_names) const {
    const auto& d = *m_data;
    const auto& r = rec(d, index);
    Place p;
    p.index = index;
    p.id = d.str(r.id);
    p.name = d.str(r.name);
    p.ascii_name = d.str(r.ascii_name);
    p.lat = r.lat_e7 / 1e7;
    p.lon = r.lon_e7 / 1e7;
    p.feature_class = r.feature_class;
    p.feature_code = d.str(r.feature_code);
    p.country = country_view(r);
    p.admin1_code = d.str(r.admin1_code);
    p.admin1_name = d.str(r.admin1_name);
    p.population = r.population;
    p.source = static_cast<Source>(r.source);
    p.importance = r.importance;
    if (with_alt_names) d.check(SectionId::AltNames);
    if (with_alt_names && r.alt_begin <= d.alts.size() && r.alt_count <= d.alts.size() - r.alt_begin) {
        p.alt_names.reserve(r.alt_count);
        for (std::uint32_t i = 0; i < r.alt_count; ++i) {
            const auto& a = d.alts[r.alt_begin + i];
            p.alt_names.push_back({std::string(d.str(a.name)), std::string(d.str(a.lang))});
        }
    }
    return p;
}

std::string_view Index::place_name(std::uint32_t i) const { return m_data->str(rec(*m_data, i).name); }
std::string_view Index::place_country(std::uint32_t i) const { return country_view(rec(*m_data, i)); }
std::string_view Index::place_feature_code(std::uint32_t i) const { return m_data->str(rec(*m_data, i).feature_code); }
char Index::place_feature_class(std::uint32_t i) const { return rec(*m_data, i).feature_class; }
std::string_view Index::place_admin1_code(std::uint32_t i) const { return m_data->str(rec(*m_data, i).admin1_code); }
double Index::place_lat(std::uint32_t i) const { return rec(*m_data, i).lat_e7 / 1e7; }
double Index::place_lon(std::uint32_t i) const { return rec(*m_data, i).lon_e7 / 1e7; }
std::uint64_t Index::place_population(std::uint32_t i) const { return rec(*m_data, i).population; }
float Index::place_importance(std::uint32_t i) const { return rec(*m_data, i).importance; }
std::size_t Index::place_alt_name_count(std::uint32_t i) const {
    const auto& d = *m_data;
    const auto& r = rec(d, i);
    return r.alt_begin <= d.alts.size() && r.alt_count <= d.alts.size() - r.alt_begin ? r.alt_count : 0;
}
std::string_view Index::place_alt_name(std::uint32_t i, std::size_t k) const {
    const auto& d = *m_data;
    if (k >= place_alt_name_count(i)) throw std::out_of_range("alternate name index out of range");
    return d.str(d.alts[rec(d, i).alt_begin + k].name);
}

namespace {
detail::PostingList postings_of(const IndexData& d, std::size_t key_id) {
    d.check(SectionId::PostingOffsets);
    d.check(SectionId::Postings);
    std::uint32_t b = d.posting_offsets[key_id], e = d.posting_offsets[key_id + 1];
    if (b > e || e > d.postings.size()) return {};
    // Every posting must name a place of the file: one that does not was damaged (or forged)
    // after the checksums, and is refused here rather than believed by every reader of the list.
    const std::uint64_t places = d.places.size();
    for (std::uint32_t k = b; k < e; ++k)
        if ((d.postings[k] >> 3) >= places)
            throw IndexError(d.path, "corrupt index: a posting of the Postings section names place " +
                                         std::to_string(d.postings[k] >> 3) + " of " + std::to_string(places));
    return {d.postings.data() + b, d.postings.data() + e};
}
}  // namespace

detail::PostingList detail::postings(const Index& index, std::string_view key) {
    const auto& d = detail::IndexAccess::data(index);
    if (key.empty()) return {};
    marisa::Agent agent;
    agent.set_query(key.data(), key.size());
    if (!d.trie.lookup(agent)) return {};
    return postings_of(d, agent.key().id());
}

bool detail::has_keys_with_prefix(const Index& index, std::string_view key) {
    const auto& d = detail::IndexAccess::data(index);
    std::string q(key);
    q.push_back(' ');
    marisa::Agent agent;
    agent.set_query(q.data(), q.size());
    return d.trie.predictive_search(agent);
}

std::vector<std::pair<std::string, detail::PostingList>> detail::keys_with_prefix(const Index& index,
                                                                                 std::string_view prefix,
                                                                                 std::size_t max_keys) {
    const auto& d = detail::IndexAccess::data(index);
    std::vector<std::pair<std::string, PostingList>> out;
    marisa::Agent agent;
    agent.set_query(prefix.data(), prefix.size());
    while (out.size() < max_keys && d.trie.predictive_search(agent))
        out.emplace_back(std::string(agent.key().ptr(), agent.key().length()), postings_of(d, agent.key().id()));
    return out;
}

namespace detail {
std::uint32_t fuzzy_hash(std::string_view s) { return static_cast<std::uint32_t>(XXH3_64bits(s.data(), s.size())); }
}  // namespace detail

std::vector<std::pair<std::string, unsigned>> detail::fuzzy_keys(const Index& index, std::string_view key, unsigned max_distance) {
    const auto& d = detail::IndexAccess::data(index);
    std::vector<std::pair<std::string, unsigned>> out;
    if (key.size() < detail::kFuzzyMinKeyLength || max_distance == 0) return out;
    max_distance = std::min(max_distance, 2u);
    // Probes: the query (cut like the stored keys), its one-byte deletions, and for distance 2
    // its two-byte deletions.
    std::string_view span = key.substr(0, detail::kFuzzySpan);
    std::vector<std::uint32_t> hashes{detail::fuzzy_hash(span)};
    std::string v, w;
    for (std::size_t i = 0; i < span.size(); ++i) {
        if (i > 0 && span[i] == span[i - 1]) continue;
        v.assign(span.substr(0, i));
        v.append(span.substr(i + 1));
        hashes.push_back(detail::fuzzy_hash(v));
        if (max_distance < 2) continue;
        for (std::size_t j = i; j < v.size(); ++j) {
            if (j > i && v[j] == v[j - 1]) continue;
            w.assign(v, 0, j);
            w.append(v, j + 1);
            hashes.push_back(detail::fuzzy_hash(w));
        }
    }
    std::sort(hashes.begin(), hashes.end());
    hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
    std::vector<std::uint32_t> key_ids;
    const unsigned shift = 32 - d.fuzzy_dir_bits;
    for (auto h : hashes) {
        std::uint32_t b = d.fuzzy_dir[h >> shift], e = std::min<std::size_t>(d.fuzzy_dir[(h >> shift) + 1], d.fuzzy.size());
        for (std::uint32_t j = b; j < e; ++j)
            if (d.fuzzy[j].hash == h) key_ids.push_back(d.fuzzy[j].key_id);
    }
    std::sort(key_ids.begin(), key_ids.end());
    key_ids.erase(std::unique(key_ids.begin(), key_ids.end()), key_ids.end());
    marisa::Agent agent;
    for (auto id : key_ids) {
        if (id >= d.trie.num_keys()) continue;
        // Keys whose length differs by more than the distance cannot match: skip them before
        // restoring them from the trie.
        std::size_t len = d.key_lengths[id];
        if (len < 255 && (len > key.size() + max_distance || len + max_distance < key.size())) continue;
        agent.set_query(static_cast<std::size_t>(id));
        d.trie.reverse_lookup(agent);
        std::string_view cand(agent.key().ptr(), agent.key().length());
        unsigned dist = edit_distance(key, cand, max_distance);
        if (dist <= max_distance) out.emplace_back(std::string(cand), dist);
    }
    return out;
}

std::optional<std::vector<detail::Completion>> detail::completions(const Index& index, std::string_view prefix) {
    const auto& d = detail::IndexAccess::data(index);
    d.check(SectionId::Completions);
    d.check(SectionId::CompletionEntries);
    std::uint64_t h = XXH3_64bits(prefix.data(), prefix.size());
    auto it = std::lower_bound(d.completion_prefixes.begin(), d.completion_prefixes.end(), h,
                               [](const detail::CompletionRec& r, std::uint64_t v) { return r.hash < v; });
    if (it == d.completion_prefixes.end() || it->hash != h) return std::nullopt;
    std::vector<Completion> out;
    if (it->begin > d.completion_entries.size() || it->count > d.completion_entries.size() - it->begin) return out;
    out.reserve(it->count);
    for (std::uint32_t i = it->begin; i < it->begin + it->count; ++i) {
        const auto& e = d.completion_entries[i];
        if ((e.posting >> 3) >= d.places.size() || e.key_id >= d.trie.num_keys()) continue;  // damaged file
        out.push_back({e.key_id, {e.posting >> 3, static_cast<MatchKind>(e.posting & 7u)}});
    }
    return out;
}

std::size_t detail::key_length(const Index& index, std::uint32_t key_id) {
    const auto& d = detail::IndexAccess::data(index);
    if (key_id >= d.key_lengths.size()) return 0;
    return d.key_lengths[key_id] < 255 ? d.key_lengths[key_id] : key(index, key_id).size();
}

std::string detail::key(const Index& index, std::uint32_t key_id) {
    const auto& d = detail::IndexAccess::data(index);
    if (key_id >= d.trie.num_keys()) return {};
    marisa::Agent agent;
    agent.set_query(static_cast<std::size_t>(key_id));
    d.trie.reverse_lookup(agent);
    return std::string(agent.key().ptr(), agent.key().length());
}

std::vector<std::pair<std::uint32_t, double>> Index::nearby(double lat, double lon, double radius_km,
                                                            std::size_t limit) const {
    const auto& d = *m_data;
    std::vector<std::pair<std::uint32_t, double>> out;
    if (std::isnan(radius_km) || radius_km < 0) throw UsageError("radius must be a number of km >= 0");
    if (!std::isfinite(lat) || !std::isfinite(lon) || limit == 0) return out;
    d.check(SectionId::Places);
    // No two points are farther apart than half the equator (20,037.5 km): a larger radius is
    // the whole earth, and capping it keeps the cell arithmetic below in int range.
    radius_km = std::min(radius_km, 20038.0);
    // Cells overlapping the search circle: rows by latitude, columns widened by 1/cos(lat).
    double dlat = radius_km / 111.2;
    double lat0 = std::max(-90.0, lat - dlat), lat1 = std::min(90.0, lat + dlat);
    double maxabs = std::min(89.0, std::max(std::fabs(lat0), std::fabs(lat1)));
    double dlon = radius_km / (111.2 * std::cos(maxabs * M_PI / 180.0));
    int r0 = static_cast<int>(lat0 + 90), r1 = std::min(detail::kGridRows - 1, static_cast<int>(lat1 + 90));
    int ncols = dlon >= 180 ? detail::kGridCols : static_cast<int>(std::ceil(2 * dlon)) + 2;
    int c0 = static_cast<int>(std::floor(lon - dlon + 180));
    for (int r = r0; r <= r1; ++r) {
        for (int k = 0; k < std::min(ncols, detail::kGridCols); ++k) {
            int c = ((c0 + k) % detail::kGridCols + detail::kGridCols) % detail::kGridCols;
            std::uint32_t cell = static_cast<std::uint32_t>(r * detail::kGridCols + c);
            for (std::uint32_t j = d.grid_cells[cell]; j < d.grid_cells[cell + 1] && j < d.grid_places.size(); ++j) {
                std::uint32_t p = d.grid_places[j];
                if (p >= d.places.size()) continue;
                double km = haversine_km(lat, lon, d.places[p].lat_e7 / 1e7, d.places[p].lon_e7 / 1e7);
                if (km <= radius_km) out.emplace_back(p, km);
            }
        }
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.second < b.second || (a.second == b.second && a.first < b.first); });
    if (out.size() > limit) out.resize(limit);
    return out;
}

std::string Index::country_at(double lat, double lon) const {
    const auto& d = *m_data;
    if (d.boundaries.size() < 8) return {};
    d.check(SectionId::Boundaries);
    std::call_once(d.locator_once, [&] {
        try {
            d.locator = std::make_unique<detail::CountryLocator>(d.path, d.boundaries);
        } catch (const IndexError&) {
            d.locator_error = std::current_exception();  // every later use fails alike
        }
    });
    if (!d.locator) std::rethrow_exception(d.locator_error);
    return d.locator->country_at(lat, lon);
}

std::optional<std::uint32_t> Index::find_id(std::string_view id) const {
    const auto& d = *m_data;
    auto it = std::lower_bound(d.id_order.begin(), d.id_order.end(), id, [&](std::uint32_t p, std::string_view v) {
        return p < d.places.size() ? d.str(d.places[p].id) < v : false;
    });
    if (it != d.id_order.end() && *it < d.places.size() && d.str(d.places[*it].id) == id) return *it;
    return std::nullopt;
}

std::optional<std::uint32_t> Index::country_place(std::string_view iso2) const {
    return find_id("country:" + std::string(iso2));
}

std::optional<std::uint32_t> Index::admin1_place(std::string_view iso2, std::string_view admin1_code) const {
    return find_id("admin1:" + std::string(iso2) + "." + std::string(admin1_code));
}

IndexInfo Index::info() const {
    const auto& d = *m_data;
    IndexInfo info;
    info.path = d.path;
    info.format_version = d.header->format_version;
    info.file_size = d.size;
    info.places = d.places.size();
    info.keys = d.trie.num_keys();
    info.fuzzy_entries = d.fuzzy.size();
    info.has_boundaries = d.boundaries.size() >= 8;
    const auto& m = d.meta;
    info.engine_version = m.value("engine_version", "");
    info.built_at = m.value("built_at", "");
    info.names = m.value("names", std::uint64_t{0});
    if (m.contains("sources") && m["sources"].is_array()) {
        for (const auto& s : m["sources"]) {
            SourceInfo si;
            si.name = s.value("name", "");
            si.version = s.value("version", "");
            si.sha256 = s.value("sha256", "");
            si.license = s.value("license", "");
            si.role = s.value("role", "");
            si.records = s.value("records", std::uint64_t{0});
            info.sources.push_back(std::move(si));
        }
    }
    std::ostringstream hex;
    hex << std::hex << d.header->header_checksum;
    info.checksum = hex.str();
    return info;
}

void Index::verify() const {
    const auto& d = *m_data;
    for (const auto& e : d.table) {
        if (XXH3_64bits(d.base + e.offset, e.size) != e.checksum)
            throw IndexError(d.path, std::string("corrupt index: checksum mismatch in section ") + section_name(e.id));
    }
}

std::string default_index_path(const std::string& exe_path) {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("GAZETTEER_INDEX"); env && *env) return env;
    if (!exe_path.empty()) {
        std::error_code ec;
        fs::path exe = fs::canonical(fs::path(exe_path), ec);
        if (ec) exe = fs::path(exe_path);
        fs::path cand = exe.parent_path() / ".." / "share" / "gazetteer" / "default.gzidx";
        if (fs::exists(cand, ec)) return fs::weakly_canonical(cand, ec).string();
    }
    return GAZETTEER_DEFAULT_INDEX_PATH;
}

}  // namespace gazetteer
