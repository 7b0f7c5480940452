#pragma once
// Internals of itinerary extraction shared by its files: calendar arithmetic and date
// expressions (dates.cpp), the cue lexicon (cues.cpp) and people in the text (people.cpp).

#include "geoparse/lexicon.hpp"

#include <gazetteer/date.hpp>
#include <gazetteer/text.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazetteer::detail {

// ---- calendar: day numbers ----
// Events sort, subtract and take medians of their dates, so the itinerary holds a date as its
// day number: the count of std::chrono::sys_days, days since 1970-01-01 (gazetteer/date.hpp
// is the date type and the only ISO 8601 parser; these convert to and from it).

/// Day number of a date.
inline long day_number(std::chrono::year_month_day date) noexcept {
    return std::chrono::sys_days{date}.time_since_epoch().count();
}
/// Day number of year, month (1-12) and day (1-31) without checking that the day exists: an
/// overflowing day rolls into the next month (std::chrono's rule for sys_days of such a date).
inline long day_number(int y, int m, int d) noexcept {
    using namespace std::chrono;
    return day_number(year_month_day{year{y}, month{unsigned(m)}, day{unsigned(d)}});
}
/// The date of a day number.
inline std::chrono::year_month_day date_of_day(long days) noexcept {
    return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
}
/// Day of the week, 0 = Sunday ... 6 = Saturday.
inline int weekday_of(long days) noexcept {
    return static_cast<int>(std::chrono::weekday{std::chrono::sys_days{std::chrono::days{days}}}.c_encoding());
}
/// Day number of a strict "YYYY-MM-DD" (parse_iso_date), or empty.
inline std::optional<long> parse_iso_day(std::string_view s) noexcept {
    if (auto date = parse_iso_date(s)) return day_number(*date);
    return std::nullopt;
}
/// "YYYY-MM-DD" of a day number.
inline std::string iso_of_day(long days) { return iso_date(date_of_day(days)); }

/// A date expression found in the text.
struct DateExpr {
    enum class Kind {
        Absolute,    ///< month and day with a year: `days` is set
        MonthDay,    ///< month and day, year to infer from context
        Weekday,     ///< a weekday alone ("on Wednesday", "Wednesday's summit")
        NextDay,     ///< relative to the previous dated event ("the next day": offset 1)
        ArticleDay,  ///< relative to the article date ("today" 0, "yesterday" -1, "tomorrow" 1)
    };
    Kind kind = Kind::Absolute;
    std::size_t first = 0, last = 0;  ///< token range [first, last)
    int month = 0, day = 0;           ///< for MonthDay and Absolute
    int weekday = -1;                 ///< 0 = Sunday, when the expression names one
    int offset = 0;                   ///< for NextDay and ArticleDay
    std::optional<long> days;         ///< resolved day number
};

/// Finds the date expressions of a tokenised text (in token order).
std::vector<DateExpr> find_date_exprs(std::string_view text, const TokenizedText& tt);

// ---- words ----

/// The itinerary lexicon: named word lists of general English travel-news usage (cues.cpp).
namespace cues {
extern const WordSet kMotionVerbs;       ///< motion towards a goal, with to/into/in/at ("arrived", "flew")
extern const WordSet kDepartureVerbs;    ///< motion away from a source, with from / out of ("left", "brought")
extern const WordSet kStayWords;         ///< being somewhere, with in/at ("met", "held talks", "stayed")
extern const WordSet kDirectVisitVerbs;  ///< take the place reached as object ("visited Hanoi", "toured")
extern const WordSet kDirectLeaveVerbs;  ///< take the place left as object ("left Pyongyang")
extern const WordSet kGatheringWords;    ///< gatherings whose place is a stop ("summit", "talks")
extern const WordSet kReturnWords;       ///< motion back ("returned", "back")
extern const WordSet kHedgeWords;        ///< a motion only hinted at ("may", "invited", "possible")
extern const WordSet kNegationWords;     ///< negation and calling off ("not", "cancelled", "instead")
extern const WordSet kFutureWords;       ///< an announced motion ahead ("will", "scheduled", "due")
extern const WordSet kBackgroundWords;   ///< an earlier trip ("last", "previous", "ago")
extern const WordSet kPlaceFillers;      ///< words between a preposition and a place ("the", "city", "of")
extern const WordSet kFunctionWords;     ///< sentence openers that are never a person ("The", "After")
extern const WordSet kStyledTitles;      ///< titles kept in a traveller's name ("Pope", "King")
extern const WordSet kTimeSpanNouns;     ///< time spent somewhere ("two days in", "an afternoon in")
extern const WordSet kVenueNouns;        ///< nouns ending venue names ("Air Force Base", "Royal Castle")
extern const WordSet kCompanionNouns;    ///< people named by relation ("her coach", "his cousin")
extern const WordSet kCancelVerbs;       ///< calling a trip off ("withdrew from", "skipped")
extern const WordSet kCarryVerbs;        ///< carrying someone ("the plane carrying him from Havana")
}  // namespace cues

/// Prepositions that may govern a place ("to", "in", "via", "from", ...).
bool is_route_preposition(std::string_view w);
/// Punctuation that ends a clause for cue windows (";", ":", parentheses, quotes, dashes).
bool is_clause_break(std::string_view w);
/// Words naming a transport facility of a place ("airport", "station", "harbour").
bool is_facility_word(std::string_view w);

/// Lower-case ASCII copy of a token's text (non-ASCII bytes kept; curly apostrophes folded to ').
std::string lower_word(std::string_view text, const Token& t);

/// The verb or noun classes that govern a place mention.
enum CueClass : unsigned {
    CueArrive = 1u << 0,  ///< motion towards a goal: arrive, fly, travel, go, cross, trip
    CueDepart = 1u << 1,  ///< motion away from a source: leave, depart, bring (from)
    CueStay = 1u << 2,    ///< being somewhere: meet, hold talks, stay, attend, visit (in)
    CueDirect = 1u << 3,  ///< takes the place as direct object: visit, tour, reach, leave
    CueGather = 1u << 4,  ///< a gathering whose place is a stop: summit, meeting, talks
    CueReturn = 1u << 5,  ///< motion back home: return, back
};

/// Cue classes of a lower-case word (0 when it is no cue).
unsigned cue_class(std::string_view w);
/// True for verbs that take the place left as direct object ("left Pyongyang").
bool is_direct_depart(std::string_view w);
/// Boarding verbs: the place they take with "at"/"in" is left ("boarded the express at Moscow's
/// station", "embarked in Southampton").
bool is_boarding_verb(std::string_view w);

/// What a route verb says of the place it governs when a journey is its subject ("the last leg
/// runs through Khabarovsk and ends in Vladivostok", "the tour began in Paris").
enum class RouteVerb { None, Begin, End, Pass };
/// The route-verb reading of a lower-case word.
RouteVerb route_verb(std::string_view w);
/// Nouns naming a journey or its vehicle, the subjects of route verbs ("leg", "trip", "train").
bool is_journey_noun(std::string_view w);
/// Simple past forms (regular "-ed" and the irregular verbs of travel news: "left", "flew").
bool is_past_verb(std::string_view w);
/// Third person present forms of motion verbs ("travels", "returns", "flies"), which news uses
/// for scheduled moves ("the delegation travels to Seoul on Thursday").
bool is_present_motion_verb(std::string_view w);

/// The leg mode a lower-case word states ("train", "plane", "car", "ship") or "".
std::string_view mode_word(std::string_view w);

/// Words that make a motion only hinted at ("may", "could", "invited", "speculation").
bool is_hedge_word(std::string_view w);
/// Negations ("not", "never", "didn't", "cancelled").
bool is_negation_word(std::string_view w);
/// Markers of a future, announced motion ("will", "plans", "scheduled", "expected").
bool is_future_word(std::string_view w);
/// Markers of an earlier, background trip ("last", "previous", "ago", "previously").
bool is_background_word(std::string_view w);
/// Words skipped between a governing preposition and the place ("the", "his", "city", ...).
bool is_place_filler(std::string_view w);
/// Function words that may open a sentence and are never a person ("The", "After", "He").
bool is_function_word(std::string_view w);
/// Titles kept in a traveller's display name because they are part of how the person is
/// known ("Pope Francis", "King Charles").
bool is_styled_title(std::string_view w);
/// Weekday index (0 = Sunday) of a full weekday name, or -1.
int weekday_index(std::string_view w);
/// Month 1-12 of a month name or its AP abbreviation ("sept", "aug"), or 0.
int month_index(std::string_view w);

// ---- ordering ----

/// Precedence constraints between n items, kept acyclic: add() refuses a constraint that
/// contradicts the accepted ones, so callers add the strongest evidence first.
class PrecedenceGraph {
public:
    explicit PrecedenceGraph(std::size_t n);
    /// Requires a before b; false (and nothing changes) when that would close a cycle.
    bool add(std::size_t a, std::size_t b);
    /// True when a is required, directly or transitively, before b.
    bool reaches(std::size_t a, std::size_t b) const;
    /// A total order honouring every constraint; ties go to the item `before` puts first.
    std::vector<std::size_t> order(const std::function<bool(std::size_t, std::size_t)>& before) const;

private:
    std::size_t m_n;
    std::vector<bool> m_edge;  // m_edge[a * n + b]: a before b
};

// ---- people ----

/// A person named in the text: a capitalised name run the geoparser did not take for a place.
struct PersonMention {
    std::size_t first = 0, last = 0;  ///< token range of the name
    std::size_t person = 0;           ///< index into People::names
};

/// People of an article, with short references ("Kim") folded into full names ("Kim Jong Un").
struct People {
    std::vector<std::string> names;        ///< display names
    std::vector<std::size_t> counts;       ///< mentions per name
    std::vector<PersonMention> mentions;   ///< in token order
    std::vector<int> person_at;            ///< per token: person index or -1
};

/// Finds people in `tt`. `blocked[i]` marks tokens inside place mentions or headlines.
People find_people(std::string_view text, const TokenizedText& tt, const std::vector<bool>& blocked);

}  // namespace gazetteer::detail
