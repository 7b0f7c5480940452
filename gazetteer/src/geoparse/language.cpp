// Language codes, detection and the ICU-free word keys the Russian and Korean recognisers use.
//
// Index keys are ICU "Any-Latin; Latin-ASCII" transliterations (normalize_key), and an ICU
// transliterator costs about 14 µs a word, too slow for the several candidate forms a recogniser
// tries per word (an inflected Russian word, a Korean noun with and without its particle). ICU's
// Cyrillic-Latin is a letter-for-letter table, and its Hangul-Latin (via Jamo-Latin) romanises each
// syllable from its jamo and puts a separator between two syllables only where the Latin letters
// would otherwise read differently; both are reproduced here from tables taken from ICU's output
// and checked against normalize_key() by test_language, so the fast key is the index key.

#include "geoparse/language.hpp"

#include <gazetteer/detail/normalize.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/place.hpp>

#include <array>
#include <cctype>

namespace gazetteer::detail {

const char* language_code(Language l) noexcept {
    switch (l) {
        case Language::English: return "en";
        case Language::Russian: return "ru";
        case Language::Korean: return "ko";
    }
    return "en";
}

std::optional<Language> language_from_code(std::string_view code) {
    std::string c;
    for (char ch : code) {
        if (ch == '-' || ch == '_') break;
        c.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    }
    if (c.empty() || c == "auto") return std::nullopt;
    if (c == "en" || c == "eng") return Language::English;
    if (c == "ru" || c == "rus") return Language::Russian;
    if (c == "ko" || c == "kor") return Language::Korean;
    throw UsageError("unknown language '" + std::string(code) + "' (expected en, ru, ko or auto)");
}

}  // namespace gazetteer::detail

namespace gazetteer {

std::string canonical_language(std::string_view code) {
    auto l = detail::language_from_code(code);
    return l ? detail::language_code(*l) : "";
}

}  // namespace gazetteer

namespace gazetteer::detail {

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

namespace {

bool is_hangul_syllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }
bool is_hangul(char32_t c) { return is_hangul_syllable(c) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F); }
bool is_cyrillic(char32_t c) { return c >= 0x0400 && c <= 0x04FF; }

// ICU's Latin for U+0400..U+045F after Latin-ASCII and case folding; "" drops the letter, " " is a
// separator (the hard sign becomes a double prime, which Latin-ASCII turns into a quote).
constexpr std::array<std::string_view, 48> k_cyr_lower = {
    // а    б    в    г    д    е    ж    з    и    й    к    л    м    н    о    п
    "a", "b", "v", "g", "d", "e", "z", "z", "i", "j", "k", "l", "m", "n", "o", "p",
    // р    с    т    у    ф    х    ц    ч    ш    щ    ъ    ы    ь    э    ю    я
    "r", "s", "t", "u", "f", "h", "c", "c", "s", "s", " ", "y", "", "e", "u", "a",
    // ѐ    ё    ђ    ѓ    є    ѕ    і    ї    ј    љ    њ    ћ    ќ    ѝ    ў    џ
    "e", "e", "d", "g", "e", "z", "i", "i", "j", "l", "n", "c", "k", "i", "u", "d"};

std::string_view cyrillic_icu(char32_t c) {
    if (c >= 0x0410 && c <= 0x042F) return k_cyr_lower[c - 0x0410];
    if (c >= 0x0430 && c <= 0x044F) return k_cyr_lower[c - 0x0430];
    if (c >= 0x0400 && c <= 0x040F) return k_cyr_lower[32 + (c - 0x0400)];
    if (c >= 0x0450 && c <= 0x045F) return k_cyr_lower[32 + (c - 0x0450)];
    return {};
}

// The initial consonant, vowel and final consonant of a Hangul syllable, as indices into the
// tables below (Unicode's syllable = 0xAC00 + (initial * 21 + vowel) * 28 + final).
struct Jamo {
    unsigned ini, vow, fin;
};
Jamo jamo_of(char32_t syllable) {
    const auto s = static_cast<unsigned>(syllable - 0xAC00);
    return {s / (21 * 28), (s / 28) % 21, s % 28};
}

// ICU Jamo-Latin: initial consonants, vowels and final consonants of a Hangul syllable.
constexpr std::array<std::string_view, 19> k_initial = {"g", "kk", "n", "d", "tt", "l", "m", "b", "pp", "s",
                                                        "ss", "", "j", "jj", "ch", "k", "t", "p", "h"};
constexpr std::array<std::string_view, 21> k_vowel = {"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
                                                      "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"};
constexpr std::array<std::string_view, 28> k_final = {"", "g", "kk", "gs", "n", "nj", "nh", "d", "l", "lg",
                                                      "lm", "lb", "ls", "lt", "lp", "lh", "m", "b", "bs", "s",
                                                      "ss", "ng", "j", "ch", "k", "t", "p", "h"};
// Where ICU separates a syllable ending in final f from one starting with initial i (row f,
// column i), because the letters run together would read as other jamo.
constexpr std::array<std::string_view, 28> k_sep_final_initial = {
    "0000000000000000000", "0000000000010000000", "0000000000010000000", "0000000001110000000",
    "0000000000010000000", "0000000000011100000", "0000000000010000000", "0000000000010000000",
    "0000000000010000000", "1000000000010000000", "0000000000010000000", "0000000100010000000",
    "0000000001110000000", "0000000000010000100", "0000000000010000010", "0000000000010000000",
    "0000000000010000000", "0000000000010000000", "0000000001110000000", "0000000001110000000",
    "0000000000010000000", "1000000000010000000", "0000000000011000000", "0000000000010000000",
    "0100000000010001000", "0000000000010000100", "0000000000010000010", "0000000000010000000"};
// The same between a syllable without final (vowel v) and one with initial ㅇ (vowel w).
constexpr std::array<std::string_view, 21> k_sep_vowel_vowel = {
    "000011000000000000100", "000000000000000000000", "000011000000000000100", "000000000000000000000",
    "000000000000000000000", "000000001001010000010", "000000000000000000000", "000000001001000000000",
    "000011000000000000100", "000011000000000000100", "000000000000000000000", "000000000000000000000",
    "000000000000000000000", "000000000000000000001", "000011000000000000100", "000000000000000000000",
    "000000000000000000000", "000000000000000000000", "000000000000000000001", "000000000000000000000",
    "000000000000000000000"};

// Revised Romanization: finals at the end of a syllable before a consonant, and the sound a final
// carries over to a following syllable that starts with ㅇ.
constexpr std::array<std::string_view, 28> k_rr_final = {"", "k", "k", "k", "n", "n", "n", "t", "l", "k",
                                                         "m", "l", "l", "l", "p", "l", "m", "p", "p", "t",
                                                         "t", "ng", "t", "t", "k", "t", "p", "t"};
constexpr std::array<std::string_view, 28> k_rr_final_linked = {"", "g", "kk", "ks", "n", "nj", "n", "d", "r", "lg",
                                                                "lm", "lb", "ls", "lt", "lp", "r", "m", "b", "ps", "s",
                                                                "ss", "ng", "j", "ch", "k", "t", "p", ""};
constexpr std::array<std::string_view, 19> k_rr_initial = {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s",
                                                           "ss", "", "j", "jj", "ch", "k", "t", "p", "h"};

// BGN/PCGN 1947 for Russian, simplified to ASCII (no "ye" after vowels: GeoNames is not consistent
// there either).
std::string_view cyrillic_bgn(char32_t c) {
    static constexpr std::array<std::string_view, 32> t = {
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
        "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};
    if (c >= 0x0410 && c <= 0x042F) return t[c - 0x0410];
    if (c >= 0x0430 && c <= 0x044F) return t[c - 0x0430];
    if (c == 0x0401 || c == 0x0451) return "e";
    return {};
}

// An ASCII character in a romanised key: letters lower-cased, digits kept, anything else one
// separating space (`keep_apostrophe`: an apostrophe is dropped rather than separating).
void append_ascii_key(std::string& out, char32_t c, bool keep_apostrophe = false) {
    char ch = static_cast<char>(c);
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out.push_back(ch);
    else if (!(keep_apostrophe && ch == '\'') && !out.empty() && out.back() != ' ') out.push_back(' ');
}

// Apostrophe-like characters normalize_key() removes before transliterating.
bool dropped_mark(char32_t c) {
    return c == 0x2018 || c == 0x2019 || c == 0x02BB || c == 0x02BC || c == 0x02B9 || c == 0x02BA || c == 0x00B4 ||
           c == 0x0060 || c == 0x2032 || c == '\'';
}

}  // namespace

Language detect_language(std::string_view text) noexcept {
    std::size_t latin = 0, cyrillic = 0, hangul = 0;
    std::size_t n = std::min<std::size_t>(text.size(), 4000);
    for (std::size_t i = 0; i < n;) {
        unsigned len;
        char32_t c = decode_utf8(text, i, len);
        i += len;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++latin;
        else if (is_cyrillic(c)) ++cyrillic;
        else if (is_hangul(c)) hangul += 2;  // a syllable stands for two or three letters
    }
    std::size_t total = latin + cyrillic + hangul;
    if (total == 0) return Language::English;
    if (hangul * 10 >= total * 3 && hangul >= cyrillic) return Language::Korean;
    if (cyrillic * 10 >= total * 3) return Language::Russian;
    return Language::English;
}

void word_key(std::string_view word, std::string& out) {
    out.clear();
    bool pending_space = false;
    auto emit = [&](std::string_view latin) {
        for (char c : latin) {
            if (c == ' ') { pending_space = true; continue; }
            if (pending_space && !out.empty()) out.push_back(' ');
            pending_space = false;
            out.push_back(c);
        }
    };
    int prev_final = -1, prev_vowel = -1;  // of the Hangul syllable just before, -1 when none
    bool prev_vowel_junction = false;
    for (std::size_t i = 0; i < word.size();) {
        unsigned len;
        char32_t c = decode_utf8(word, i, len);
        i += len;
        if (c == '\'') {
            // ICU's rules keep the ASCII apostrophe through transliteration (it stops Hangul
            // pairs from joining); the final fold drops it.
            prev_final = -1;
            prev_vowel_junction = false;
            continue;
        }
        if (c < 0x80 && c != '`') {
            char ch = static_cast<char>(c);
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) emit(std::string_view(&ch, 1));
            else pending_space = true;
            prev_final = -1;
            prev_vowel_junction = false;
            continue;
        }
        if (dropped_mark(c)) continue;
        if (is_cyrillic(c)) {
            if (c >= 0x0460) { normalize_key(word).swap(out); return; }
            emit(cyrillic_icu(c));
            prev_final = -1;
            prev_vowel_junction = false;
            continue;
        }
        if (is_hangul_syllable(c)) {
            const auto [ini, vow, fin] = jamo_of(c);
            if (prev_final > 0 && k_sep_final_initial[static_cast<std::size_t>(prev_final)][ini] == '1') pending_space = true;
            bool junction = prev_final == 0 && ini == 11;
            if (junction) {
                // Two vowel-to-vowel joins in a row around an "o" or "e" syllable ("최오어"):
                // ICU decides the first join with the third syllable in view; ask ICU itself.
                if (prev_vowel_junction && (prev_vowel == 5 || prev_vowel == 8)) { normalize_key(word).swap(out); return; }
                if (k_sep_vowel_vowel[static_cast<std::size_t>(prev_vowel)][vow] == '1') pending_space = true;
            }
            prev_vowel_junction = junction;
            emit(k_initial[ini]);
            emit(k_vowel[vow]);
            emit(k_final[fin]);
            prev_final = static_cast<int>(fin);
            prev_vowel = static_cast<int>(vow);
            continue;
        }
        // Combining marks, other scripts: ICU.
        normalize_key(word).swap(out);
        return;
    }
}

void cyrillic_bgn_key(std::string_view word, std::string& out) {
    out.clear();
    // "е" is "ye" at the start of a word and after a vowel or a sign ("Yekaterinburg", "Primorye").
    bool ye_context = true;
    for (std::size_t i = 0; i < word.size();) {
        unsigned len;
        char32_t c = decode_utf8(word, i, len);
        if (is_cyrillic(c)) {
            char32_t lc = (c >= 0x0410 && c <= 0x042F) ? c + 0x20 : c;
            if ((lc == 0x0435 || lc == 0x0451) && ye_context) out += "ye";
            else out += cyrillic_bgn(c);
            ye_context = std::u32string_view(U"аеёиоуыэюяьъ").find(lc) != std::u32string_view::npos;
        } else if (c < 0x80) {
            append_ascii_key(out, c, true);
            ye_context = true;
        } else if (!dropped_mark(c)) {
            ye_context = true;
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        }
        i += len;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
}

void hangul_rr_key(std::string_view word, std::string& out) {
    out.clear();
    int prev_final = -1;
    for (std::size_t i = 0; i < word.size();) {
        unsigned len;
        char32_t c = decode_utf8(word, i, len);
        i += len;
        if (is_hangul_syllable(c)) {
            const auto [ini, vow, fin] = jamo_of(c);
            // ㄴ and ㄹ meeting read "ll" ("전라" Jeolla, "설날" Seollal), the one sound change
            // of the romanisation kept here because place names are full of it.
            bool liquid = (prev_final == 4 && ini == 5) || (prev_final == 8 && (ini == 2 || ini == 5));
            if (prev_final > 0) {
                // The previous final is written once the next initial is known.
                out += liquid ? std::string_view("l")
                              : ini == 11 ? k_rr_final_linked[static_cast<std::size_t>(prev_final)]
                                          : k_rr_final[static_cast<std::size_t>(prev_final)];
            }
            out += liquid ? std::string_view("l") : k_rr_initial[ini];
            out += k_vowel[vow];
            prev_final = static_cast<int>(fin);
            continue;
        }
        if (prev_final > 0) out += k_rr_final[static_cast<std::size_t>(prev_final)];
        prev_final = -1;
        if (c < 0x80) append_ascii_key(out, c);
    }
    if (prev_final > 0) out += k_rr_final[static_cast<std::size_t>(prev_final)];
    while (!out.empty() && out.back() == ' ') out.pop_back();
}

void hangul_loanword_key(std::string_view word, std::string& out) {
    static constexpr std::array<std::string_view, 19> initials = {"g", "k", "n", "d", "t", "l", "m", "b", "p", "s",
                                                                  "s", "", "j", "j", "ch", "k", "t", "p", "h"};
    static constexpr std::array<std::string_view, 21> vowels = {"a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we",
                                                                "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"};
    static constexpr std::array<std::string_view, 28> finals = {"", "k", "k", "k", "n", "n", "n", "t", "l", "l", "l", "l", "l", "l",
                                                                "l", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};
    out.clear();
    for (std::size_t i = 0; i < word.size();) {
        unsigned len;
        char32_t c = decode_utf8(word, i, len);
        i += len;
        if (!is_hangul_syllable(c)) {
            if (c < 0x80 && c != ' ') append_ascii_key(out, c);
            continue;
        }
        const auto [ini, vow, fin] = jamo_of(c);
        out += initials[ini];
        // 으 after a consonant with no final is the vowel Korean adds to a lone consonant.
        if (!(vow == 18 && ini != 11 && fin == 0)) out += vow == 18 ? std::string_view("u") : vowels[vow];
        out += finals[fin];
    }
}

void hangul_mr_key(std::string_view word, std::string& out) {
    // Initials: voiceless at the start of a word or after a stop, voiced after a vowel or a
    // sonorant final (n, l, m, ng); ㄹ is "r", "l" after ㄹ or ㄴ.
    static constexpr std::array<std::string_view, 19> voiceless = {"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s",
                                                                   "ss", "", "ch", "tch", "ch", "k", "t", "p", "h"};
    static constexpr std::array<std::string_view, 19> voiced = {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s",
                                                                "ss", "", "j", "tch", "ch", "k", "t", "p", "h"};
    static constexpr std::array<std::string_view, 21> vowels = {"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae",
                                                                "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"};
    static constexpr std::array<std::string_view, 28> finals = {"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
                                                                "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};
    out.clear();
    int prev_final = -1;  // -1: start of word
    for (std::size_t i = 0; i < word.size();) {
        unsigned len;
        char32_t c = decode_utf8(word, i, len);
        i += len;
        if (!is_hangul_syllable(c)) {
            if (prev_final > 0) out += finals[static_cast<std::size_t>(prev_final)];
            prev_final = -1;
            if (c < 0x80) append_ascii_key(out, c);
            continue;
        }
        const auto [ini, vow, fin] = jamo_of(c);
        if (prev_final > 0) {
            // A final before ㅇ carries over voiced ("압록" aside, "평안" -> "pyongan").
            out += (ini == 11 && (prev_final == 1 || prev_final == 7 || prev_final == 17 || prev_final == 22))
                       ? voiced[prev_final == 1 ? 0 : prev_final == 7 ? 3 : prev_final == 17 ? 7 : 12]
                       : finals[static_cast<std::size_t>(prev_final)];
        }
        bool sonorant_before = prev_final == 0 || prev_final == 4 || prev_final == 8 || prev_final == 16 || prev_final == 21;
        if (ini == 5) out += (prev_final == 8 || prev_final == 4) ? "l" : "r";
        else out += (prev_final >= 0 && sonorant_before) ? voiced[ini] : voiceless[ini];
        out += vowels[vow];
        prev_final = static_cast<int>(fin);
    }
    if (prev_final > 0) out += finals[static_cast<std::size_t>(prev_final)];
    while (!out.empty() && out.back() == ' ') out.pop_back();
}

int prominence(const Index& index, const PostingList& list) {
    if (list.empty()) return 0;
    auto p = list[0].place;
    auto k = list[0].kind;
    if (k == MatchKind::Demonym) return 3;
    if (k == MatchKind::Abbreviation) return 0;
    auto fc = index.place_feature_code(p);
    if (is_country_feature_code(fc) || fc == "CONT") return 3;
    if (fc == "ADM1") return index.place_population(p) >= 300000 ? 2 : 0;
    if (fc == "PPLC" || index.place_population(p) >= 1000000) return 1;
    return 0;
}

void find_language_spans(Language lang, const Index& index, std::string_view text, const TokenizedText& tt,
                         std::vector<LanguageSpan>& out) {
    out.clear();
    if (lang == Language::Russian) find_russian_spans(index, text, tt, out);
    else if (lang == Language::Korean) find_korean_spans(index, text, tt, out);
}

}  // namespace gazetteer::detail
