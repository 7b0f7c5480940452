#pragma once
// Languages the geoparser reads beyond English: detection, and the per-language recognisers that
// turn inflected Russian words and Korean nouns with particles into index keys. The shared parser
// (geoparser.cpp) calls find_language_spans() and resolves what it returns exactly as it resolves
// English spans; everything that depends on the language lives behind this header.

#include <gazetteer/detail/index_keys.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/text.hpp>

#include "../text/utf8.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazetteer::detail {

/// The languages with their own recognition rules.
enum class Language : std::uint8_t { English, Russian, Korean };

/// "en", "ru" or "ko".
const char* language_code(Language l) noexcept;

/// Parses a language code as given on the command line or in an article's "lang" field: "en",
/// "ru", "ko" (ISO 639-1, case-insensitive; a region suffix such as "ko-KR" is ignored). Empty
/// or "auto" returns nullopt (detect). Any other code throws UsageError naming it.
std::optional<Language> language_from_code(std::string_view code);

/// Guesses the language of a text from its letters: mostly Hangul is Korean, mostly Cyrillic is
/// Russian, anything else English (the default rules, which also serve other Latin-script texts).
/// Reads at most the first 4,000 bytes.
Language detect_language(std::string_view text) noexcept;

/// The index key of one word, as normalize_key() makes it, without ICU for the scripts these
/// languages use: ASCII, Cyrillic and Hangul syllables go through tables equal to ICU's
/// "Any-Latin; Latin-ASCII" output (checked against normalize_key by test_language); any other
/// character falls back to normalize_key(). Replaces `out`.
void word_key(std::string_view word, std::string& out);

/// The BGN/PCGN-style romanisation of Cyrillic ("Тюмень" -> "tyumen", "Новотроицк" ->
/// "novotroitsk"), lower case, in which GeoNames writes most Russian place names; other
/// characters are copied, ASCII lower-cased. Replaces `out`.
void cyrillic_bgn_key(std::string_view word, std::string& out);

/// The Revised Romanization of Korean (2000) of Hangul syllables without its sound-change rules
/// ("고흥" -> "goheung", "전남" -> "jeonnam"), in which GeoNames writes South Korean names.
/// Replaces `out`.
void hangul_rr_key(std::string_view word, std::string& out);

/// The McCune-Reischauer romanisation of Hangul syllables, as GeoNames writes North Korean names,
/// without its diacritics and apostrophes ("개성" -> "kaesong", "평안북도" -> "pyonganbukto"):
/// plain stops voiced between voiced sounds, "ŏ" and "ŭ" as "o" and "u". Replaces `out`.
void hangul_mr_key(std::string_view word, std::string& out);
/// A Latin key for a foreign name written in Hangul by the Korean rules for loanwords ("랑선"
/// Lạng Sơn -> "langson", "동당" Đồng Đăng -> "dongdang"): ㄹ as "l", 어 as "o", the 으 Korean adds
/// after a lone consonant dropped ("루스키" -> "ruski"), no spaces. Only close enough to the
/// name's own key for a look-up within one edit. Replaces `out`.
void hangul_loanword_key(std::string_view word, std::string& out);

/// A place name found by a language recogniser: tokens [first, last] of the tokenized text, the
/// last one possibly cut short by `trim_bytes` bytes (`trim_cp` code points) of particle.
struct LanguageSpan {
    std::uint32_t first = 0, last = 0;
    std::uint32_t trim_bytes = 0, trim_cp = 0;
    std::string key;        ///< the index key that matched
    PostingList list;       ///< its postings
    bool cue = false;       ///< a locative or place-noun cue says place
    bool weak = false;      ///< a minor place without cue: kept only with support from the article
    bool metonymy = false;  ///< subject of a verb of saying
    double recog = 1.0;     ///< recognition evidence in [0, 1]
    std::string country;    ///< ISO code of a country the text says the place is in ("российской станции"), or ""
    std::vector<std::string> reasons;
};

/// The recognisers' scan over tokens: at each token where `start` allows, `match` tries the
/// longest name from it; a match `judge` accepts is kept, and the scan goes on after the match.
template <class Start, class Match, class Judge>
void scan_spans(std::size_t tokens, Start start, Match match, Judge judge, std::vector<LanguageSpan>& out) {
    for (std::uint32_t i = 0; i < tokens; ++i) {
        if (!start(i)) continue;
        LanguageSpan sp;
        if (!match(i, sp)) continue;
        const std::uint32_t last = sp.last;
        if (judge(sp)) out.push_back(std::move(sp));
        i = last;
    }
}

/// Finds the place names of a Russian or Korean text (`lang` other than English) in `tt`, the
/// tokens of `text`, in text order and without overlaps. Latin-script words are left to the
/// English rules. Replaces `out`.
void find_language_spans(Language lang, const Index& index, std::string_view text, const TokenizedText& tt,
                         std::vector<LanguageSpan>& out);

/// The Russian and Korean recognisers (find_language_spans() dispatches to them).
void find_russian_spans(const Index& index, std::string_view text, const TokenizedText& tt, std::vector<LanguageSpan>& out);
void find_korean_spans(const Index& index, std::string_view text, const TokenizedText& tt, std::vector<LanguageSpan>& out);

/// Shared helpers of the recognisers.
// decode_utf8(): text/utf8.hpp.
/// Appends the UTF-8 encoding of `c`.
void append_utf8(std::string& out, char32_t c);
/// Rank of a posting list's best place for recognition: 3 country or continent, 2 populous
/// first-level division, 1 capital or city of a million, 0 anything else.
int prominence(const Index& index, const PostingList& list);

}  // namespace gazetteer::detail
