#pragma once
// The index below the look-up API: name keys, their posting lists, the deletion index for typo
// matches and the stored type-ahead completions. The engine's look-up and geoparser are built on
// these; the faces use lookup.hpp and geoparse.hpp instead and never include gazetteer/detail/
// (a CTest test checks that). Keys are normalised names (detail/normalize.hpp); the layout of
// the sections behind them is docs/index-format.md.

#include <gazetteer/index.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazetteer::detail {

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

/// Posting list of an exact normalised key (see normalize_key), empty when unknown. Throws
/// IndexError when a posting names no place of the file (damage found on use).
PostingList postings(const Index& index, std::string_view key);

/// True when `key` is a proper prefix of at least one key (word-by-word matching uses this
/// to decide whether to extend a candidate by the next word).
bool has_keys_with_prefix(const Index& index, std::string_view key);

/// Keys starting with `prefix`, at most `max_keys` of them, each with its posting list.
std::vector<std::pair<std::string, PostingList>> keys_with_prefix(const Index& index, std::string_view prefix,
                                                                  std::size_t max_keys);

/// Keys within edit distance `max_distance` (1 or 2, bytes, adjacent transpositions count one)
/// of `key`, each with its distance, found through the deletion index: every key of 4+ bytes
/// is stored with each of its one-byte deletions (its first 24 bytes), and the query probes
/// itself and its deletions, so a probe costs the same however large the index. Distance 1 is
/// found whole (substitution, insertion, deletion, transposition). Of distance 2, the probes
/// (with `max_distance` 2, also the query's two-byte deletions) find what leaves the query at
/// least as long as the key or moves a letter: two letters too many, a letter too many and
/// one wrong, a letter moved; not two wrong letters or two missing letters.
std::vector<std::pair<std::string, unsigned>> fuzzy_keys(const Index& index, std::string_view key,
                                                         unsigned max_distance);

/// One stored type-ahead completion of a prefix: a key starting with it and a place it names.
struct Completion {
    std::uint32_t key_id;  ///< pass to key() for the key's text
    Posting posting;
};

/// The best completions stored for `prefix` (a normalised key prefix), best first by
/// completion_rank (detail/rank.hpp), one per place, or nullopt when `prefix` is not stored:
/// only prefixes of more than 64 keys are (walk the keys of the others with keys_with_prefix).
/// A stored list holds the 24 best completions.
std::optional<std::vector<Completion>> completions(const Index& index, std::string_view prefix);

/// The text of a key by its id (as in Completion::key_id); "" for an unknown id.
std::string key(const Index& index, std::uint32_t key_id);

/// The length in bytes of a key by its id, without restoring it; 0 for an unknown id.
std::size_t key_length(const Index& index, std::uint32_t key_id);

}  // namespace gazetteer::detail
