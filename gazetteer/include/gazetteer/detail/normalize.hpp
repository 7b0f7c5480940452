#pragma once
// Name normalisation shared by the index builder, the look-up and the geoparser, so that a name
// and a query meet on the same key (engine internals: faces look names up through lookup.hpp).

#include <string>
#include <string_view>

namespace gazetteer::detail {

/// Returns the match key of a name: any script transliterated to Latin (ICU "Any-Latin",
/// then "Latin-ASCII"), case folded, apostrophes and modifier letters (' ’ ʼ ʻ ʹ `) dropped,
/// hyphens, dots, commas, slashes and runs of white space turned into one space, trimmed.
/// "Komsomol'sk-na-Amure" -> "komsomolsk na amure", "P'yŏngyang" -> "pyongyang",
/// "Пхеньян" -> "phenan". Input must be UTF-8; invalid bytes are dropped. Thread safe.
std::string normalize_key(std::string_view utf8);

/// The last step of normalize_key() alone, into a reused buffer: letters lower-cased, digits
/// kept, apostrophes and non-ASCII bytes dropped, any other character a single separator.
/// For text that needs no transliteration (hot loops such as tokens of an article).
void fold_ascii_key(std::string_view in, std::string& out);

/// True when normalize_key() would only need the ASCII fast path (no ICU call).
bool is_ascii(std::string_view s) noexcept;

/// Damerau-Levenshtein (optimal string alignment) distance between two keys, stopping early
/// and returning max_distance + 1 once the distance must exceed max_distance.
unsigned edit_distance(std::string_view a, std::string_view b, unsigned max_distance);

}  // namespace gazetteer::detail
