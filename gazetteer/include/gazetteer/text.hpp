#pragma once
// Tokenisation of running text for the geoparser: words, punctuation and sentences, each with
// byte offsets (for slicing the UTF-8 input) and Unicode code point offsets (what callers in
// Python, JavaScript-free JSON consumers and the scorer index by). ASCII is handled inline; ICU's
// character properties are consulted only for non-ASCII code points.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazetteer {

/// Properties of a token (bit flags in Token::flags).
enum TokenFlag : std::uint16_t {
    TokWord = 1u << 0,           ///< letters and digits (possibly with inner apostrophes or dots)
    TokCapitalised = 1u << 1,    ///< first letter is upper case ("Moscow", "U.S.", "BEIRUT")
    TokAllCaps = 1u << 2,        ///< every letter upper case and at least two letters ("BEIRUT", "US")
    TokDigit = 1u << 3,          ///< contains a digit
    TokNonAscii = 1u << 4,       ///< contains a byte >= 0x80
    TokSentenceStart = 1u << 5,  ///< first word of a sentence (after opening quotes or brackets)
    TokDottedAbbrev = 1u << 6,   ///< initials with dots: "U.S.", "U.N.", "D.C."
    TokSpaceBefore = 1u << 7,    ///< white space (or the start of text) right before the token
    TokNewlineBefore = 1u << 8,  ///< a line break in the white space before the token
    TokPunct = 1u << 9,          ///< one punctuation or symbol character
    TokPossessive = 1u << 10,    ///< the clitic "'s" / "’s" split off a word ("Russia's")
};

/// One token. Offsets are end-exclusive; `begin`/`end` index the UTF-8 bytes of the input,
/// `cp_begin`/`cp_end` its Unicode code points (so Python's text[cp_begin:cp_end] is the token).
struct Token {
    std::uint32_t begin = 0, end = 0;
    std::uint32_t cp_begin = 0, cp_end = 0;
    std::uint16_t flags = 0;
    bool is(TokenFlag f) const noexcept { return (flags & f) != 0; }
};

/// A sentence: a token range [first, last) and its offsets in bytes and code points.
struct Sentence {
    std::uint32_t first = 0, last = 0;
    std::uint32_t begin = 0, end = 0;
    std::uint32_t cp_begin = 0, cp_end = 0;
};

/// Tokens and sentences of one text. Reuse one object across texts to avoid reallocation.
struct TokenizedText {
    std::vector<Token> tokens;
    std::vector<Sentence> sentences;
    /// Index of the sentence holding each token (same size as tokens).
    std::vector<std::uint32_t> sentence_of;
};

/// Splits UTF-8 `text` into tokens and sentences, replacing the contents of `out`.
///
/// Words are runs of letters, digits and combining marks. An apostrophe (' or U+2019) between
/// letters stays inside the word ("O'Hare", "d'Ivoire") except for the possessive "'s", which
/// becomes its own token flagged TokPossessive, so "Russia's" yields "Russia". Hyphens, dots and
/// other punctuation are one-character tokens, so "Seoul-based" yields "Seoul", "-", "based".
/// Initials with dots ("U.S.", "U.N.") are one word flagged TokDottedAbbrev.
///
/// Sentences end at '.', '!' or '?' (after a word that is not a known abbreviation like "Mr" or
/// "Gen", nor an initial) followed by white space, and at every line break (paragraphs,
/// headlines and datelines carry no full stop). Invalid UTF-8 bytes count as one code point
/// each and are treated as punctuation. Never throws except std::bad_alloc; texts above 4 GiB
/// are not supported (offsets are 32-bit).
void tokenize(std::string_view text, TokenizedText& out);

/// Convenience form of tokenize() returning a fresh object.
TokenizedText tokenize(std::string_view text);

/// Number of Unicode code points in UTF-8 `s` (invalid bytes count one each).
std::size_t code_point_count(std::string_view s) noexcept;

/// Replaces every ill-formed UTF-8 sequence of `s` with U+FFFD, in place, and returns how many
/// were replaced (0 leaves `s` untouched). Each maximal ill-formed subpart becomes one U+FFFD,
/// as the Unicode Standard (section 3.9, "U+FFFD Substitution of Maximal Subparts") recommends
/// and as Python's `bytes.decode("utf-8", "replace")` does, so code point offsets agree with
/// Python's. Overlong forms, surrogates and values above U+10FFFF are ill-formed. Never throws
/// except std::bad_alloc.
std::size_t make_valid_utf8(std::string& s);

/// True when `s` is well-formed UTF-8 (the same rules as make_valid_utf8()).
bool is_valid_utf8(std::string_view s) noexcept;

/// The one gate every face passes article bytes through (CLI files and JSON Lines records,
/// the Python module, the QGIS panel and algorithms). Turns `data` into text the engine and
/// every writer can trust, in place, and returns the number of U+FFFD replacements made.
///
/// Input that is not text is refused with ParseError naming `name` (and `line` when not 0):
/// - any NUL byte (binary files; UTF-16/UTF-32 text, which must be converted to UTF-8 first);
/// - more than kMaxBadTextShare of the bytes (and at least kMinBadBytes) in ill-formed UTF-8 or C0 control
///   characters other than tab, line feed, vertical tab, form feed and carriage return, or DEL (a binary
///   file, an image, or text in a legacy 8-bit encoding such as Windows-1251).
/// Otherwise the ill-formed sequences (a stray Latin-1 byte in UTF-8 news) are replaced with
/// U+FFFD and counted. A UTF-8 byte order mark is kept (it is one code point, as in Python).
std::size_t check_text(std::string& data, const std::string& name, std::size_t line = 0);

/// `s` without leading and trailing ASCII white space (space, tab, line feed, vertical tab, form
/// feed, carriage return), as a view into `s`.
std::string_view trim_space(std::string_view s) noexcept;

/// The items of a comma-separated list, each trimmed (trim_space). Empty items are kept, so that
/// a position can be left blank ("train,,plane" -> "train", "", "plane"); "" has no items.
std::vector<std::string> split_comma_list(std::string_view list);

/// The finite decimal number that fills `s` once trimmed (trim_space), a leading '+' allowed as
/// people write coordinates ("+43.1", "-131.9", "1e3"); nullopt for anything else, including
/// "", "nan", "inf", "1,5" and trailing text.
std::optional<double> parse_decimal(std::string_view s);

/// Share of bad bytes (ill-formed UTF-8 or control characters) above which check_text() refuses
/// input as not text. Real UTF-8 news with a few stray bytes stays far below it; binary data and
/// 8-bit legacy encodings of non-Latin scripts are far above it.
inline constexpr double kMaxBadTextShare = 0.10;
/// Fewer bad bytes than this never make input "not text" (a stray byte in a one-word file).
inline constexpr std::size_t kMinBadBytes = 4;

}  // namespace gazetteer
