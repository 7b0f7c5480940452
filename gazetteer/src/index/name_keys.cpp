// Keys stage: every name normalised to its key (detail/normalize.hpp), the trie of distinct keys, and
// each key's postings in importance order.

#include "index/build_stages.hpp"

#include <gazetteer/detail/normalize.hpp>

#include <algorithm>
#include <atomic>
#include <thread>
#include <unordered_map>

namespace gazetteer::detail {

namespace {

struct KeyEntry {
    std::uint32_t key;  // index into the distinct key strings
    std::uint32_t place;
    MatchKind kind;
};

}  // namespace

void build_name_keys(Drafts& st, const std::vector<PlaceRec>& recs, NameKeys& out) {
    auto& places = st.places;
    // Every name normalised (in parallel: ICU transliteration dominates the build).
    auto& names = out.names;
    for (std::size_t i = 0; i < places.size(); ++i) {
        auto pi = static_cast<std::uint32_t>(i);
        names.push_back({pi, MatchKind::Name, &places[i].name});
        if (!places[i].ascii_name.empty() && places[i].ascii_name != places[i].name)
            names.push_back({pi, MatchKind::AsciiName, &places[i].ascii_name});
        for (auto& a : places[i].alts) names.push_back({pi, a.kind, &a.name});
    }
    auto& keys_of = out.keys_of;
    keys_of.resize(names.size());
    unsigned nthreads = st.options.threads ? st.options.threads : std::max(1u, std::thread::hardware_concurrency());
    std::atomic<std::size_t> next{0}, done{0};
    auto worker = [&] {
        for (;;) {
            std::size_t b = next.fetch_add(4096);
            if (b >= names.size()) return;
            std::size_t e = std::min(names.size(), b + 4096);
            for (std::size_t k = b; k < e; ++k) keys_of[k] = normalize_key(*names[k].text);
            done += e - b;
        }
    };
    std::vector<std::thread> pool_threads;
    for (unsigned t = 1; t < nthreads; ++t) pool_threads.emplace_back(worker);
    worker();
    for (auto& t : pool_threads) t.join();
    st.progress("normalising names", names.size(), names.size());

    // Distinct keys, then (key, place, kind) entries keeping the best kind per (key, place).
    std::unordered_map<std::string_view, std::uint32_t> key_ids;
    auto& key_strings = out.key_strings;
    std::vector<KeyEntry> entries;
    entries.reserve(names.size());
    for (std::size_t k = 0; k < names.size(); ++k) {
        const std::string& key = keys_of[k];
        if (key.empty() || key.size() > 200) continue;
        auto [it, inserted] = key_ids.emplace(key, static_cast<std::uint32_t>(key_strings.size()));
        if (inserted) key_strings.push_back(key);
        entries.push_back({it->second, names[k].place, names[k].kind});
    }
    std::sort(entries.begin(), entries.end(), [&](const KeyEntry& a, const KeyEntry& b) {
        if (a.key != b.key) return a.key < b.key;
        if (a.place != b.place) return a.place < b.place;
        return a.kind < b.kind;
    });
    entries.erase(std::unique(entries.begin(), entries.end(),
                              [](const KeyEntry& a, const KeyEntry& b) { return a.key == b.key && a.place == b.place; }),
                  entries.end());

    st.progress("building key trie", 0, key_strings.size());
    marisa::Keyset keyset;
    for (auto k : key_strings) keyset.push_back(k.data(), k.size());
    auto& trie = out.trie;
    trie.build(keyset, static_cast<int>(MARISA_DEFAULT_NUM_TRIES) | static_cast<int>(MARISA_BINARY_TAIL) |
                           static_cast<int>(MARISA_LABEL_ORDER));
    auto& trie_id = out.trie_id;
    trie_id.assign(key_strings.size(), 0);
    for (std::size_t i = 0; i < keyset.size(); ++i) trie_id[i] = static_cast<std::uint32_t>(keyset[i].id());

    // Postings grouped by trie id, each list in importance order.
    std::vector<std::uint32_t> counts(trie.num_keys() + 1, 0);
    for (auto& e : entries) ++counts[trie_id[e.key] + 1];
    for (std::size_t i = 1; i < counts.size(); ++i) counts[i] += counts[i - 1];
    auto& post_offsets = out.post_offsets;
    post_offsets = counts;
    auto& postings = out.postings;
    postings.assign(entries.size(), 0);
    {
        std::vector<std::uint32_t> fill(counts.begin(), counts.end() - 1);
        for (auto& e : entries)
            postings[fill[trie_id[e.key]]++] = (e.place << 3) | static_cast<std::uint32_t>(e.kind);
    }
    for (std::size_t k = 0; k + 1 < post_offsets.size(); ++k) {
        std::sort(postings.begin() + post_offsets[k], postings.begin() + post_offsets[k + 1], [&](std::uint32_t a, std::uint32_t b) {
            float ia = recs[a >> 3].importance, ib = recs[b >> 3].importance;
            if (ia != ib) return ia > ib;
            return a < b;
        });
    }

    // Key lengths by trie id, so that typo matching can rule keys out without restoring them.
    auto& key_lengths = out.key_lengths;
    key_lengths.assign(trie.num_keys(), 0);
    for (std::size_t i = 0; i < key_strings.size(); ++i)
        key_lengths[trie_id[i]] = static_cast<std::uint8_t>(std::min<std::size_t>(255, key_strings[i].size()));
}

}  // namespace gazetteer::detail
