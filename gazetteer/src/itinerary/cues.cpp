// The cue lexicon of itinerary extraction: motion, visit and gathering verbs and nouns with the
// role they give a governed place, transport modes, hedges, negation, future and background
// markers. Written for this project from general English news usage (AP/Reuters travel
// reports); no place names, no article-specific words.

#include "geoparse/lexicon.hpp"
#include "itinerary/itinerary_detail.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace gazetteer::detail {

namespace cues {

// Motion towards a goal (with to/into/for/in/at): the inflections are listed rather than
// stemmed so that "flight" does not catch "flighty" and "arrive" does not catch "arrival rates".
const WordSet kMotionVerbs = make_word_set(
    "arrive arrives arrived arriving arrival land lands landed landing reach reaches reached reaching "
    "come comes came coming go goes went going gone head heads headed heading travel travels traveled "
    "travelled traveling travelling fly flies flew flying flown flight drive drives drove driving driven "
    "sail sails sailed sailing move moves moved moving continue continues continued continuing proceed "
    "proceeds proceeded proceeding journey journeys journeyed walk walks walked walking cross crosses "
    "crossed crossing enter enters entered entering trip trips visit visits visited visiting tour tours "
    "toured touring stop stops stopped stopping stopover transferred ride rode taken took brought "
    "bound way route voyage pilgrimage border crossed returning return returns returned back rushed "
    "dispatched sent set onward onwards take takes taking took pulled rolled touched");

// Motion away from a source (with from / out of, or leave/depart + object).
const WordSet kDepartureVerbs = make_word_set(
    "leave leaves left leaving depart departs departed departing departure brought bring brings "
    "bringing fly flies flew flying flown flight came come comes coming arrive arrives arrived arriving "
    "travel travels traveled travelled traveling travelling drove driven drive sailed sail set return "
    "returns returned returning headed journeyed taken transported crossed crossing");

// Being somewhere (with in/at).
const WordSet kStayWords = make_word_set(
    "meet meets met meeting summit summits talks held hold holds holding hosted host hosts hosting "
    "stay stays stayed staying spend spent spends attend attends attended attending ceremony welcome "
    "welcomed greeted greet celebrated celebrates celebrate mass addressed addresses spoke speaks "
    "prayed prays visit visits visited visiting tour toured touring inspected inspects inspect "
    "stop stops stopped stopover arrive arrives arrived arriving arrival land landed landing lands "
    "walk walks walked reception banquet rally remained remain remains lunch dinner call calls");

// Verbs taking the place as a direct object ("visited Vladivostok", "left Pyongyang").
const WordSet kDirectVisitVerbs = make_word_set( "visit visits visited visiting tour tours toured touring reach reaches reached reaching enter enters entered entering");
const WordSet kDirectLeaveVerbs = make_word_set( "leave leaves left leaving depart departs departed departing");

// Gatherings: a stop at their place takes their date when it has none.
const WordSet kGatheringWords = make_word_set(
    "meet meets met meeting meetings summit summits talks held hold holds hosted host hosts ceremony "
    "conference forum mass negotiations");

const WordSet kReturnWords = make_word_set( "return returns returned returning back homeward");

const WordSet kHedgeWords = make_word_set(
    "may might could possibly perhaps maybe speculation speculated speculate rumored rumoured rumours "
    "rumors rumor rumour considering consider considered invited invite invites invitation inviting "
    "hopes hoped hope wish wishes wants wanted if unconfirmed proposed propose proposal possible "
    "potential potentially likely unlikely whether");

const WordSet kNegationWords = make_word_set(
    "not never no cancelled canceled cancel postponed postpone scrapped instead rather without");

const WordSet kFutureWords = make_word_set(
    "will 'll shall plans plan planned scheduled schedule expected due set to-be going would upcoming");

const WordSet kBackgroundWords = make_word_set(
    "last previous previously ago former formerly once earlier history historic decades");

const WordSet kPlaceFillers = make_word_set(
    "the a an his her their its our this that nearby neighbouring neighboring northern southern eastern "
    "western central far remote capital city town port village island islands region province state "
    "of coastal border frontier");

const WordSet kFunctionWords = make_word_set(
    "the a an and or but if then so as at in on of to for from by with after before during while when "
    "where since until this that these those there here it its he she they we i you his her their our "
    "my your such some many most more few all both each every no not yet still also even just only "
    "however although though because despite asked official speculation moreover meanwhile later "
    "earlier first last next new in-between what which who whom whose how why one two three");

const WordSet kStyledTitles = make_word_set( "pope king queen prince princess emperor empress sultan sheikh emir crown");


// Time spans spent somewhere: "two days in Brussels", "an afternoon in Rzeszow", "a night at".
const WordSet kTimeSpanNouns = make_word_set("day days night nights afternoon afternoons morning evening weekend hours week");

// Nouns that end the names of venues and installations ("Elmendorf Air Force Base", "Royal
// Castle", "Mandhry Mosque"): a place so named lies in a city, not beside it.
const WordSet kVenueNouns = make_word_set(
    "base airport airfield airbase station palace hall castle cathedral mosque church basilica temple shrine "
    "memorial cemetery museum stadium arena hotel theater theatre university campus embassy residence "
    "square park garden gardens fort fortress cosmodrome spaceport terminal pier quay");

// Verbs of carrying someone ("the plane carrying Obama from Havana", "carried him to Guam").
const WordSet kCarryVerbs = make_word_set("carry carries carried carrying");

// People named by their relation to someone ("Her coach stayed behind", "His cousin went on").
const WordSet kCompanionNouns = make_word_set(
    "minister ministers wife husband spouse son daughter spokesman spokeswoman spokesperson aide aides deputy "
    "deputies envoy secretary adviser advisers advisor advisors counterpart successor predecessor rival brother "
    "sister father mother cousin cousins friend friends companion companions coach partner team teammate "
    "teammates colleague colleagues uncle aunt nephew niece");

// Verbs that call a trip off for the traveller ("withdrew from", "skipped", "missed").
const WordSet kCancelVerbs = make_word_set("withdrew withdraw withdraws withdrawn skipped skip skips skipping missed");

}  // namespace cues

bool is_route_preposition(std::string_view w) {
    return w == "to" || w == "into" || w == "toward" || w == "towards" || w == "onto" || w == "for" || w == "in" ||
           w == "at" || w == "from" || w == "via" || w == "through" || w == "of" || w == "near" || w == "outside" ||
           w == "inside" || w == "on" || w == "by" || w == "with" || w == "across" || w == "over";
}

bool is_clause_break(std::string_view w) {
    return w == ";" || w == "(" || w == ")" || w == ":" || w == "\"" || w == "\xe2\x80\x94" || w == "\xe2\x80\x93" ||
           w == "\xe2\x80\x9c" || w == "\xe2\x80\x9d";
}

// Words naming a transport facility of a place ("Vladivostok Airport", "Moscow's Yaroslavsky
// station").
bool is_facility_word(std::string_view w) {
    return w == "airport" || w == "station" || w == "railway" || w == "harbour" || w == "harbor" || w == "terminal" ||
           w == "airbase" || w == "pier" || w == "quay" || w == "seaport" || w == "heliport";
}


std::string lower_word(std::string_view text, const Token& t) {
    std::string s(text.substr(t.begin, t.end - t.begin));
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        // U+2019 RIGHT SINGLE QUOTATION MARK (E2 80 99) is how news sites write apostrophes.
        if (i + 2 < s.size() + 0 && static_cast<unsigned char>(s[i]) == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            static_cast<unsigned char>(s[i + 2]) == 0x99) {
            out += '\'';
            i += 2;
            continue;
        }
        const char c = s[i];
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

unsigned cue_class(std::string_view w) {
    unsigned c = 0;
    if (cues::kMotionVerbs.count(w)) c |= CueArrive;
    if (cues::kDepartureVerbs.count(w)) c |= CueDepart;
    if (cues::kStayWords.count(w) || cues::kTimeSpanNouns.count(w)) c |= CueStay;
    if (cues::kCarryVerbs.count(w)) c |= CueArrive | CueDepart;
    if (cues::kDirectVisitVerbs.count(w) || cues::kDirectLeaveVerbs.count(w)) c |= CueDirect;
    if (cues::kGatheringWords.count(w)) c |= CueGather;
    if (cues::kReturnWords.count(w)) c |= CueReturn;
    return c;
}

bool is_direct_depart(std::string_view w) { return cues::kDirectLeaveVerbs.count(w) != 0; }

bool is_boarding_verb(std::string_view w) {
    static const WordSet s = make_word_set("board boards boarded boarding embark embarks embarked embarking");
    return s.count(w) != 0;
}

RouteVerb route_verb(std::string_view w) {
    // Only read as motion when a journey is their subject (see is_journey_noun): "the crisis
    // began in Kyiv" is no departure, "the tour began in Paris" is.
    static const WordSet begin = make_word_set("begin begins began beginning start starts started starting");
    static const WordSet end =
        make_word_set("end ends ended ending finish finishes finished finishing terminate terminates terminated terminating");
    static const WordSet pass =
        make_word_set("run runs ran running pass passes passed passing follow follows followed following wind winds wound");
    if (begin.count(w)) return RouteVerb::Begin;
    if (end.count(w)) return RouteVerb::End;
    if (pass.count(w)) return RouteVerb::Pass;
    return RouteVerb::None;
}

bool is_journey_noun(std::string_view w) {
    static const WordSet s = make_word_set(
        "leg legs trip journey tour route line voyage visit train express flight cruise pilgrimage ride itinerary "
        "motorcade convoy crossing stage bus coach ship ferry");
    return s.count(w) != 0;
}

bool is_past_verb(std::string_view w) {
    static const WordSet irregular = make_word_set(
        "left went came flew drove rode took brought met held spent spoke began ran sent set made gave saw "
        "stood sat led won told kept wound rose");
    if (irregular.count(w)) return true;
    return w.size() > 4 && w.substr(w.size() - 2) == "ed";
}

bool is_present_motion_verb(std::string_view w) {
    if (w.size() < 4 || w.back() != 's' || w.substr(w.size() - 2) == "ss") return false;
    // Motion verbs only, and not the gathering nouns ("talks", "meetings") that share the form.
    const unsigned c = cue_class(w);
    // Callers check that the word is not a noun after a determiner ("his visits", "two stops").
    return (c & (CueArrive | CueDepart | CueReturn)) != 0 && !(c & CueGather) && w != "trips" && w != "journeys";
}

std::string_view mode_word(std::string_view w) {
    // "aircraft" and "station" are left out on purpose: "an aircraft plant", "a space station".
    static const std::unordered_map<std::string_view, std::string_view> modes = {
        {"train", "train"},      {"trains", "train"},     {"rail", "train"},      {"railway", "train"},
        {"railroad", "train"},   {"locomotive", "train"}, {"railcar", "train"},   {"sleeper", "train"},
        {"fly", "plane"},        {"flies", "plane"},      {"flew", "plane"},      {"flying", "plane"},
        {"flown", "plane"},      {"flight", "plane"},     {"flights", "plane"},   {"plane", "plane"},
        {"planes", "plane"},     {"jet", "plane"},        {"jetliner", "plane"},  {"airliner", "plane"},
        {"airport", "plane"},    {"airbase", "plane"},    {"helicopter", "plane"}, {"airlifted", "plane"},
        {"car", "car"},          {"cars", "car"},         {"motorcade", "car"},   {"drove", "car"},
        {"drive", "car"},        {"drives", "car"},       {"driving", "car"},     {"driven", "car"},
        {"convoy", "car"},       {"bus", "car"},          {"minibus", "car"},     {"truck", "car"},
        {"lorry", "car"},        {"taxi", "car"},
        {"ship", "ship"},        {"ships", "ship"},      {"boat", "ship"},
        {"ferry", "ship"},       {"sailed", "ship"},      {"sail", "ship"},       {"sailing", "ship"},
        {"yacht", "ship"},       {"vessel", "ship"},      {"cruise", "ship"},     {"warship", "ship"},
        {"steamer", "ship"},
    };
    auto it = modes.find(w);
    return it == modes.end() ? std::string_view() : it->second;
}

bool is_hedge_word(std::string_view w) { return cues::kHedgeWords.count(w) != 0; }
bool is_negation_word(std::string_view w) {
    if (cues::kNegationWords.count(w)) return true;
    return w.size() > 3 && w.substr(w.size() - 3) == "n't";
}
bool is_future_word(std::string_view w) { return cues::kFutureWords.count(w) != 0; }
bool is_background_word(std::string_view w) { return cues::kBackgroundWords.count(w) != 0; }
bool is_place_filler(std::string_view w) { return cues::kPlaceFillers.count(w) != 0; }
bool is_function_word(std::string_view w) { return cues::kFunctionWords.count(w) != 0; }
bool is_styled_title(std::string_view w) { return cues::kStyledTitles.count(w) != 0; }

int weekday_index(std::string_view w) {
    static constexpr std::string_view days[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    for (int i = 0; i < 7; ++i) if (w == days[i]) return i;
    return -1;
}

int month_index(std::string_view w) {
    static constexpr std::string_view full[] = {"january", "february", "march",     "april",   "may",      "june",
                                                "july",    "august",   "september", "october", "november", "december"};
    static constexpr std::string_view abbr[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; ++i) if (w == full[i] || w == abbr[i]) return i + 1;
    if (w == "sept") return 9;
    return 0;
}

}  // namespace gazetteer::detail
