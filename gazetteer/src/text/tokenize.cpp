// Tokeniser for the geoparser. Hand-written rather than ICU's BreakIterator: the word-break rules
// of UAX #29 keep "Russia's" and "U.S.-led" in shapes that need re-splitting anyway, and a break
// iterator costs a UTF-16 copy of every article; here ASCII (nearly all English news) is one
// byte compare per character and ICU's property tables are asked only for non-ASCII code points.

#include <gazetteer/text.hpp>

#include "text/utf8.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

namespace gazetteer {

namespace {

using detail::decode_utf8;

enum class CharClass : std::uint8_t { Space, Word, Apostrophe, Punct };

// Russian and Korean letters without ICU's property tables (the same answers, a compare each).
inline bool is_russian_letter(char32_t c) noexcept { return (c >= 0x0410 && c <= 0x044F) || c == 0x0401 || c == 0x0451; }
inline bool is_hangul_syllable(char32_t c) noexcept { return c >= 0xAC00 && c <= 0xD7A3; }

inline CharClass classify(char32_t c) noexcept {
    if (c < 0x80) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return CharClass::Word;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return CharClass::Space;
        if (c == '\'') return CharClass::Apostrophe;
        return CharClass::Punct;
    }
    if (is_russian_letter(c) || is_hangul_syllable(c)) return CharClass::Word;
    if (c == 0x2019 || c == 0x02BC) return CharClass::Apostrophe;
    if (c == 0xFFFD) return CharClass::Punct;
    if (u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0x00A0 || c == 0x200B) return CharClass::Space;
    auto t = u_charType(static_cast<UChar32>(c));
    if (u_isalnum(static_cast<UChar32>(c)) || t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
        t == U_MODIFIER_LETTER)
        return CharClass::Word;
    return CharClass::Punct;
}

inline bool is_upper(char32_t c) noexcept {
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    if (is_russian_letter(c)) return c <= 0x042F || c == 0x0401;
    if (is_hangul_syllable(c)) return false;
    return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

inline bool is_letter(char32_t c) noexcept {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (is_russian_letter(c) || is_hangul_syllable(c)) return true;
    return u_isalpha(static_cast<UChar32>(c));
}

inline bool ascii_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Words after which a full stop does not end a sentence (titles, ranks, months, US state
// abbreviations as news agencies write them: AP style). Lower case, no dot.
bool is_dot_abbreviation(std::string_view w) {
    static constexpr std::array<std::string_view, 64> list = {
        "mr", "mrs", "ms", "dr", "st", "mt", "ft", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt", "cmdr",
        "adm", "maj", "prof", "rev", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "no", "jan", "feb", "mar", "apr",
        "aug", "sept", "sep", "oct", "nov", "dec", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga",
        "ill", "ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla",
        "ore", "pa"};
    static constexpr std::array<std::string_view, 12> more = {"tenn", "tex", "va", "vt", "wash", "wis", "wyo", "ave", "blvd", "dept", "est", "approx"};
    if (w.size() > 6) return false;
    char buf[8];
    for (std::size_t i = 0; i < w.size(); ++i) buf[i] = static_cast<char>(w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i]);
    std::string_view lw(buf, w.size());
    return std::find(list.begin(), list.end(), lw) != list.end() || std::find(more.begin(), more.end(), lw) != more.end();
}

}  // namespace

std::size_t code_point_count(std::string_view s) noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        unsigned len;
        decode_utf8(s, i, len);
        i += len;
        ++n;
    }
    return n;
}

void tokenize(std::string_view text, TokenizedText& out) {
    out.tokens.clear();
    out.sentences.clear();
    out.sentence_of.clear();
    auto& toks = out.tokens;

    std::size_t i = 0;
    std::uint32_t cp = 0;
    bool space_before = true, newline_before = false;
    unsigned newlines = 0;
    bool break_pending = true;    // the next token opens a sentence
    bool need_sentence_start = true;  // the next word token is the sentence's first word
    Sentence cur{};
    bool have_sentence = false;

    auto close_sentence = [&] {
        if (!have_sentence) return;
        cur.last = static_cast<std::uint32_t>(toks.size());
        if (cur.last > cur.first) {
            cur.end = toks.back().end;
            cur.cp_end = toks.back().cp_end;
            out.sentences.push_back(cur);
        }
        have_sentence = false;
    };

    auto push = [&](Token t) {
        if (t.flags & TokSpaceBefore && break_pending) {
            close_sentence();
            break_pending = false;
            need_sentence_start = true;
        }
        if (!have_sentence) {
            cur = Sentence{};
            cur.first = static_cast<std::uint32_t>(toks.size());
            cur.begin = t.begin;
            cur.cp_begin = t.cp_begin;
            have_sentence = true;
        }
        if ((t.flags & TokWord) && need_sentence_start) {
            t.flags |= TokSentenceStart;
            need_sentence_start = false;
        }
        toks.push_back(t);
        out.sentence_of.push_back(static_cast<std::uint32_t>(out.sentences.size()));
    };

    while (i < text.size()) {
        unsigned len;
        char32_t c = decode_utf8(text, i, len);
        CharClass cls = classify(c);
        if (cls == CharClass::Space) {
            if (c == '\n') ++newlines;
            space_before = true;
            i += len;
            ++cp;
            continue;
        }
        newline_before = newlines > 0;
        newlines = 0;

        Token t;
        t.begin = static_cast<std::uint32_t>(i);
        t.cp_begin = cp;
        if (space_before) t.flags |= TokSpaceBefore;
        if (newline_before) {
            t.flags |= TokNewlineBefore;
            break_pending = true;  // paragraphs, headlines and datelines end without a full stop
        }

        if (cls == CharClass::Word) {
            // Initials with dots: a letter, a dot, a letter, a dot, ... ("U.S.", "U.N.", "D.C.").
            if (c < 0x80 && ascii_letter(static_cast<char>(c)) && i + 3 < text.size() && text[i + 1] == '.' &&
                ascii_letter(text[i + 2]) && i + 3 < text.size() && text[i + 3] == '.' &&
                (i + 4 >= text.size() || !ascii_letter(text[i + 4]) || (i + 5 < text.size() && text[i + 5] == '.'))) {
                std::size_t j = i;
                bool caps = true;
                while (j + 1 < text.size() && ascii_letter(text[j]) && text[j + 1] == '.') {
                    if (!(text[j] >= 'A' && text[j] <= 'Z')) caps = false;
                    j += 2;
                }
                t.end = static_cast<std::uint32_t>(j);
                t.cp_end = cp + static_cast<std::uint32_t>(j - i);
                t.flags |= TokWord | TokDottedAbbrev;
                if (text[i] >= 'A' && text[i] <= 'Z') t.flags |= TokCapitalised;
                if (caps) t.flags |= TokAllCaps;
                cp = t.cp_end;
                i = j;
                push(t);
                space_before = false;
                continue;
            }
            bool first_letter_seen = false, all_upper = true;
            unsigned letters = 0;
            std::size_t j = i;
            std::uint32_t k = cp;
            while (j < text.size()) {
                unsigned l2;
                char32_t d = decode_utf8(text, j, l2);
                CharClass dc = classify(d);
                if (dc == CharClass::Word) {
                    if (d >= 0x80) t.flags |= TokNonAscii;
                    if (d < 0x80 && d >= '0' && d <= '9') t.flags |= TokDigit;
                    else if (is_letter(d)) {
                        ++letters;
                        bool up = is_upper(d);
                        if (!first_letter_seen) {
                            first_letter_seen = true;
                            if (up) t.flags |= TokCapitalised;
                        }
                        if (!up) all_upper = false;
                    }
                    j += l2;
                    ++k;
                    continue;
                }
                if (dc == CharClass::Apostrophe && j + l2 < text.size()) {
                    // Inside a word only when a letter follows and it is not the possessive "'s".
                    unsigned l3;
                    char32_t n = decode_utf8(text, j + l2, l3);
                    if (classify(n) != CharClass::Word) break;
                    bool possessive = (n == 's' || n == 'S');
                    if (possessive) {
                        std::size_t after = j + l2 + l3;
                        if (after < text.size()) {
                            unsigned l4;
                            char32_t a = decode_utf8(text, after, l4);
                            possessive = classify(a) != CharClass::Word;
                        }
                    }
                    if (possessive) break;
                    if (l2 > 1) t.flags |= TokNonAscii;
                    j += l2;
                    ++k;
                    continue;
                }
                break;
            }
            t.end = static_cast<std::uint32_t>(j);
            t.cp_end = k;
            t.flags |= TokWord;
            if (letters >= 2 && all_upper) t.flags |= TokAllCaps;
            i = j;
            cp = k;
            push(t);
            space_before = false;
            // The possessive clitic as its own token.
            if (i < text.size()) {
                unsigned l2;
                char32_t d = decode_utf8(text, i, l2);
                if (classify(d) == CharClass::Apostrophe && i + l2 < text.size() &&
                    (text[i + l2] == 's' || text[i + l2] == 'S')) {
                    std::size_t after = i + l2 + 1;
                    bool end_ok = after >= text.size();
                    if (!end_ok) {
                        unsigned l4;
                        end_ok = classify(decode_utf8(text, after, l4)) != CharClass::Word;
                    }
                    if (end_ok) {
                        Token p;
                        p.begin = static_cast<std::uint32_t>(i);
                        p.end = static_cast<std::uint32_t>(after);
                        p.cp_begin = cp;
                        p.cp_end = cp + 2;
                        p.flags = TokPossessive;
                        push(p);
                        i = after;
                        cp += 2;
                    }
                }
            }
            continue;
        }

        // Punctuation, symbols and stray apostrophes: one code point each.
        t.end = static_cast<std::uint32_t>(i + len);
        t.cp_end = cp + 1;
        t.flags |= TokPunct;
        push(t);
        i += len;
        ++cp;
        space_before = false;
        if (c == '.' || c == '!' || c == '?') {
            bool ends = true;
            if (c == '.' && toks.size() >= 2) {
                const Token& w = toks[toks.size() - 2];
                if ((w.flags & TokWord) && w.end == t.begin) {
                    std::string_view word = text.substr(w.begin, w.end - w.begin);
                    if (is_dot_abbreviation(word) || (w.cp_end - w.cp_begin == 1 && (w.flags & TokCapitalised))) ends = false;
                }
            }
            if (ends) break_pending = true;
        }
    }
    close_sentence();
}

TokenizedText tokenize(std::string_view text) {
    TokenizedText t;
    tokenize(text, t);
    return t;
}

}  // namespace gazetteer
