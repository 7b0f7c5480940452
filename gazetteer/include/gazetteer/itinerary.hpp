#pragma once
// Itinerary extraction: who travels in an article, the places they move between and the order
// they went in, which is often not the order of the text (news leads with the summit and tells
// the journey to it later).
//
// Every place mention gets a role for the traveller (MentionRole): one of their motions (origin,
// arrival, visit, transit, departure, return), which makes or joins a stop, or the reason it is
// no stop (another traveller, overflight, plan, cancelled, past, topic, metonymy), kept with its
// evidence in Itinerary::place_notes. Stops are the motions merged by containment (a venue into
// its city, a country into the city named in it), ordered by dates, then tense and sequence cues,
// then the text.
//
// The method works on the geoparse of the article (geoparse.hpp) and general English cues, no
// rules for one article:
//  1. people are the capitalised name runs the geoparser did not take for places; the traveller
//     is the person most often the subject of a motion verb, unless the caller names one;
//  2. a place mention becomes a motion event when a cue governs it: a motion or visit verb with
//     its preposition ("arrived in", "flying to", "crossing the border ... at", "brought from",
//     "boarded ... at", "will visit"), a gathering ("meet at", "talks in"), "via" or "by way of",
//     or a route verb whose subject is the journey ("the last leg runs through", "ends in");
//     hedged ("may visit"), negated or called off ("a visit to Riga was dropped"), invited-to
//     and background mentions ("last visited ... in 2019", another person's trip, "her
//     minister stayed behind in") stay out, and so do metonymic and possessive uses ("Moscow
//     said", "Russia's war"; but "Moscow's Yaroslavsky station" is Moscow);
//  3. dates are anchored on absolute dates ("Tuesday, Sept. 12, 2023"), the article date or
//     dateline, weekdays ("on Wednesday", "Wednesday's summit") and relative days ("the next
//     day"); bare weekdays follow AP style (a day within a week of the news day: future and
//     present-tense verbs look ahead, others back), except that in a text told in order without
//     a publication date a past-tense weekday follows the last date told (within 3 days); a
//     gathering place without a date of its own takes the date of the gathering; with no year
//     anywhere, days still order the stops (a stand-in year fitting the stated weekdays) but are
//     not reported;
//  4. stops are ordered by date, then by order cues (origin first, "then", "after the summit",
//     planned visits after done ones, the way home last), then by text order, and each stop says
//     what placed it ("Before that," steps back a sentence); containers (a country or island
//     around a city stop), regions and seas are dropped, a city's airport, station or port
//     merges into the city stop, and consecutive repeats are merged; where the geoparser
//     abstains on a name governed by a motion cue, its candidate of exactly that name stands
//     in (with a note);
//  5. a leg's mode is the one stated for its arrival ("flying to"), else the one stated for a
//     departure earlier in the journey ("brought from Pyongyang in his armoured train"), which
//     holds until another mode is stated.

#include <gazetteer/date.hpp>
#include <gazetteer/geoparse.hpp>
#include <gazetteer/layers.hpp>
#include <gazetteer/place.hpp>
#include <gazetteer/route.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gazetteer {

/// Options of itinerary extraction.
struct ItineraryOptions {
    /// Who travels, as the article names them ("Kim Jong Un", or a part such as "Kim"); "" picks
    /// the person most often the subject of motion verbs. A name never mentioned is an error.
    std::string traveller;
    /// Publication date "YYYY-MM-DD" anchoring weekdays and relative days; "" uses a dateline
    /// at the top of the text, else the absolute dates the text states.
    std::string article_date;
};

/// Why a stop is on the itinerary.
enum class StopRole : std::uint8_t {
    Origin = 0,   ///< where the journey starts ("left Pyongyang", "brought from Pyongyang")
    Visit = 1,    ///< a place reached or stayed at ("arrived in", "met at", "visited")
    Planned = 2,  ///< announced as certain but still ahead ("will visit", "then go to")
    Return = 3,   ///< the way home ("returned to", "flew home")
};

/// Short lowercase name of a role ("origin", "visit", "planned", "return").
const char* stop_role_name(StopRole role) noexcept;

/// What one place mention is to the traveller: one of their motions (Origin .. Return), which
/// makes or joins a stop, or a reason it is not one (OtherTraveller .. Metonymy).
enum class MentionRole : std::uint8_t {
    Origin = 0,          ///< where the journey starts ("left Pyongyang", "flew in from Lima")
    Arrival = 1,         ///< reached ("arrived in", "landed at", "flew to")
    Visit = 2,           ///< stayed or met there ("held talks in", "toured", "visited")
    Transit = 3,         ///< passed through ("via", "by way of", "a stopover in")
    Departure = 4,       ///< left, after having been there ("left Beijing on Saturday")
    Return = 5,          ///< the way home ("returned to", "flew home")
    OtherTraveller = 6,  ///< someone else's motion ("Trump landed later", "his wife flew on to")
    Overflight = 7,      ///< flown over or crossed without a stop ("flew over Mongolia")
    Plan = 8,            ///< hedged, or a later trip ("may visit", "is scheduled to visit Moscow in May")
    Cancelled = 9,       ///< negated or called off ("a visit to Riga was dropped", "could not cross into")
    Past = 10,           ///< an earlier trip ("last visited ... in 2019", "his first trip, to Beijing, last March")
    Topic = 11,          ///< named, but no motion governs it ("talks on Ukraine", "exile groups in Miami")
    Metonymy = 12,       ///< a place standing for its government or people ("Moscow said", "Russia's war")
};

/// Short lowercase name of a mention role ("origin", "arrival", ..., "other traveller", "metonymy").
const char* mention_role_name(MentionRole role) noexcept;

/// True for the traveller's own motions (Origin .. Return).
bool is_motion_role(MentionRole role) noexcept;

/// What put a stop at its place in the sequence.
enum class Placement : std::uint8_t {
    Date = 0,       ///< its date (stated or inferred) orders it against the other stops
    Cue = 1,        ///< an order cue ("left", "then", "after the summit", "on the way home")
    TextOrder = 2,  ///< nothing but the order of the text
};

/// Short lowercase name of a placement ("date", "cue", "text order").
const char* placement_name(Placement p) noexcept;

/// Where the article says so: the sentence and the place mention's span.
struct ItineraryEvidence {
    std::string sentence;            ///< the sentence holding the mention (snippet as Mention::sentence)
    std::size_t sentence_start = 0;  ///< code point offset of `sentence` in the text
    std::size_t start = 0, end = 0;  ///< code point span of the place mention (end-exclusive)
    std::string cue;                 ///< the words that made it a stop ("arrived in", "brought from")
    MentionRole role = MentionRole::Visit;  ///< what the quoted mention is to the traveller
};

/// One stop of an itinerary.
struct ItineraryStop {
    std::size_t seq = 0;        ///< 1-based position in the itinerary
    std::string name;           ///< the place's name in the gazetteer
    Place place;                ///< the resolved place (WGS84 degrees)
    std::string date;           ///< "YYYY-MM-DD" when stated or inferable, else ""
    bool date_inferred = false; ///< true when `date` is inferred (weekday, gathering, neighbours)
    StopRole role = StopRole::Visit;
    Placement placed_by = Placement::TextOrder;
    ItineraryEvidence evidence; ///< the strongest cue for the stop
    std::size_t events = 1;     ///< motion events merged into this stop
};

/// A place mention that is not a stop of its own: merged into a stop (a venue into its city, a
/// country into the city named in it) or not the traveller's stop at all (`role` says why).
struct ItineraryNote {
    std::string name;            ///< the place's name in the gazetteer
    Place place;                 ///< the resolved place
    MentionRole role = MentionRole::Topic;
    std::string merged_into;     ///< the stop it joined ("" when it is no stop at all)
    std::string reason;          ///< why, in words ("the motion ('flew to') is Trump's")
    ItineraryEvidence evidence;  ///< where the article says so
};

/// A leg between consecutive stops.
struct ItineraryLeg {
    std::size_t from = 0;    ///< index of the start stop in Itinerary::stops (0-based)
    std::size_t to = 0;      ///< index of the end stop (from + 1)
    std::string mode;        ///< one of kLegModes (route.hpp) when the article states it, else ""
    double distance_km = 0;  ///< geodesic length on the WGS84 ellipsoid, km
};

/// The itinerary of one article. Expected outcomes (no traveller, fewer than two stops) are
/// values here: an empty traveller, short stop lists and `notes` saying why.
struct Itinerary {
    std::string traveller;            ///< who travels, "" when the article never names them
    std::vector<ItineraryStop> stops; ///< in travel order
    std::vector<ItineraryLeg> legs;   ///< legs[i] goes from stops[i] to stops[i + 1]
    std::vector<std::string> notes;   ///< human-readable reasons for left-out places and guesses
    /// Every place mention that is not a stop of its own, with its role, in text order.
    std::vector<ItineraryNote> place_notes;
};

/// Extracts the itinerary from an article already geoparsed: `parsed` must be the geoparse of
/// `text` (offsets are checked against it). Throws UsageError for a malformed
/// options.article_date and for an options.traveller the text never mentions.
Itinerary extract_itinerary(const ArticleResult& parsed, std::string_view text,
                            const ItineraryOptions& options = {});

/// Geoparses `text` with `parser` and extracts its itinerary (as the overload above).
Itinerary extract_itinerary(const Geoparser& parser, std::string_view text,
                            const ItineraryOptions& options = {});

/// The itinerary as a Route (geodesic legs, arrival dates, stated modes), for route_layers().
/// Throws UsageError when it has fewer than two stops.
Route itinerary_route(const Itinerary& itinerary);

/// GIS layers of the itinerary, as layer_schemas("itinerary") declares them (schemas.hpp):
/// route_layers() of itinerary_route() ("stops", "legs", "route")
/// with the "stops" layer extended by traveller, date, date_inferred, role, placed_by, cue,
/// event_role, evidence, evidence_start and evidence_end (code points), then a point layer
/// "place_notes" of Itinerary::place_notes (name, place_id, role, merged_into, reason, cue,
/// evidence, evidence_start, evidence_end). Throws UsageError when it has fewer than two stops.
std::vector<Layer> itinerary_layers(const Itinerary& itinerary);

/// The itinerary as JSON text (one object, no trailing newline):
/// {"traveller", "stops": [{"seq", "name", "place_id", "lat", "lon", "country", "date",
/// "date_inferred", "role", "placed_by", "evidence": {"sentence", "sentence_start", "start",
/// "end", "cue", "role"}}], "legs": [{"from", "to", "from_seq", "to_seq", "mode", "distance_km"}],
/// "notes", "place_notes": [{"name", "place_id", "lat", "lon", "country", "role", "merged_into",
/// "reason", "evidence"}]}. Roles are mention_role_name() values ("arrival", "other traveller").
/// Leg "from"/"to" are stop names, "from_seq"/"to_seq" their seq numbers; empty strings (no
/// date, no mode, no traveller) are written as null.
std::string itinerary_json(const Itinerary& itinerary, int indent = 2);

/// One element of itinerary_json(), alone and compact: stops[i], legs[i] or place_notes[i]. The
/// faces that hand out stops, legs and notes one by one (the Python module's ItineraryStop,
/// ItineraryLeg, PlaceNote) take their fields from here, so they cannot drift from the CLI's
/// JSON. Throws std::out_of_range for an `i` past the end.
std::string itinerary_stop_json(const Itinerary& itinerary, std::size_t i);
std::string itinerary_leg_json(const Itinerary& itinerary, std::size_t i);
std::string itinerary_place_note_json(const Itinerary& itinerary, std::size_t i);

}  // namespace gazetteer
