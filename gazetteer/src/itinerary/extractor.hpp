#pragma once
// The itinerary extractor's internal model, shared by its stage files:
//   events.cpp      place mentions -> motion events (cue, direction, subject, hedges, mode)
//   event_dates.cpp date expressions anchored, then given to events
//   extract.cpp     traveller, event filtering (roles), the run and the assembled itinerary
//   stops.cpp       containment and merging: events -> stop groups
//   stop_order.cpp  ordering: dates, then order cues, then text order
// Words and cues live in one lexicon (cues.cpp, itinerary_detail.hpp).

#include "itinerary/itinerary_detail.hpp"

#include <gazetteer/geoparse.hpp>
#include <gazetteer/itinerary.hpp>
#include <gazetteer/place.hpp>
#include <gazetteer/text.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazetteer::detail {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
// How far back (tokens) a governing verb may stand from its preposition: "walk to a station
// building at Khasan" needs 5; longer windows start catching verbs of other clauses.
constexpr std::size_t kCueWindow = 6;
// A mode word belongs to the nearest motion event of its sentence within this many tokens.
constexpr std::size_t kModeWindow = 12;
// Hedges are looked for this far before the cue ("it is unclear whether he would travel to").
constexpr std::size_t kHedgeWindow = 12;
// Events dated this far from the trip's median date are another trip (background).
constexpr long kTripSpanDays = 31;

enum class Direction { Arrive, Depart, Stay, Via };

struct Event {
    std::size_t mention = kNone;  // index in ArticleResult::mentions, kNone for "flew home"
    Place place;
    std::size_t first = 0, last = 0;  // tokens of the place mention
    std::size_t cue_tok = 0;          // the governing verb or noun
    std::size_t sentence = 0;
    std::size_t cp_start = 0, cp_end = 0;
    std::string snippet;
    std::size_t snippet_start = 0;
    Direction dir = Direction::Arrive;
    std::string cue;
    bool gather = false, planned = false, ret = false, homeward = false;
    bool then_cue = false, after_gathering = false, before_word = false, after_word = false;
    std::string hedge, negation, background;  // the word that disqualifies it, or ""
    std::string mode;
    std::optional<long> date;
    // How the date is known: 0 stated in full ("Tuesday, Sept. 12, 2023"), 1 anchored from a
    // weekday or relative day, 2 inferred (the gathering's day, neighbours); the lowest wins.
    int date_level = 3;
    bool next_day = false;
    bool borrowed_date = false;  // dated by its paragraph, not by its own sentence
    bool fronted = false;  // "In Hanoi, Putin met ...": the traveller must be the clause's subject
    bool pluperfect = false;  // "had met ... in Bakhmut": before the narrative's time
    bool weak = false;  // "in"/"at" without a travel word: a stop only as the traveller's deed
    bool home = false;  // "flew home", "back home": the journey's end
    int next_day_offset = 0;
    std::size_t next_day_tok = kNone;  // the "next day" expression, resolved once for all it dates
    bool before_that = false;          // "Before that, ...": earlier than the sentence before
    bool journey_end = false;          // "the tour ends in Perth": after the other outward stops
    std::string other_subject;         // "Her trade minister stayed behind in ...": not the traveller
    // What the mention is to the traveller: a motion role once kept, else why it is no stop.
    MentionRole role = MentionRole::Topic;
    std::string reason;            // the note's words for a role that is no stop
    int subject = -1;              // person index, -1 unknown
    std::vector<int> coordinated;  // people joined to the subject by "and"
};

struct StopGroup {
    std::vector<std::size_t> events;  // indices into the kept events
    Place place;
    StopRole role = StopRole::Visit;
    std::optional<long> date;
    int date_level = 3;
    bool date_depart = false;  // the date is that of a departure
    bool date_order_only = false;  // the date orders the stop but is a lower bound, not reported
    bool home = false;
    std::size_t pos = 0;  // code point of its first event
    std::string arrival_mode, departure_mode;
    bool dropped = false;
    bool homeward = false;
};

/// The travel order of the stop groups left after merging.
struct StopOrder {
    std::vector<std::size_t> live;   // indices into the groups that are stops
    std::vector<std::size_t> order;  // positions in `live`, in travel order
    std::vector<bool> cue_placed;    // per live group: an order cue placed it
    std::size_t dated = 0;           // live groups with a date
    std::vector<long> narrative;     // per live group: the story's day at its first mention (LONG_MIN: none)
};

// Place tests used by merging (stops.cpp).
/// GeoNames transport facilities (airports, stations, ports): a traveller there is at the city.
bool is_transport_facility(const Place& p);
/// Great-circle km on a sphere of the mean Earth radius (enough to tell one city's venue from another's).
double sphere_km(const Place& a, const Place& b);
/// A place whose name ends in a venue noun ("Elmendorf Air Force Base").
bool named_as_venue(const Place& p);

class Extractor {
public:
    Extractor(const ArticleResult& parsed, std::string_view text, const ItineraryOptions& options)
        : m_parsed(parsed), m_text(text), m_options(options) {}

    Itinerary run();

private:
    const ArticleResult& m_parsed;
    std::string_view m_text;
    const ItineraryOptions& m_options;

    TokenizedText m_tt;
    std::vector<std::string> m_w;
    std::vector<bool> m_headline, m_in_mention;
    std::vector<std::size_t> m_paragraph;  // per token
    People m_people;
    std::vector<DateExpr> m_dates;
    std::optional<long> m_article_day;
    bool m_relative_dates = false;  // no year is known: dates order stops but are not reported
    std::size_t m_dateline_tok = kNone;  // first token of the dateline's date, if any
    std::vector<Event> m_events;
    std::vector<std::string> m_notes;
    std::vector<ItineraryNote> m_place_notes;  // place mentions that are no stop of their own
    std::optional<Event> m_dateline;  // the place of the dateline ("WARSAW, Poland (AP) —"), if any
    int m_traveller = -1;
    std::string m_traveller_name;

    std::size_t token_at_byte(std::size_t byte) const;
    bool punct_is(std::size_t i, std::string_view s) const { return i < m_w.size() && m_tt.tokens[i].is(TokPunct) && m_w[i] == s; }
    void mark_headlines();
    void resolve_dates();
    void find_events();
    bool governing_cue(Event& e);
    void annotate(Event& e);
    int subject_before(std::size_t tok, std::vector<int>& coordinated) const;
    std::size_t journey_subject(std::size_t verb) const;
    bool time_separated(std::size_t from, std::size_t to) const;
    int resolve_pronoun(std::size_t tok) const;
    void assign_modes();
    void assign_dates();
    void choose_traveller();
    std::vector<Event> filter_events();
    void add_home_returns(std::vector<Event>& kept);
    // True when the mention starting at token `a` opens the first body paragraph as a dateline.
    bool is_dateline(std::size_t a) const;
    // The dateline's place as a stop when the lead reports the traveller there and no motion says so.
    void add_dateline_stop(std::vector<Event>& kept);
    Itinerary build(std::vector<Event>& kept);
    // Containment and merging (stops.cpp): events into stop groups, venues and containers
    // into the stops they hold.
    std::vector<StopGroup> merge_stops(std::vector<Event>& kept);
    // Ordering (stop_order.cpp): the travel order of the live groups.
    StopOrder order_stops(const std::vector<Event>& kept, std::vector<StopGroup>& groups) const;
    // The itinerary of the ordered groups: stops, inferred dates, legs and notes (extract.cpp).
    Itinerary assemble(const std::vector<Event>& kept, std::vector<StopGroup>& groups, const StopOrder& order);
    std::string note_name(const Event& e) const { return e.place.name; }
    // Records a place mention that is no stop of its own (see ItineraryNote).
    void note_place(const Event& e, MentionRole role, std::string reason, std::string merged_into = {});
    // The motion role of a kept event from its direction and return cue.
    static MentionRole motion_role(const Event& e);
    // True when the clause of `e` opens with an indefinite subject that is not the traveller.
    bool indefinite_subject(const Event& e) const;
};

}  // namespace gazetteer::detail
