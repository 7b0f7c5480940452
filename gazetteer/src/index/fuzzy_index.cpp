// Look-up structures: the typo index, a hash of each key and of its single deletions.

#include "index/build_stages.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace gazetteer::detail {

std::uint32_t fuzzy_hash(std::string_view s);

namespace {

// Offsets of the first record of each value of the hash's top b bits, b chosen for about four
// records a slot: uint32[2^b + 1], the last entry the record count.
std::vector<std::uint32_t> fuzzy_directory(const std::vector<FuzzyRec>& fuzzy) {
    unsigned bits = 4;
    while (bits < 28 && (std::size_t{1} << (bits + 2)) < fuzzy.size()) ++bits;
    std::vector<std::uint32_t> dir((std::size_t{1} << bits) + 1, 0);
    for (const auto& r : fuzzy) ++dir[(r.hash >> (32 - bits)) + 1];
    for (std::size_t i = 1; i < dir.size(); ++i) dir[i] += dir[i - 1];
    return dir;
}

}  // namespace

FuzzyIndex build_fuzzy_index(const std::vector<std::string_view>& key_strings, const std::vector<std::uint32_t>& trie_id) {
    // Fuzzy: each key (cut to kFuzzySpan bytes) and its single deletions, hashed, sorted by hash,
    // with a directory by the hash's top bits so that a probe costs two memory reads.
    std::vector<FuzzyRec> fuzzy;
    {
        std::size_t n = 0;
        for (auto k : key_strings)
            if (k.size() >= kFuzzyMinKeyLength) n += std::min<std::size_t>(k.size(), kFuzzySpan) + 1;
        fuzzy.reserve(n);
        std::string v;
        for (std::size_t i = 0; i < key_strings.size(); ++i) {
            std::string_view k = key_strings[i];
            if (k.size() < kFuzzyMinKeyLength) continue;
            std::string_view span = k.substr(0, kFuzzySpan);
            std::uint32_t id = trie_id[i];
            fuzzy.push_back({fuzzy_hash(span), id});
            for (std::size_t d = 0; d < span.size(); ++d) {
                if (d > 0 && span[d] == span[d - 1]) continue;  // same variant as deleting d - 1
                v.assign(span.substr(0, d));
                v.append(span.substr(d + 1));
                fuzzy.push_back({fuzzy_hash(v), id});
            }
        }
    }
    std::sort(fuzzy.begin(), fuzzy.end(), [](const FuzzyRec& a, const FuzzyRec& b) {
        return a.hash != b.hash ? a.hash < b.hash : a.key_id < b.key_id;
    });
    fuzzy.erase(std::unique(fuzzy.begin(), fuzzy.end(), [](const FuzzyRec& a, const FuzzyRec& b) {
                    return a.hash == b.hash && a.key_id == b.key_id;
                }),
                fuzzy.end());
    std::vector<std::uint32_t> fuzzy_dir = fuzzy_directory(fuzzy);
    return {std::move(fuzzy), std::move(fuzzy_dir)};
}

}  // namespace gazetteer::detail
