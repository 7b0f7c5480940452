// Look-up structures: the precomputed type-ahead completions of busy prefixes.

#include "index/build_stages.hpp"

#include <gazetteer/detail/rank.hpp>

#include <xxhash.h>

#include <algorithm>

namespace gazetteer::detail {

namespace {

// One candidate completion while building: rank, place, key, kind.
struct RankedEntry {
    double rank;
    std::uint32_t place;
    std::uint32_t key_id;
    MatchKind kind;
    bool operator<(const RankedEntry& o) const {  // better first; ties by place, then key
        if (rank != o.rank) return rank > o.rank;
        if (place != o.place) return place < o.place;
        return key_id < o.key_id;
    }
};

// Keeps the best kCompletionCount entries of `a` and `b` (each sorted, place-distinct), one per place.
void merge_top(std::vector<RankedEntry>& a, const std::vector<RankedEntry>& b, std::vector<RankedEntry>& tmp) {
    tmp.clear();
    std::size_t i = 0, j = 0;
    while (tmp.size() < kCompletionCount && (i < a.size() || j < b.size())) {
        const RankedEntry& e = (j >= b.size() || (i < a.size() && a[i] < b[j])) ? a[i++] : b[j++];
        bool seen = false;
        for (const auto& t : tmp) seen = seen || t.place == e.place;
        if (!seen) tmp.push_back(e);
    }
    a.swap(tmp);
}

}  // namespace

// The best completions of every prefix shared by more than kCompletionMinKeys keys. One pass over
// the keys in byte order keeps a stack of the open prefixes (one level per byte of the current
// key); closing a prefix hands its best entries up to its parent, so each prefix's list is the
// best of its keys' own entries and its children's lists. Ranks come from completion_rank, which
// does not depend on the prefix's length, so a child's best are valid for its parent.
Completions build_completions(const std::vector<std::string_view>& keys, const std::vector<std::uint32_t>& trie_id,
                              const std::vector<std::uint32_t>& post_offsets, const std::vector<std::uint32_t>& postings,
                              const std::vector<PlaceRec>& recs) {
    Completions out;
    std::vector<std::uint32_t> order(keys.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });

    struct Level {
        std::uint64_t keys = 0;
        std::vector<RankedEntry> top;
    };
    std::vector<Level> level(1);  // level[d]: the prefix of d bytes of the current key; level[0] = ""
    std::vector<RankedEntry> own, tmp;
    std::string_view prev;
    auto close_to = [&](std::size_t depth) {  // closes the levels deeper than `depth`
        for (std::size_t d = level.size() - 1; d > depth; --d) {
            Level& lv = level[d];
            // Only prefixes that end on a character boundary can be typed.
            bool boundary = d == prev.size() || (static_cast<unsigned char>(prev[d]) & 0xC0) != 0x80;
            if (lv.keys > kCompletionMinKeys && boundary) {
                std::string_view p = prev.substr(0, d);
                out.prefixes.push_back({XXH3_64bits(p.data(), p.size()), static_cast<std::uint32_t>(out.entries.size()),
                                        static_cast<std::uint32_t>(lv.top.size())});
                for (const auto& e : lv.top)
                    out.entries.push_back({e.key_id, (e.place << 3) | static_cast<std::uint32_t>(e.kind)});
            }
            Level& parent = level[d - 1];
            parent.keys += lv.keys;
            if (parent.top.empty()) parent.top.swap(lv.top);
            else merge_top(parent.top, lv.top, tmp);
            level.pop_back();
        }
    };
    for (std::uint32_t i : order) {
        std::string_view k = keys[i];
        std::size_t lcp = 0;
        while (lcp < prev.size() && lcp < k.size() && prev[lcp] == k[lcp]) ++lcp;
        close_to(lcp);
        prev = k;
        level.resize(k.size() + 1);
        // The key's own entries: every place it names, ranked, best kCompletionCount kept.
        std::uint32_t id = trie_id[i];
        own.clear();
        for (std::uint32_t j = post_offsets[id]; j < post_offsets[id + 1]; ++j) {
            std::uint32_t place = postings[j] >> 3;
            auto kind = static_cast<MatchKind>(postings[j] & 7u);
            own.push_back({completion_rank(kind, recs[place].importance, k.size()), place, id, kind});
        }
        std::size_t keep = std::min<std::size_t>(own.size(), kCompletionCount);
        std::partial_sort(own.begin(), own.begin() + static_cast<std::ptrdiff_t>(keep), own.end());
        own.resize(keep);
        Level& lv = level[k.size()];
        lv.keys += 1;
        merge_top(lv.top, own, tmp);
    }
    close_to(0);
    std::sort(out.prefixes.begin(), out.prefixes.end(),
              [](const CompletionRec& a, const CompletionRec& b) { return a.hash < b.hash; });
    return out;
}

}  // namespace gazetteer::detail
