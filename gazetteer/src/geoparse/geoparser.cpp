// The geoparser: recognition (which spans name places) and resolution (which places they name).
//
// Recognition is a greedy longest match over word tokens against the index's keys, extended word
// by word while detail::has_keys_with_prefix says a longer key exists. A candidate span is then
// judged with evidence in the spirit of rule-based NER (Mikheev et al. 1999, "Named entity
// recognition without gazetteers"): capitalisation, sentence position, whether the word is used
// in lower case elsewhere in the article (a common word), person titles and given names before
// it, organisation cue words after it, and person names learnt from the article itself (once
// "Kim Jong Un" or "President Vladimir Putin" has been seen, a lone "Kim" or "Putin" is a person).
//
// Resolution follows the usual toponym-resolution heuristics (Leidner 2007; Lieberman & Samet
// 2010; Gritta et al. 2018): a prior from population and feature type, the quality of the name
// match, the countries the article is about, explicit qualifiers ("Moscow, Idaho"), distance to
// the article's other unambiguous places, and one sense per name per article (Gale et al. 1992).
// Confidence combines the winning score with its margin over the best rival more than 100 km
// away; below options().abstain_below the parser keeps the candidates but names no place.

#include <gazetteer/detail/index_keys.hpp>
#include <gazetteer/detail/normalize.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/geoparse.hpp>
#include <gazetteer/lookup.hpp>
#include <gazetteer/place.hpp>
#include <gazetteer/text.hpp>

#include "geoparse/language.hpp"
#include "place_tally.hpp"
#include "geoparse/lexicon.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace gazetteer {

const char* mention_kind_name(MentionKind k) noexcept {
    switch (k) {
        case MentionKind::Literal: return "literal";
        case MentionKind::Metonymy: return "metonymy";
        case MentionKind::Demonym: return "demonym";
    }
    return "unknown";
}

std::size_t ArticleResult::unresolved() const noexcept {
    return static_cast<std::size_t>(std::count_if(mentions.begin(), mentions.end(), [](const Mention& m) { return !m.place; }));
}

MentionKinds MentionKinds::parse(std::string_view list) {
    MentionKinds k;
    k.m_bits = 0;
    std::size_t pos = 0;
    while (pos <= list.size()) {
        std::size_t comma = list.find(',', pos);
        if (comma == std::string_view::npos) comma = list.size();
        std::string_view w = list.substr(pos, comma - pos);
        while (!w.empty() && w.front() == ' ') w.remove_prefix(1);
        while (!w.empty() && w.back() == ' ') w.remove_suffix(1);
        if (w == "literal") k.m_bits |= 1u << static_cast<unsigned>(MentionKind::Literal);
        else if (w == "metonymy") k.m_bits |= 1u << static_cast<unsigned>(MentionKind::Metonymy);
        else if (w == "demonym") k.m_bits |= 1u << static_cast<unsigned>(MentionKind::Demonym);
        else if (!w.empty()) throw UsageError("unknown mention kind '" + std::string(w) + "' (expected literal, metonymy or demonym)");
        pos = comma + 1;
    }
    if (k.m_bits == 0) throw UsageError("no mention kind given (expected literal, metonymy and/or demonym)");
    return k;
}

std::string MentionKinds::to_string() const {
    std::string s;
    for (auto kind : {MentionKind::Literal, MentionKind::Metonymy, MentionKind::Demonym})
        if (has(kind)) s += (s.empty() ? "" : ",") + std::string(mention_kind_name(kind));
    return s;
}

Geoparser::Geoparser(const Index& index, GeoparseOptions options) : m_index(&index), m_options(std::move(options)) {
    if (!(m_options.abstain_below >= 0 && m_options.abstain_below <= 1))
        throw UsageError("abstain_below must be within [0, 1]");
    if (!(m_options.recognition_threshold >= 0 && m_options.recognition_threshold <= 1))
        throw UsageError("recognition_threshold must be within [0, 1]");
    if (m_options.max_candidates == 0) throw UsageError("max_candidates must be at least 1");
    if (m_options.window_bytes < 4 * m_options.window_overlap_bytes || m_options.window_overlap_bytes < 64)
        throw UsageError("window_bytes must be at least 4 x window_overlap_bytes, and the overlap at least 64 bytes");
    detail::language_from_code(m_options.language);  // throws UsageError for an unknown code
}

namespace {

using namespace detail;

// True when every non-ASCII character of `s` is U+2019 or U+02BC (apostrophes normalize_key drops).
bool only_apostrophes_beyond_ascii(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) continue;
        if (i + 2 < s.size() && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 && static_cast<unsigned char>(s[i + 2]) == 0x99) { i += 2; continue; }
        if (i + 1 < s.size() && c == 0xCA && static_cast<unsigned char>(s[i + 1]) == 0xBC) { i += 1; continue; }
        return false;
    }
    return true;
}

struct Span {
    std::uint32_t first = 0, last = 0;  // token indices, inclusive
    std::uint32_t trim_bytes = 0, trim_cp = 0;  // a Korean particle cut off the last token
    std::string key;
    PostingList list;
    double recog = 1.0;
    bool weak = false;          // a minor place with no cue: kept only if the article supports it
    bool cue = false;           // a locative cue, "-based" or a qualifier
    bool metonymy = false;
    bool abbreviation_only = false;
    int qualifier = -1;         // index of the span that qualifies this one ("Moscow, Idaho")
    std::string country;        // a country the text puts it in without naming it as a span ("российской станции")
    int group = -1;
    std::vector<std::string> reasons;
};

struct Cand {
    std::uint32_t place;
    MatchKind kind;
    double prior;    // importance and match quality alone
    double score;    // with context
};

struct Group {
    std::string key;
    std::vector<std::uint32_t> spans;
    std::vector<Cand> cands;
    bool weak = true, cue = false, demonym = false;
    double recog = 0;
    int best = -1;
    double confidence = 0;
    std::vector<std::string> reasons;
    std::vector<std::pair<std::uint32_t, double>> country_votes;  // its own contribution
};

// An open-addressing set of words reused across articles: cleared in O(capacity) without
// freeing, so the per-word node allocations of std::unordered_set disappear from the hot loop.
class FlatWordSet {
public:
    void clear(std::size_t expected) {
        std::size_t cap = 64;
        while (cap < expected * 2) cap <<= 1;
        if (m_slots.size() != cap) m_slots.assign(cap, {});
        else std::fill(m_slots.begin(), m_slots.end(), std::string_view());
    }
    void insert(std::string_view w) {
        if (w.empty()) return;
        std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash(w) & mask;; i = (i + 1) & mask) {
            if (m_slots[i].empty()) { m_slots[i] = w; return; }
            if (m_slots[i] == w) return;
        }
    }
    std::size_t count(std::string_view w) const {
        if (w.empty() || m_slots.empty()) return 0;
        std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash(w) & mask;; i = (i + 1) & mask) {
            if (m_slots[i].empty()) return 0;
            if (m_slots[i] == w) return 1;
        }
    }

private:
    static std::size_t hash(std::string_view w) {
        std::uint64_t h = 1469598103934665603ull;  // FNV-1a: short words, no need for more
        for (unsigned char c : w) h = (h ^ c) * 1099511628211ull;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
    std::vector<std::string_view> m_slots;
};

struct Scratch {
    TokenizedText tt;
    std::vector<std::string> keys;
    std::string buf;
    FlatWordSet lower_words;
    std::unordered_set<std::string> persons;
    std::vector<Span> spans;
    std::vector<std::uint8_t> caps_sentence;
    std::vector<LanguageSpan> lang_spans;
};

double match_quality(MatchKind k) {
    switch (k) {
        case MatchKind::Name:
        case MatchKind::AsciiName: return 1.0;
        // A place's own name beats another place's alternate name: "Rome" is Rome before it is
        // Lomé (which some language calls so).
        case MatchKind::AltName: return 0.8;
        case MatchKind::Abbreviation: return 0.85;
        case MatchKind::Demonym: return 0.9;
    }
    return 0.5;
}

class Parse {
public:
    Parse(const Index& idx, const GeoparseOptions& o, std::string_view text, Language lang, Scratch& s,
          const ParseProgress* progress = nullptr)
        : m_idx(idx), m_o(o), m_text(text), m_lang(lang), m_s(s), m_toks(s.tt.tokens), m_progress(progress) {}

    ArticleResult run(std::string_view id) {
        // Stage boundaries: estimated shares of the work (progress is for display only).
        stage(0.0, 0.1);
        tokenize(m_text, m_s.tt);
        stage(0.1, 0.25);
        make_keys();
        stage(0.25, 0.35);
        learn_persons();
        stage(0.35, 0.7);
        find_spans();
        if (m_lang != Language::English) add_language_spans();
        stage(0.7, 0.75);
        find_qualifiers();
        stage(0.75, 0.95);
        resolve();
        stage(0.95, 1.0);
        auto r = build(id);
        report(1.0);
        return r;
    }

private:
    void report(double fraction) const {
        if (m_progress && *m_progress && !(*m_progress)(fraction)) throw Cancelled("geoparsing cancelled");
    }
    void stage(double from, double to) {
        m_from = from;
        m_to = to;
        report(from);
    }
    // Within a stage: item i of n, reported every 4096 items (the call costs a Python round
    // trip when the caller is the QGIS plugin).
    void tick(std::size_t i, std::size_t n) const {
        if (m_progress && (i & 4095u) == 0 && i && n) report(m_from + (m_to - m_from) * static_cast<double>(i) / static_cast<double>(n));
    }

    const Index& m_idx;
    const GeoparseOptions& m_o;
    std::string_view m_text;
    Language m_lang;
    Scratch& m_s;
    std::vector<Token>& m_toks;
    std::vector<Group> m_groups;
    const ParseProgress* m_progress;  // may be null
    double m_from = 0, m_to = 0;      // the current stage spans [m_from, m_to) of the work

    std::string_view surface(std::uint32_t t) const { return m_text.substr(m_toks[t].begin, m_toks[t].end - m_toks[t].begin); }
    const std::string& key(std::uint32_t t) const { return m_s.keys[t]; }
    bool word(std::uint32_t t) const { return t < m_toks.size() && m_toks[t].is(TokWord); }
    bool cap(std::uint32_t t) const { return word(t) && m_toks[t].is(TokCapitalised); }
    bool caps_context(std::uint32_t t) const { return m_s.caps_sentence[m_s.tt.sentence_of[t]] != 0; }

    void make_keys() {
        auto& keys = m_s.keys;
        if (keys.size() < m_toks.size()) keys.resize(m_toks.size());
        m_s.lower_words.clear(m_toks.size());
        for (std::uint32_t i = 0; i < m_toks.size(); ++i) {
            tick(i, m_toks.size());
            keys[i].clear();
            const Token& t = m_toks[i];
            if (!t.is(TokWord)) continue;
            std::string_view sv = surface(i);
            // ICU only for capitalised words with letters beyond ASCII: curly apostrophes
            // ("neighborhood’s") fold like straight ones, and lower-case words serve only as
            // common-word evidence, for which their raw lower-case bytes do.
            // word_key() is normalize_key() without ICU for Cyrillic and Hangul (language.hpp).
            if (t.is(TokNonAscii) && t.is(TokCapitalised) && !only_apostrophes_beyond_ascii(sv)) word_key(sv, keys[i]);
            else fold_ascii_key(sv, keys[i]);
            if (!t.is(TokCapitalised) && !t.is(TokDigit)) m_s.lower_words.insert(keys[i]);
        }
        // Sentences mostly in capitals (headlines, shouted datelines) lose the capitalisation cue.
        m_s.caps_sentence.assign(m_s.tt.sentences.size(), 0);
        for (std::size_t si = 0; si < m_s.tt.sentences.size(); ++si) {
            const auto& se = m_s.tt.sentences[si];
            unsigned words = 0, caps = 0;
            for (auto t = se.first; t < se.last; ++t)
                if (m_toks[t].is(TokWord) && !m_toks[t].is(TokDigit)) {
                    ++words;
                    if (m_toks[t].is(TokAllCaps)) ++caps;
                }
            m_s.caps_sentence[si] = words >= 3 && caps * 10 >= words * 6;
        }
    }

    // The word token after t within the same sentence, joined by white space only (no line
    // break) or by one hyphen; -1 when there is none.
    long next_joined(std::uint32_t t, bool allow_hyphen) const {
        std::uint32_t n = t + 1;
        if (n >= m_toks.size()) return -1;
        if (m_toks[n].is(TokWord)) {
            if (!m_toks[n].is(TokSpaceBefore) || m_toks[n].is(TokNewlineBefore)) return -1;
            return n;
        }
        if (allow_hyphen && m_toks[n].is(TokPunct) && m_text[m_toks[n].begin] == '-' && !m_toks[n].is(TokSpaceBefore) &&
            n + 1 < m_toks.size() && m_toks[n + 1].is(TokWord) && !m_toks[n + 1].is(TokSpaceBefore))
            return n + 1;
        // "St. Louis", "Mt. Everest": the abbreviation dot joins.
        if (m_toks[n].is(TokPunct) && m_text[m_toks[n].begin] == '.' && n + 1 < m_toks.size() && m_toks[n + 1].is(TokWord) &&
            m_toks[n + 1].is(TokSpaceBefore) && (key(t) == "st" || key(t) == "mt" || key(t) == "ft"))
            return n + 1;
        return -1;
    }
    long prev_joined(std::uint32_t t) const {
        if (t == 0 || !m_toks[t].is(TokSpaceBefore) || m_toks[t].is(TokNewlineBefore)) return -1;
        return m_toks[t - 1].is(TokWord) ? static_cast<long>(t - 1) : -1;
    }

    // Runs of capitalised words that hold a title, a given name or a leading family name name a
    // person: their later words go to the article's person set.
    void learn_persons() {
        auto& persons = m_s.persons;
        persons.clear();
        const std::uint32_t n = static_cast<std::uint32_t>(m_toks.size());
        for (std::uint32_t i = 0; i < n;) {
            tick(i, n);
            if (!cap(i) || m_toks[i].is(TokDigit)) { ++i; continue; }
            std::uint32_t j = i;
            for (;;) {
                long nx = next_joined(j, true);
                if (nx < 0 || !(cap(static_cast<std::uint32_t>(nx)) || m_toks[nx - 1].is(TokPunct))) break;
                j = static_cast<std::uint32_t>(nx);
            }
            // A title right before the run (often lower case: "spokesman Dmitry Peskov").
            long pv = prev_joined(i);
            long start = -1;
            if (pv >= 0 && is_title_word(key(static_cast<std::uint32_t>(pv)))) start = i;
            // "Gen." before the run: the dot separates it.
            if (start < 0 && i >= 2 && m_toks[i - 1].is(TokPunct) && m_text[m_toks[i - 1].begin] == '.' &&
                m_toks[i - 2].is(TokWord) && is_title_word(key(i - 2)))
                start = i;
            for (std::uint32_t k = i; k <= j && start < 0; ++k) {
                if (!m_toks[k].is(TokWord)) continue;
                const auto& kk = key(k);
                if (is_title_word(kk) && k < j) start = k + 1;
                else if ((is_given_name(kk) || is_leading_family_name(kk)) && k < j && !caps_context(k)) start = k;
            }
            // A run of two or three capitalised words that is no place, no organisation and does
            // not open a sentence with a common word is most likely a person ("Conor McGregor"):
            // its last word alone later is that person.
            if (start < 0 && j > i && !caps_context(i) && m_toks[j].is(TokWord) &&
                (!m_toks[i].is(TokSentenceStart) || is_given_name(key(i))) && !top_is_major(detail::postings(m_idx, key(j)))) {
                bool plain = true;
                unsigned words = 0;
                for (std::uint32_t k = i; k <= j; ++k) {
                    if (!m_toks[k].is(TokWord)) continue;
                    ++words;
                    const auto& kk = key(k);
                    if (is_stop_word(kk) || is_calendar_word(kk) || is_org_cue(kk) || is_place_modifier(kk) ||
                        m_toks[k].is(TokAllCaps) || m_toks[k].is(TokDigit))
                        plain = false;
                }
                if (plain && words <= 3) {
                    auto first = detail::postings(m_idx, key(i));
                    bool first_place = !first.empty() && top_is_major(first);
                    std::string whole;
                    for (std::uint32_t k = i; k <= j; ++k)
                        if (m_toks[k].is(TokWord)) { if (!whole.empty()) whole += ' '; whole += key(k); }
                    if (!first_place && detail::postings(m_idx, whole).empty() && !detail::has_keys_with_prefix(m_idx, whole)) {
                        // Only the last word: the first may be a given name shared with places.
                        persons.insert(key(j));
                    }
                }
            }
            if (start >= 0 && !caps_context(i)) {
                for (auto k = static_cast<std::uint32_t>(start); k <= j; ++k) {
                    if (!m_toks[k].is(TokWord) || is_title_word(key(k))) continue;
                    const auto& kk = key(k);
                    // Function words, organisation nouns and major places inside a run ("the
                    // Russian Foreign Office") are not names.
                    if (is_stop_word(kk) || is_org_cue(kk) || rank_of(detail::postings(m_idx, kk)) >= Admin1) continue;
                    persons.insert(kk);
                }
            }
            // "Johnson said": a lone minor name as the subject of a verb of saying is a person
            // (not after a preposition: "owners in Vladivostok said").
            if (i == j && word(j + 1) && !cap(j + 1) && !caps_context(i) &&
                !(i > 0 && word(i - 1) && is_preposition(key(i - 1)))) {
                const auto& vk = key(j + 1);
                if ((vk == "said" || vk == "says" || vk == "told" || vk == "added" || vk == "explained") &&
                    !top_is_major(detail::postings(m_idx, key(i))) && !m_s.lower_words.count(key(i)))
                    persons.insert(key(i));
            }
            i = j + 1;
        }
    }

    // How prominent the best place of a name is. Only a place's own name counts (an alternate
    // name or code of a region is no such evidence: "Centre" is a French region's short name,
    // "BA" Bosnia's code), except abbreviations written as such ("US", "U.S.").
    enum Rank { Minor = 0, BigCity = 1, Admin1 = 2, CountryLevel = 3 };
    Rank rank_of(const PostingList& list, bool written_as_abbreviation = false) const {
        if (list.empty()) return Minor;
        auto p = list[0].place;
        auto k = list[0].kind;
        if (k == MatchKind::Demonym) return CountryLevel;
        auto fc = m_idx.place_feature_code(p);
        if (k == MatchKind::Abbreviation && !written_as_abbreviation) return Minor;
        if (is_country_feature_code(fc) || fc == "CONT") return CountryLevel;
        if (k == MatchKind::AltName) return Minor;
        // A division counts as prominent by its people: "California", not "Paul" (a Cape Verde
        // division) or "Michael" (an Isle of Man sheading), which are far more often names.
        if (fc == "ADM1") return m_idx.place_population(p) >= 300000 ? Admin1 : Minor;
        if (fc == "PPLC" || m_idx.place_population(p) >= 1000000) return BigCity;
        return Minor;
    }
    bool top_is_major(const PostingList& list, bool written_as_abbreviation = false) const {
        return rank_of(list, written_as_abbreviation) != Minor;
    }

    bool only_kind(const PostingList& list, MatchKind k, std::size_t look = 8) const {
        std::size_t n = 0;
        for (auto p : list) {
            if (p.kind != k) return false;
            if (++n >= look) break;
        }
        return !list.empty();
    }

    void find_spans() {
        auto& spans = m_s.spans;
        spans.clear();
        const std::uint32_t n = static_cast<std::uint32_t>(m_toks.size());
        std::string cur;
        for (std::uint32_t i = 0; i < n; ++i) {
            tick(i, n);
            const Token& t = m_toks[i];
            if (!t.is(TokWord) || !t.is(TokCapitalised) || t.is(TokDigit)) continue;
            if (t.cp_end - t.cp_begin < 2) continue;  // single letters are initials
            // In Russian and Korean texts the English rules read only Latin-script words.
            if (m_lang != Language::English && t.is(TokNonAscii)) continue;
            cur = key(i);
            long best_last = -1;
            PostingList best_list;
            std::string best_key;
            auto pl = detail::postings(m_idx, cur);
            if (!pl.empty()) { best_last = i; best_list = pl; best_key = cur; }
            if (t.is(TokDottedAbbrev) && pl.empty()) {
                // "U.S." may be indexed as "US": try the initials run together.
                std::string joined;
                for (char c : cur) if (c != ' ') joined.push_back(c);
                auto pj = detail::postings(m_idx, joined);
                if (!pj.empty()) { best_last = i; best_list = pj; best_key = joined; }
            }
            std::uint32_t j = i;
            for (int ext = 0; ext < 6; ++ext) {
                long nx = next_joined(j, true);
                if (nx < 0) break;
                // A name goes on with a capitalised word, a number or a short connector ("of",
                // "on", "am", "de la"); any other lower-case word ends it, which saves the
                // trie's prefix search (the costliest look-up) for most tokens.
                const Token& nt = m_toks[static_cast<std::uint32_t>(nx)];
                if (!nt.is(TokCapitalised) && !nt.is(TokDigit) && nt.cp_end - nt.cp_begin > 4) break;
                if (!detail::has_keys_with_prefix(m_idx, cur)) break;
                cur += ' ';
                cur += key(static_cast<std::uint32_t>(nx));
                j = static_cast<std::uint32_t>(nx);
                if (!m_toks[j].is(TokCapitalised) && !m_toks[j].is(TokDigit)) continue;  // "Komsomolsk-on-Amur": ends capitalised
                auto pl2 = detail::postings(m_idx, cur);
                if (!pl2.empty()) { best_last = j; best_list = pl2; best_key = cur; }
            }
            if (best_last < 0) continue;
            Span sp;
            sp.first = i;
            sp.last = static_cast<std::uint32_t>(best_last);
            sp.key = best_key;
            sp.list = best_list;
            if (judge(sp)) spans.push_back(std::move(sp));
            i = static_cast<std::uint32_t>(best_last);
        }
    }

    // Recognition evidence for one span; false rejects it.
    bool judge(Span& sp) {
        const std::uint32_t f = sp.first, l = sp.last;
        const bool single = f == l;
        const Token& ft = m_toks[f];
        const bool caps_ctx = caps_context(f);
        const bool sent_start = ft.is(TokSentenceStart) || (f > 0 && m_toks[f - 1].is(TokPunct) && m_toks[f - 1].is(TokSentenceStart));
        const std::string& k1 = key(f);
        const Rank rank = rank_of(sp.list, ft.is(TokAllCaps) || ft.is(TokDottedAbbrev));
        const bool major = rank != Minor;
        const bool demonym = only_kind(sp.list, MatchKind::Demonym, 3);
        sp.abbreviation_only = only_kind(sp.list, MatchKind::Abbreviation);

        // Cues around the span.
        long pv = prev_joined(f);
        std::uint32_t nx_t = l + 1;
        bool hyphen_after = nx_t < m_toks.size() && m_toks[nx_t].is(TokPunct) && m_text[m_toks[nx_t].begin] == '-' &&
                            !m_toks[nx_t].is(TokSpaceBefore);
        if (hyphen_after && word(nx_t + 1) && key(nx_t + 1) == "based") { sp.cue = true; sp.reasons.push_back("'-based'"); }
        if (f > 0 && m_toks[f - 1].is(TokWord) && m_toks[f].is(TokSpaceBefore) && !m_toks[f - 1].is(TokCapitalised) &&
            is_locative_cue(key(f - 1))) {
            sp.cue = true;
            sp.reasons.push_back("after '" + std::string(surface(f - 1)) + "'");
        }

        if (sp.abbreviation_only) {
            // Codes and abbreviations count only when written as such: "U.S.", "UK", not "Us".
            if (!(ft.is(TokDottedAbbrev) || ft.is(TokAllCaps)) || !single) return false;
            if (caps_ctx && !ft.is(TokDottedAbbrev)) return false;
            std::string joined;
            for (char c : k1) if (c != ' ') joined.push_back(c);
            if (is_common_acronym(joined)) return false;
            // A two-letter code next to a number or inside a list of codes is a unit or a ticker.
            sp.reasons.push_back("abbreviation");
        }
        if (single && !ft.is(TokDottedAbbrev)) {
            if (is_calendar_word(k1)) return false;
            if (m_s.persons.count(k1) && !(major && sp.cue)) return false;
            // Upper case in mixed-case text is an abbreviation ("US"), not the function word.
            bool stop = is_stop_word(k1) && !(ft.is(TokAllCaps) && !caps_ctx);
            if (stop && (sent_start || caps_ctx || !sp.cue)) return false;
            // Short upper-case words in mixed-case text are acronyms (NATO, CNN, BJP) unless they
            // are a recorded abbreviation of a major place or a dateline ("LONDON (Reuters) -").
            if (ft.is(TokAllCaps) && !caps_ctx && !ft.is(TokNewlineBefore) && f > 0) {
                bool abbr_major = false;
                std::size_t n = 0;
                for (auto p : sp.list) {
                    // Any name of a country or division counts ("UAE" is recorded as an
                    // alternate spelling); only codes of towns and airports do not.
                    if (p.kind == MatchKind::Abbreviation || p.kind == MatchKind::AltName || p.kind == MatchKind::Name) {
                        auto fc = m_idx.place_feature_code(p.place);
                        if (is_country_feature_code(fc) || fc == "ADM1" || fc == "CONT" || fc == "RGN") abbr_major = true;
                    }
                    if (++n >= 8) break;
                }
                if (!abbr_major && (ft.cp_end - ft.cp_begin) <= 5) return false;
            }
            // A word the article also writes in lower case is a common word when capitalised
            // only by position.
            if ((sent_start || caps_ctx) && m_s.lower_words.count(k1)) return false;
            // A bare given name ("David", "Paul") is a person unless it names a country or a
            // division, or a cue says place.
            if (is_given_name(k1) && rank < Admin1 && !sp.cue) return false;
            // Organisation nouns alone ("Centre", "Post") are parts of names, whatever small
            // region shares the word.
            if (is_org_cue(k1) && rank < CountryLevel && !sp.cue) return false;
            if (!major && !sp.cue) {
                // Common words (used in lower case in this article, or organisation nouns such as
                // "Centre" and "Post") and bare given names are not places without a cue.
                if (m_s.lower_words.count(k1) || is_org_cue(k1) || is_given_name(k1) || is_title_word(k1)) return false;
                // "the Centre", "the Post": a minor town or building is not written with "the";
                // rivers, regions and seas are ("the Cauvery").
                if (f > 0 && word(f - 1) && key(f - 1) == "the") {
                    char fcl = m_idx.place_feature_class(sp.list[0].place);
                    if (fcl == 'P' || fcl == 'S' || fcl == 'A') return false;
                }
            }
            // Plural people nouns ("Americans", "Saudis") are not place mentions.
            if (demonym && k1.size() > 3 && k1.back() == 's' && !detail::postings(m_idx, std::string_view(k1).substr(0, k1.size() - 1)).empty())
                return false;
            // Two-letter country codes other than the usual news abbreviations ("US", "UK") need
            // the country to be named elsewhere in the article ("BA" is rarely Bosnia).
            if (ft.is(TokAllCaps) && k1.size() == 2 && k1 != "us" && k1 != "uk" && k1 != "eu" && k1 != "un")
                return false;
        } else if (m_s.persons.count(k1) && !major) {
            return false;
        }
        if (!single) {
            // A phrase of common words matched only through a translation ("White House" is an
            // alternate name of Casablanca) is the phrase, not the place.
            bool all_common = true;
            for (auto t = f; t <= l; ++t)
                if (word(t) && !is_stop_word(key(t)) && !m_s.lower_words.count(key(t))) all_common = false;
            // Countries' own other names are curated ("Holy See"), not translations: they stay.
            bool country_name = is_country_feature_code(m_idx.place_feature_code(sp.list[0].place));
            if (all_common && !country_name && sp.list[0].kind != MatchKind::Name && sp.list[0].kind != MatchKind::AsciiName)
                return false;
        }

        // Left neighbour: titles and given names make a person; other unknown capitalised words
        // make a longer name (organisation, work, person) of which this is a part.
        if (pv >= 0) {
            auto p = static_cast<std::uint32_t>(pv);
            const std::string& pk = key(p);
            if (m_toks[p].is(TokCapitalised) && !caps_ctx) {
                bool p_start = m_toks[p].is(TokSentenceStart);
                if (is_title_word(pk) && !(p_start && is_stop_word(pk))) {
                    if (!major || m_s.persons.count(k1)) return false;
                } else if (is_given_name(pk) || is_leading_family_name(pk)) {
                    // "Michael Jordan", "Paris Hilton": a given name right before a one-word
                    // place makes a person unless a cue says place.
                    if (!major || (single && !sp.cue)) return false;
                } else if (p_start && (is_stop_word(pk) || m_s.lower_words.count(pk))) {
                    // "The", "In", "When" at the start of a sentence
                } else if (is_place_modifier(pk) || is_calendar_word(pk) || !detail::postings(m_idx, pk).empty()) {
                    // "Northern Syria", "Monday Moscow", "Syrian Kurdish"
                } else if (!major && !demonym) {
                    return false;
                } else {
                    sp.recog -= 0.1;
                }
            } else if (!m_toks[p].is(TokCapitalised) && is_title_word(pk) && !major) {
                return false;  // "spokesman Peskov"
            }
        }
        // "Department of Commerce", "University of Louisville": the object of an organisation.
        if (f >= 2 && word(f - 1) && key(f - 1) == "of" && cap(f - 2) && !m_toks[f - 2].is(TokAllCaps) &&
            m_toks[f - 1].is(TokSpaceBefore) && m_toks[f].is(TokSpaceBefore)) {
            const std::string& ok = key(f - 2);
            if (is_org_cue(ok) || is_title_word(ok)) {
                if (!major) return false;
                sp.recog -= 0.05;
            } else if (!is_place_modifier(ok) && detail::postings(m_idx, ok).empty() && !major) {
                return false;
            }
        }
        // Right neighbour.
        long nx = next_joined(l, false);
        if (nx >= 0) {
            auto q = static_cast<std::uint32_t>(nx);
            const std::string& qk = key(q);
            if (m_toks[q].is(TokCapitalised) && !caps_ctx) {
                if (is_org_cue(qk)) {
                    // "Washington Post", "Chatham House", "New York Times"; a country or demonym
                    // in a name still places it ("Chinese Embassy", "Syrian Army").
                    // GeoWebNews-style annotation counts such modifiers as toponyms, so a major
                    // place keeps its mention with less confidence; a minor one is dropped.
                    if (!major) return false;
                    sp.recog -= 0.15;
                    sp.reasons.push_back("part of a name ('" + std::string(surface(q)) + "')");
                } else if (is_title_word(qk) || is_calendar_word(qk) || is_place_modifier(qk)) {
                    // "Moscow Mayor", "Syrian President"
                } else if (!detail::postings(m_idx, qk).empty() && !m_s.persons.count(qk)) {
                    // next to another place: "Syrian Kurdish", "Paris France"
                } else if (m_s.persons.count(qk) || is_given_name(k1) || is_leading_family_name(k1)) {
                    if (!major || (single && is_leading_family_name(k1))) return false;
                } else if (!major && !demonym) {
                    return false;
                } else {
                    sp.recog -= 0.1;
                }
            }
        }
        // Reporting verb after a place: metonymy ("Moscow said", "Washington has warned"), unless
        // the place is the object of a preposition and the verb has another subject ("Officials
        // in Moscow said" is the city itself).
        const bool object_of_preposition = f > 0 && word(f - 1) && is_preposition(key(f - 1));
        if (!object_of_preposition && nx_t < m_toks.size() && word(nx_t) && !m_toks[nx_t].is(TokCapitalised)) {
            const std::string& vk = key(nx_t);
            if (is_reporting_verb(vk)) sp.metonymy = true;
            else if ((vk == "has" || vk == "have" || vk == "had" || vk == "will" || vk == "would") && word(nx_t + 1) &&
                     is_reporting_verb(key(nx_t + 1)))
                sp.metonymy = true;
        }
        if (sent_start && single && !major && !sp.cue) {
            sp.recog -= 0.15;
            sp.reasons.push_back("capitalised at sentence start");
        }
        // A minor place named by a single word without any cue may be a surname or a brand.
        if (!major && !sp.cue && single) {
            float imp = m_idx.place_importance(sp.list[0].place);
            if (imp < 0.55f) sp.weak = true;
        }
        return sp.recog >= m_o.recognition_threshold;
    }

    // The spans of the language's own recogniser (language.hpp), merged in text order with the
    // Latin-script spans the English rules found; an overlap keeps the earlier span.
    void add_language_spans() {
        auto& ls = m_s.lang_spans;
        find_language_spans(m_lang, m_idx, m_text, m_s.tt, ls);
        if (ls.empty()) return;
        std::vector<Span> merged;
        merged.reserve(m_s.spans.size() + ls.size());
        std::size_t a = 0, b = 0;
        long end = -1;
        while (a < m_s.spans.size() || b < ls.size()) {
            bool take_lang = a >= m_s.spans.size() || (b < ls.size() && ls[b].first < m_s.spans[a].first);
            if (take_lang) {
                auto& l = ls[b++];
                if (static_cast<long>(l.first) <= end) continue;
                Span sp;
                sp.first = l.first;
                sp.last = l.last;
                sp.trim_bytes = l.trim_bytes;
                sp.trim_cp = l.trim_cp;
                sp.key = std::move(l.key);
                sp.list = l.list;
                sp.recog = l.recog;
                sp.weak = l.weak;
                sp.cue = l.cue;
                sp.metonymy = l.metonymy;
                sp.country = std::move(l.country);
                sp.reasons = std::move(l.reasons);
                end = sp.last;
                merged.push_back(std::move(sp));
            } else {
                auto& e = m_s.spans[a++];
                if (static_cast<long>(e.first) <= end) continue;
                end = e.last;
                merged.push_back(std::move(e));
            }
        }
        m_s.spans.swap(merged);
    }

    // "Moscow, Idaho", "Khasan, Russia", "Paris, Texas": a span followed by a comma and a span
    // naming a country or first-level division qualifies the first.
    void find_qualifiers() {
        auto& spans = m_s.spans;
        for (std::size_t a = 0; a + 1 < spans.size(); ++a) {
            auto& s1 = spans[a];
            auto& s2 = spans[a + 1];
            std::uint32_t c = s1.last + 1;
            if (c >= m_toks.size() || !m_toks[c].is(TokPunct) || m_text[m_toks[c].begin] != ',' || s2.first != c + 1) continue;
            bool admin = false;
            std::size_t n = 0;
            for (auto p : s2.list) {
                auto fc = m_idx.place_feature_code(p.place);
                if (is_country_feature_code(fc) || fc == "ADM1") { admin = true; break; }
                if (++n >= 5) break;
            }
            if (!admin) continue;
            s1.qualifier = static_cast<int>(a + 1);
            s1.cue = true;
            s1.weak = false;
            s2.cue = true;
            s2.weak = false;
        }
    }

    void resolve() {
        auto& spans = m_s.spans;
        std::unordered_map<std::string_view, int> by_key;
        m_groups.clear();
        for (std::uint32_t i = 0; i < spans.size(); ++i) {
            auto [it, fresh] = by_key.emplace(spans[i].key, static_cast<int>(m_groups.size()));
            if (fresh) {
                Group g;
                g.key = spans[i].key;
                m_groups.push_back(std::move(g));
            }
            Group& g = m_groups[static_cast<std::size_t>(it->second)];
            spans[i].group = it->second;
            g.spans.push_back(i);
            g.weak = g.weak && spans[i].weak;
            g.cue = g.cue || spans[i].cue;
            g.recog = std::max(g.recog, spans[i].recog);
        }
        // Candidates with their prior.
        for (auto& g : m_groups) {
            const Span& s0 = spans[g.spans.front()];
            std::size_t n = 0;
            for (auto p : s0.list) {
                if (p.kind == MatchKind::Demonym && !m_o.demonyms) continue;
                double imp = m_idx.place_importance(p.place);
                double q = match_quality(p.kind);
                // News names countries and first-level divisions far more often than same-named
                // towns ("Georgia", "Ontario", "Mexico"): a bonus beyond the population prior.
                auto fc = m_idx.place_feature_code(p.place);
                double type_bonus = 0;
                // Only for the country's own names and demonyms: "Tunis" is the city, though some
                // language calls Tunisia so.
                if (is_country_feature_code(fc) && p.kind != MatchKind::Abbreviation && p.kind != MatchKind::AltName) type_bonus = 0.12;
                // Divisions carry their people in their importance already (the sum of their
                // places), so they need only a small nudge; continents a larger one.
                else if (fc == "CONT") type_bonus = 0.08;
                else if (fc == "ADM1") type_bonus = 0.02;
                g.cands.push_back({p.place, p.kind, 0.55 * imp + 0.2 * q + type_bonus, 0});
                if (++n >= m_o.max_candidates) break;
            }
            // One entry per place (a place may carry the key as name and as alternate name).
            std::stable_sort(g.cands.begin(), g.cands.end(), [](const Cand& a, const Cand& b) { return a.place < b.place || (a.place == b.place && a.prior > b.prior); });
            g.cands.erase(std::unique(g.cands.begin(), g.cands.end(), [](const Cand& a, const Cand& b) { return a.place == b.place; }), g.cands.end());
            std::stable_sort(g.cands.begin(), g.cands.end(), [](const Cand& a, const Cand& b) { return a.prior > b.prior; });
            g.demonym = !g.cands.empty() && g.cands.front().kind == MatchKind::Demonym;
        }
        // Country evidence and anchors from the names that are clear on their prior alone.
        std::unordered_map<std::string, double> country_weight;
        struct Anchor { int group; double lat, lon; };
        std::vector<Anchor> anchors;
        std::unordered_set<std::string> admin1s;  // "CC.code" of divisions named
        for (std::size_t gi = 0; gi < m_groups.size(); ++gi) {
            auto& g = m_groups[gi];
            if (g.cands.empty() || g.weak) continue;
            const Cand& c = g.cands.front();
            double margin = g.cands.size() > 1 ? c.prior - g.cands[1].prior : 1.0;
            auto fc = m_idx.place_feature_code(c.place);
            std::string cc(m_idx.place_country(c.place));
            double mentions = std::min<double>(3.0, static_cast<double>(g.spans.size()));
            double w = 0;
            if (is_country_feature_code(fc)) w = margin > 0.05 ? 1.0 : 0.5;
            else if (margin > 0.08 && m_idx.place_importance(c.place) >= 0.45) w = 0.5;
            if (w > 0 && !cc.empty()) {
                country_weight[cc] += w * mentions;
                g.country_votes.push_back({0, w * mentions});
            }
            if (!is_country_feature_code(fc) && fc != "CONT" && margin > 0.08 && m_idx.place_importance(c.place) >= 0.45)
                anchors.push_back({static_cast<int>(gi), m_idx.place_lat(c.place), m_idx.place_lon(c.place)});
            if (fc == "ADM1" && margin > 0.05) admin1s.insert(cc + "." + std::string(m_idx.place_admin1_code(c.place)));
        }
        double max_w = 0;
        for (auto& [cc, w] : country_weight) max_w = std::max(max_w, w);

        for (std::size_t gi = 0; gi < m_groups.size(); ++gi) {
            tick(gi, m_groups.size());
            auto& g = m_groups[gi];
            if (g.cands.empty()) continue;
            // The group's own vote does not count for itself.
            std::string own_cc;
            double own_w = 0;
            if (!g.country_votes.empty()) {
                own_cc = std::string(m_idx.place_country(g.cands.front().place));
                own_w = g.country_votes.front().second;
            }
            // Qualifier: the countries and divisions the following span names.
            std::unordered_set<std::string> q_countries, q_admin1;
            for (auto si : g.spans) {
                const Span& sp = spans[si];
                if (!sp.country.empty()) q_countries.insert(sp.country);
                if (sp.qualifier < 0) continue;
                std::size_t n = 0;
                for (auto p : spans[static_cast<std::size_t>(sp.qualifier)].list) {
                    auto fc = m_idx.place_feature_code(p.place);
                    std::string cc(m_idx.place_country(p.place));
                    if (is_country_feature_code(fc)) q_countries.insert(cc);
                    else if (fc == "ADM1") q_admin1.insert(cc + "." + std::string(m_idx.place_admin1_code(p.place)));
                    if (++n >= 10) break;
                }
            }
            double best = -1;
            for (auto& c : g.cands) {
                std::string cc(m_idx.place_country(c.place));
                double w = 0;
                if (!cc.empty()) {
                    auto it = country_weight.find(cc);
                    if (it != country_weight.end()) w = it->second - (cc == own_cc ? own_w : 0);
                }
                double ctx = max_w > 0 ? std::clamp(w / max_w, 0.0, 1.0) : 0.0;
                // Oceans, seas and continents belong to no country: the article's countries
                // neither favour nor penalise them against same-named towns.
                if (cc.empty() && max_w > 0) ctx = 0.5;
                double prox = 0;
                auto fc = m_idx.place_feature_code(c.place);
                bool country_level = is_country_feature_code(fc) || fc == "CONT";
                if (!country_level) {
                    double lat = m_idx.place_lat(c.place), lon = m_idx.place_lon(c.place);
                    for (auto& a : anchors) {
                        if (a.group == static_cast<int>(gi)) continue;
                        double km = haversine_km(lat, lon, a.lat, a.lon);
                        prox = std::max(prox, std::exp(-km / 300.0));
                    }
                }
                double adm = 0;
                std::string ca = cc + "." + std::string(m_idx.place_admin1_code(c.place));
                if (fc != "ADM1" && admin1s.count(ca)) adm = 1;
                double qual = 0;
                if (q_countries.count(cc) || q_admin1.count(ca)) qual = 1;
                c.score = c.prior + 0.2 * ctx + 0.12 * prox + 0.08 * adm + 0.5 * qual;
                best = std::max(best, c.score);
            }
            std::stable_sort(g.cands.begin(), g.cands.end(), [](const Cand& a, const Cand& b) { return a.score > b.score; });
            const Cand& top = g.cands.front();
            // Ties between countries sharing a demonym or code ("American": United States and the
            // Northern Mariana Islands) go to the country with more people around its point.
            if (g.cands.size() > 1 && std::fabs(g.cands[1].score - top.score) < 1e-6 &&
                is_country_feature_code(m_idx.place_feature_code(top.place)) && is_country_feature_code(m_idx.place_feature_code(g.cands[1].place))) {
                if (country_mass(g.cands[1].place) > country_mass(top.place)) std::swap(g.cands[0], g.cands[1]);
                g.cands[0].score += 1e-4;
            }
            const Cand& win = g.cands.front();
            double rival = 0;
            double wlat = m_idx.place_lat(win.place), wlon = m_idx.place_lon(win.place);
            for (std::size_t k = 1; k < g.cands.size(); ++k) {
                const Cand& c = g.cands[k];
                if (haversine_km(wlat, wlon, m_idx.place_lat(c.place), m_idx.place_lon(c.place)) < 100) continue;
                // A city and the division of the same name around it ("Chongqing") are one
                // answer at two scales, not rivals.
                if (same_division(win.place, c.place)) continue;
                rival = c.score;
                break;
            }
            double margin = win.score - rival;
            double conf = std::clamp(win.score, 0.0, 1.0) * std::clamp(0.3 + 3.0 * margin, 0.0, 1.0);
            conf *= std::clamp(g.recog, 0.0, 1.0);
            g.confidence = conf;
            g.best = 0;
            // A minor single-word name without cue or support from the article is dropped.
            if (g.weak) {
                std::string cc(m_idx.place_country(win.place));
                auto it = country_weight.find(cc);
                bool supported = (it != country_weight.end() && it->second >= 1.0) || win.score - win.prior >= 0.12;
                // Weak recognition and weak resolution together: not reported at all.
                if (!supported || conf < m_o.abstain_below) g.cands.clear();
            }
        }
    }

    // True when one place is a first-level division and the other lies in it.
    bool same_division(std::uint32_t a, std::uint32_t b) const {
        bool a_adm = m_idx.place_feature_code(a) == "ADM1", b_adm = m_idx.place_feature_code(b) == "ADM1";
        if (a_adm == b_adm) return false;
        return m_idx.place_country(a) == m_idx.place_country(b) && !m_idx.place_admin1_code(a).empty() &&
               m_idx.place_admin1_code(a) == m_idx.place_admin1_code(b);
    }

    // People living near a country's reference point, from the index (a proxy for its size).
    double country_mass(std::uint32_t place) const {
        thread_local std::unordered_map<std::uint32_t, double> cache;
        auto it = cache.find(place);
        if (it != cache.end()) return it->second;
        double sum = 0;
        for (auto& [p, km] : m_idx.nearby(m_idx.place_lat(place), m_idx.place_lon(place), 800, 200))
            sum += static_cast<double>(m_idx.place_population(p));
        cache.emplace(place, sum);
        return sum;
    }

    std::string snippet(std::uint32_t tok, std::size_t& sentence_cp) const {
        const auto& se = m_s.tt.sentences[m_s.tt.sentence_of[tok]];
        std::size_t b = se.begin, e = se.end;
        std::size_t cpb = se.cp_begin;
        std::size_t n_cp = se.cp_end - se.cp_begin;
        if (n_cp > m_o.max_sentence_chars) {
            // Cut a window around the mention at word boundaries (bytes of tokens).
            std::size_t half = m_o.max_sentence_chars / 2;
            std::uint32_t lo = tok, hi = tok;
            while (lo > se.first && m_toks[tok].cp_begin - m_toks[lo - 1].cp_begin <= half) --lo;
            while (hi + 1 < se.last && m_toks[hi + 1].cp_end - m_toks[tok].cp_begin <= half) ++hi;
            b = m_toks[lo].begin;
            e = m_toks[hi].end;
            cpb = m_toks[lo].cp_begin;
        }
        sentence_cp = cpb;
        return std::string(m_text.substr(b, e - b));
    }

    ArticleResult build(std::string_view id) {
        ArticleResult r;
        r.id = std::string(id);
        auto& spans = m_s.spans;
        PlaceTally<std::uint32_t> tally(r.places);
        for (auto& sp : spans) {
            Group& g = m_groups[static_cast<std::size_t>(sp.group)];
            if (g.cands.empty()) continue;
            Mention m;
            const Token& a = m_toks[sp.first];
            const Token& z = m_toks[sp.last];
            m.start = a.cp_begin;
            m.end = z.cp_end - sp.trim_cp;
            m.byte_start = a.begin;
            m.byte_end = z.end - sp.trim_bytes;
            m.text = std::string(m_text.substr(m.byte_start, m.byte_end - m.byte_start));
            m.sentence = snippet(sp.first, m.sentence_start);
            const Cand& win = g.cands.front();
            m.match = win.kind;
            m.confidence = std::round(g.confidence * 1000) / 1000;
            if (win.kind == MatchKind::Demonym) m.kind = MentionKind::Demonym;
            else if (sp.metonymy) {
                auto fc = m_idx.place_feature_code(win.place);
                if (is_country_feature_code(fc) || fc == "PPLC" || fc == "ADM1" || fc.rfind("PPLA", 0) == 0 || fc == "PPL")
                    m.kind = MentionKind::Metonymy;
            }
            if (!m_o.kinds.has(m.kind)) continue;  // filtered out by the caller (after resolution)
            std::size_t nalt = std::min(m_o.max_alternatives, g.cands.size());
            for (std::size_t k = 0; k < nalt; ++k)
                m.alternatives.push_back({m_idx.place(g.cands[k].place), std::round(g.cands[k].score * 1000) / 1000, g.cands[k].kind});
            m.reasons = sp.reasons;
            m.reasons.push_back(std::string("match: ") + match_kind_name(win.kind));
            if (sp.qualifier >= 0) m.reasons.push_back("qualified by '" + std::string(m_text.substr(m_toks[spans[static_cast<std::size_t>(sp.qualifier)].first].begin, m_toks[spans[static_cast<std::size_t>(sp.qualifier)].last].end - m_toks[spans[static_cast<std::size_t>(sp.qualifier)].first].begin)) + "'");
            if (g.confidence >= m_o.abstain_below) {
                m.place = m.alternatives.empty() ? m_idx.place(win.place) : m.alternatives.front().place;
                tally.add(win.place, *m.place, m.start, m.confidence);
            } else {
                // Abstaining keeps a mention only when recognition is sure it names a place (a
                // locative cue, "-based", a qualifier): a capitalised word whose many namesakes
                // are all small and none stands out ("Paul", "Commerce") is more often no place.
                if (!sp.cue) continue;
                m.reasons.push_back("abstained: weak evidence");
            }
            r.mentions.push_back(std::move(m));
        }
        tally.finish();
        return r;
    }
};

}  // namespace

std::string Geoparser::text_language(std::string_view text, std::string_view language) const {
    auto given = language_from_code(language.empty() ? std::string_view(m_options.language) : language);
    return language_code(given ? *given : detect_language(text));
}

ArticleResult Geoparser::parse(std::string_view id, std::string_view text, std::string_view language) const {
    return parse(id, text, ParseProgress{}, language);
}

ArticleResult Geoparser::parse(std::string_view id, std::string_view text, const ParseProgress& progress,
                               std::string_view language) const {
    const std::string lang = text_language(text, language);
    const ParseProgress* report = progress ? &progress : nullptr;
    if (text.size() <= m_options.window_bytes) return parse_window(id, text, lang, report);
    ArticleResult all;
    ArticleResult r = parse_windows(
        id, text, [&](std::vector<Mention>& ms) {
            for (auto& m : ms) all.mentions.push_back(std::move(m));
        },
        lang, report);
    r.mentions = std::move(all.mentions);
    return r;
}

// One window (or a whole short text) in a language already decided: the parser proper.
ArticleResult Geoparser::parse_window(std::string_view id, std::string_view text, std::string_view language,
                                      const ParseProgress* progress) const {
    thread_local Scratch scratch;
    const Language lang = *language_from_code(language);
    Parse p(*m_index, m_options, text, lang, scratch, progress);
    ArticleResult r = p.run(id);
    r.language = language_code(lang);
    return r;
}

}  // namespace gazetteer
