#pragma once
// General English word lists the geoparser uses as evidence: function words, person titles,
// common given names, organisation cue words, reporting verbs, locative cues, months and
// weekdays. They describe the language of news, not any corpus: no place names are listed.
// All lookups take a lower-case ASCII key (as normalize_key produces for a single word).

#include <string_view>
#include <unordered_set>

namespace gazetteer::detail {

/// A set of words viewing a string literal (the literal must outlive it).
using WordSet = std::unordered_set<std::string_view>;

/// The words of a literal separated by spaces or line breaks. Shared by the geoparser's and the
/// itinerary extractor's lexicons.
WordSet make_word_set(std::string_view words);

/// Function words and common words that are capitalised at the start of a sentence or in
/// headlines and also happen to be place names somewhere ("The", "Of", "Will", "Police").
bool is_stop_word(std::string_view w);
/// Months and weekdays ("May", "March", "Sunday").
bool is_calendar_word(std::string_view w);
/// Person titles and roles that precede a name ("President", "Gen", "spokesman").
bool is_title_word(std::string_view w);
/// Common given names worldwide, without names that are chiefly place names.
bool is_given_name(std::string_view w);
/// Common East Asian family names, which come first in a full name ("Kim Jong Un").
bool is_leading_family_name(std::string_view w);
/// Words that end an organisation or work name ("University", "Times", "House", "Department").
bool is_org_cue(std::string_view w);
/// Verbs of saying and acting whose subject, when a place, is metonymic ("Moscow said").
bool is_reporting_verb(std::string_view w);
/// Words that announce a place ("in", "from", "near", "visited", "based").
bool is_locative_cue(std::string_view w);
/// Direction and size words that may precede a place name ("northern", "greater", "downtown").
bool is_place_modifier(std::string_view w);
/// Upper-case acronyms that collide with country codes but mean something else ("AI", "TV", "IT").
bool is_common_acronym(std::string_view w);
/// Prepositions that take a place as object ("in", "of", "from"): the place is then not the
/// subject of the verb after it ("Officials in Moscow said" is literal, not metonymy).
bool is_preposition(std::string_view w);

}  // namespace gazetteer::detail
