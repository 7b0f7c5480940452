// Itinerary extraction from a geoparsed article (the method is outlined in itinerary.hpp).
//
// Pipeline: tokens and headlines -> people -> date expressions and their anchors -> motion
// events (a place mention governed by a cue) with subject, tense, hedges, mode and date ->
// traveller and event filtering -> stops (grouped events, containers dropped) -> ordering
// (dates, then order cues, then text) -> inferred dates -> legs with modes and distances.

#include "itinerary/itinerary_detail.hpp"

#include "geoparse/lexicon.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/itinerary.hpp>
#include <gazetteer/route.hpp>
#include <gazetteer/text.hpp>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gazetteer {

const char* stop_role_name(StopRole role) noexcept {
    switch (role) {
        case StopRole::Origin: return "origin";
        case StopRole::Visit: return "visit";
        case StopRole::Planned: return "planned";
        case StopRole::Return: return "return";
    }
    return "visit";
}

const char* placement_name(Placement p) noexcept {
    switch (p) {
        case Placement::Date: return "date";
        case Placement::Cue: return "cue";
        case Placement::TextOrder: return "text order";
    }
    return "text order";
}

namespace {

using namespace gazetteer::detail;

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
    bool home = false;  // "flew home", "back home": the journey's end
    int next_day_offset = 0;
    std::size_t next_day_tok = kNone;  // the "next day" expression, resolved once for all it dates
    bool before_that = false;          // "Before that, ...": earlier than the sentence before
    bool journey_end = false;          // "the tour ends in Perth": after the other outward stops
    std::string other_subject;         // "Her trade minister stayed behind in ...": not the traveller
    int subject = -1;              // person index, -1 unknown
    std::vector<int> coordinated;  // people joined to the subject by "and"
};

struct StopGroup {
    std::vector<std::size_t> events;  // indices into the kept events
    Place place;
    StopRole role = StopRole::Visit;
    std::optional<long> date;
    int date_level = 3;
    bool home = false;
    std::size_t pos = 0;  // code point of its first event
    std::string arrival_mode, departure_mode;
    bool dropped = false;
    bool homeward = false;
};

bool is_preposition(std::string_view w) {
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

// Transport facilities (GeoNames feature codes, https://www.geonames.org/export/codes.html):
// airports and airfields, railway and bus stations, ports and landings. A traveller passing
// through one of a city's is at the city.
bool is_transport_facility(const Place& p) {
    static const std::set<std::string> codes = {"AIRP", "AIRF", "AIRH", "AIRB", "AIRQ", "RSTN", "RSTP",
                                                "BUSTN", "BUSTP", "PRT", "MAR", "PIER", "LDNG", "FY"};
    return codes.count(p.feature_code) != 0;
}

// Great-circle distance in km on a sphere of the mean Earth radius: enough to tell a city's
// airport from another city's (the reported leg lengths use the ellipsoid, route.hpp).
double sphere_km(const Place& a, const Place& b) {
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double dlat = (b.lat - a.lat) * kRad, dlon = (b.lon - a.lon) * kRad;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * 6371.0088 * std::asin(std::min(1.0, std::sqrt(h)));
}

bool is_country_like(const Place& p) {
    return p.source == Source::Country || p.feature_code.rfind("PCL", 0) == 0 || p.feature_code == "TERR";
}

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
    Itinerary build(std::vector<Event>& kept);
    std::string note_name(const Event& e) const { return e.place.name; }
};

std::size_t Extractor::token_at_byte(std::size_t byte) const {
    const auto& toks = m_tt.tokens;
    auto it = std::lower_bound(toks.begin(), toks.end(), byte, [](const Token& t, std::size_t b) { return t.end <= b; });
    return static_cast<std::size_t>(it - toks.begin());
}

// Headlines are title case and carry no narrative; their "Summit ... at a Far East Spaceport"
// would otherwise pass for events and their capitalised words for people.
void Extractor::mark_headlines() {
    const auto& toks = m_tt.tokens;
    const std::size_t n = toks.size();
    m_headline.assign(n, false);
    m_paragraph.assign(n, 0);
    std::size_t para = 0;
    std::size_t start = 0;
    auto close = [&](std::size_t end) {
        std::size_t words = 0, caps = 0;
        for (std::size_t i = start; i < end; ++i) {
            if (!toks[i].is(TokWord) || toks[i].is(TokDigit)) continue;
            if (m_w[i].size() <= 3 && !toks[i].is(TokCapitalised)) continue;  // a, of, the, at, for
            ++words;
            if (toks[i].is(TokCapitalised)) ++caps;
        }
        if (words >= 4 && caps * 10 >= words * 8) {
            for (std::size_t i = start; i < end; ++i) m_headline[i] = true;
        }
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && toks[i].is(TokNewlineBefore)) {
            close(i);
            start = i;
            ++para;
        }
        m_paragraph[i] = para;
    }
    close(n);
}

void Extractor::resolve_dates() {
    m_dates = find_date_exprs(m_text, m_tt);
    // Without a year anywhere (no publication date, no full date), days are still worth
    // resolving to order the stops: month-days get a stand-in year and weekdays a stand-in
    // week, and no date is reported (m_relative_dates).
    const bool any_year = std::any_of(m_dates.begin(), m_dates.end(), [](const DateExpr& d) { return d.kind == DateExpr::Kind::Absolute; });
    if (m_options.article_date.empty() && !any_year) {
        m_relative_dates = true;
        // The stand-in year is one in which the stated weekdays fit their days ("Monday, Oct. 6"
        // is a Monday), so the bare weekdays around them fall in the right order.
        int stand_in_year = 2001;
        int best_fit = -1;
        for (int year = 2001; year <= 2028; ++year) {
            int fit = 0;
            for (const auto& d : m_dates) {
                if (d.kind == DateExpr::Kind::MonthDay && d.weekday >= 0 &&
                    weekday_of(days_from_civil(year, d.month, d.day)) == d.weekday)
                    ++fit;
            }
            if (fit > best_fit) {
                best_fit = fit;
                stand_in_year = year;
            }
        }
        for (auto& d : m_dates) {
            if (d.kind == DateExpr::Kind::MonthDay) {
                const std::string iso = std::to_string(stand_in_year) + "-" + (d.month < 10 ? "0" : "") +
                                        std::to_string(d.month) + "-" + (d.day < 10 ? "0" : "") + std::to_string(d.day);
                if (auto v = parse_iso_day(iso)) {
                    d.kind = DateExpr::Kind::Absolute;
                    d.days = v;
                }
            }
        }
    }
    if (!m_options.article_date.empty()) {
        m_article_day = parse_iso_day(m_options.article_date);
    } else {
        // A dateline: an absolute date opening the first paragraph after the headline, after
        // nothing but capitalised place words and punctuation ("VLADIVOSTOK, Russia, Sept. 13,
        // 2023 (AP) —").
        std::size_t first_body = 0;
        while (first_body < m_headline.size() && m_headline[first_body]) ++first_body;
        for (const auto& d : m_dates) {
            if (d.kind != DateExpr::Kind::Absolute || m_headline[d.first]) continue;
            if (first_body >= m_paragraph.size() || m_paragraph[d.first] != m_paragraph[first_body]) break;
            bool only_names = d.first - first_body <= 8;
            for (std::size_t t = first_body; t < d.first && only_names; ++t) {
                const Token& tok = m_tt.tokens[t];
                if (tok.is(TokWord) && !tok.is(TokCapitalised)) only_names = false;
            }
            if (only_names) {
                m_article_day = d.days;
                m_dateline_tok = d.first;
                break;
            }
        }
    }
    // Absolute anchors: stated dates with a year.
    std::vector<const DateExpr*> anchors;
    for (const auto& d : m_dates) if (d.kind == DateExpr::Kind::Absolute) anchors.push_back(&d);
    auto nearest_anchor = [&](std::size_t tok) -> std::optional<long> {
        const DateExpr* best = nullptr;
        std::size_t best_dist = SIZE_MAX;
        for (const auto* a : anchors) {
            const std::size_t dist = a->first > tok ? a->first - tok : tok - a->first;
            if (dist < best_dist) { best = a; best_dist = dist; }
        }
        if (best) return best->days;
        return m_article_day;
    };
    for (auto& d : m_dates) {
        switch (d.kind) {
            case DateExpr::Kind::Absolute:
            case DateExpr::Kind::NextDay:
                break;
            case DateExpr::Kind::MonthDay: {
                auto anchor = nearest_anchor(d.first);
                if (!anchor) break;
                int y = 0, m = 0, dd = 0;
                civil_from_days(*anchor, y, m, dd);
                // The year that puts the date closest to the anchor (December stories of January trips).
                std::optional<long> best;
                for (int year = y - 1; year <= y + 1; ++year) {
                    const std::string iso = std::to_string(year) + "-" + (d.month < 10 ? "0" : "") + std::to_string(d.month) + "-" +
                                            (d.day < 10 ? "0" : "") + std::to_string(d.day);
                    auto v = parse_iso_day(iso);
                    if (v && (!best || std::labs(*v - *anchor) < std::labs(*best - *anchor))) best = v;
                }
                d.days = best;
                break;
            }
            case DateExpr::Kind::ArticleDay:
                if (m_article_day) d.days = *m_article_day + d.offset;
                break;
            case DateExpr::Kind::Weekday:
                break;  // below, once month-day dates have their years
        }
    }
    // Weekdays, after AP style: a bare weekday names a day within about a week of
    // publication; dates further away are written as month and day. The base is the
    // publication date (option or dateline), else the latest date stated with its weekday
    // (captions: "Tuesday, Sept. 12, 2023", usually the news days), else a week after the
    // latest month-day date. Future verbs look ahead of the base (0..6 days); others take the
    // day of that name nearest to it, looking up to 4 days back and 3 ahead, since leads report
    // the newest day and captions may be a day or two older; with a publication date, past
    // verbs look back (0..6 days) from it.
    auto is_future = [&](const DateExpr& d) {
        const std::size_t s = m_tt.sentence_of[d.first];
        for (std::size_t i = m_tt.sentences[s].first; i < d.first; ++i) if (is_future_word(m_w[i])) return true;
        return false;
    };
    std::optional<long> latest_plain;
    const DateExpr* latest_weekday_dated = nullptr;
    for (const auto& a : m_dates) {
        if (a.first == m_dateline_tok || !a.days) continue;
        if (a.kind != DateExpr::Kind::Absolute && a.kind != DateExpr::Kind::MonthDay) continue;
        if (a.weekday >= 0) {
            if (!latest_weekday_dated || *a.days > *latest_weekday_dated->days) latest_weekday_dated = &a;
        } else if (!latest_plain || *a.days > *latest_plain) {
            latest_plain = a.days;
        }
    }
    std::size_t first_body = 0;
    while (first_body < m_headline.size() && m_headline[first_body]) ++first_body;
    std::optional<long> base = m_article_day;
    // A weekday-dated lead is the news day itself, as good as a publication date.
    bool published = base.has_value();
    if (!base && latest_weekday_dated) {
        base = latest_weekday_dated->days;
        published = first_body < m_paragraph.size() && m_paragraph[latest_weekday_dated->first] == m_paragraph[first_body];
    }
    if (!base && latest_plain) {
        base = *latest_plain + 7;
        published = true;
    }
    if (!base) {
        // No date at all: the lead's weekday is the news day; a stand-in week keeps the order.
        for (const auto& d : m_dates) {
            if (d.kind != DateExpr::Kind::Weekday || m_headline[d.first]) continue;
            m_relative_dates = true;
            const long stand_in = days_from_civil(2001, 1, 7);  // a Sunday
            base = stand_in + d.weekday;
            published = true;
            break;
        }
    }
    // The tense of the verb a weekday goes with: the nearest verb before it in its clause, else
    // (a fronted "On Wednesday he will fly") the first one after it. News writes scheduled moves
    // in the present ("the delegation travels to Seoul on Thursday"), so the present looks ahead
    // like the future.
    enum class Tense { Unknown, Past, Ahead };
    auto tense_of_word = [&](std::size_t k) {
        const std::string& w = m_w[k];
        if (is_future_word(w)) return Tense::Ahead;
        if (m_tt.tokens[k].is(TokCapitalised) && !m_tt.tokens[k].is(TokSentenceStart)) return Tense::Unknown;
        if (is_past_verb(w) && !is_function_word(w)) return Tense::Past;
        // A determiner makes the form a noun: "his visits", "two stops".
        static const std::set<std::string> determiners = {"the", "a", "an", "his", "her", "their", "its", "our", "my",
                                                          "your", "this", "that", "these", "those", "some", "many",
                                                          "several", "few", "no", "every", "each", "all", "both",
                                                          "two", "three", "four", "five", "of", "for", "in", "on"};
        const std::string prev = k > 0 ? m_w[k - 1] : std::string();
        if (is_present_motion_verb(w) && !determiners.count(prev) && !(k > 0 && m_tt.tokens[k - 1].is(TokDigit)))
            return Tense::Ahead;
        return Tense::Unknown;
    };
    auto tense_of = [&](const DateExpr& d) {
        if (is_future(d)) return Tense::Ahead;
        const Sentence& s = m_tt.sentences[m_tt.sentence_of[d.first]];
        for (std::size_t k = d.first; k-- > s.first && d.first - k <= 10;) {
            if (is_clause_break(m_w[k])) break;
            if (const Tense t = tense_of_word(k); t != Tense::Unknown) return t;
        }
        for (std::size_t k = d.last; k < s.last && k < d.last + 6; ++k) {
            if (is_clause_break(m_w[k])) break;
            if (const Tense t = tense_of_word(k); t != Tense::Unknown) return t;
        }
        return Tense::Unknown;
    };
    // A narrative told in order ("left Pyongyang on Monday, Sept. 11, ... crossed the border on
    // Tuesday, Sept. 12. On Wednesday he toured ..."): without a publication date, a past-tense
    // weekday after dates the text has told in order, one of them stated with its weekday, is
    // the nearest such day on or after the last of them, when that is within 3 days. A text
    // that goes back in time (the lead's news day, then the start of the trip) is not in order
    // and keeps the rules above.
    auto narrative_day = [&](const DateExpr& d) -> std::optional<long> {
        if (m_article_day) return std::nullopt;
        std::optional<long> last;
        bool weekday_dated = false;
        for (const auto& a : m_dates) {
            if (a.first >= d.first) break;
            if (!a.days || m_headline[a.first] || a.first == m_dateline_tok) continue;
            if (last && *a.days < *last) return std::nullopt;
            last = a.days;
            if (a.weekday >= 0 && a.kind != DateExpr::Kind::Weekday) weekday_dated = true;
        }
        if (!last || !weekday_dated) return std::nullopt;
        const int ahead = (d.weekday - weekday_of(*last) + 7) % 7;
        if (ahead > 3) return std::nullopt;
        return *last + ahead;
    };
    for (auto& d : m_dates) {
        if (d.kind != DateExpr::Kind::Weekday || !base) continue;
        const int wd = weekday_of(*base);
        const int ahead = (d.weekday - wd + 7) % 7;  // 0..6 days after the base
        const Tense tense = tense_of(d);
        if (tense == Tense::Ahead) d.days = *base + ahead;
        else if (auto next = tense == Tense::Past ? narrative_day(d) : std::nullopt) d.days = next;
        else if (published) d.days = *base - ((wd - d.weekday + 7) % 7);
        else d.days = *base + (ahead > 3 ? ahead - 7 : ahead);
    }
}

// The cue governing the place mention of `e`, looking left from the mention: a preposition
// with a motion, stay or gathering word a few tokens before it, or a verb taking the place as
// its object. Fills dir, cue and cue_tok; false when nothing governs the mention.
bool Extractor::governing_cue(Event& e) {
    const auto& toks = m_tt.tokens;
    const std::size_t sent_first = m_tt.sentences[e.sentence].first;
    if (e.first == sent_first) return false;
    // Modifier uses are not stops: "Russia's war", "Seoul-based". A possessive naming a
    // facility of the place is the place itself ("boarded the train at Moscow's Yaroslavsky
    // station"): travellers board and land in the city.
    if (e.last < toks.size()) {
        if (toks[e.last].is(TokPossessive)) {
            bool facility_of = false;
            for (std::size_t k = e.last + 1; k < toks.size() && k <= e.last + 3 && !facility_of; ++k) {
                facility_of = is_facility_word(m_w[k]);
                if (!toks[k].is(TokWord)) break;
            }
            if (!facility_of) return false;
        }
        if (punct_is(e.last, "-") && !toks[e.last].is(TokSpaceBefore)) return false;
    }
    // Part of a longer proper name ("Far East", "Washington Post"): a capitalised word glued to
    // the mention that is neither a place nor a date is not a stop of its own.
    auto glued_name = [&](std::size_t k) {
        return k < toks.size() && toks[k].is(TokWord) && toks[k].is(TokCapitalised) && !m_in_mention[k] &&
               !toks[k].is(TokSentenceStart) && weekday_index(m_w[k]) < 0 && month_index(m_w[k]) == 0 &&
               !toks[k].is(TokNewlineBefore);
    };
    // ... except facilities named after their city ("Vladivostok Airport"): the city is the stop.
    const bool facility = e.last < toks.size() && is_facility_word(m_w[e.last]);
    if (glued_name(e.last) && !facility && !toks[e.last].is(TokPossessive)) return false;
    if (e.first > sent_first && glued_name(e.first - 1) && !is_place_filler(m_w[e.first - 1]) &&
        m_people.person_at[e.first - 1] < 0) {
        return false;
    }
    std::size_t i = e.first;
    // Skip fillers between the preposition and the name: "to the city of", "at the", and
    // "to the remote jungle town of" (any words before a place noun and "of").
    if (i > sent_first + 1 && m_w[i - 1] == "of") {
        for (std::size_t k = i - 1; k-- > sent_first && i - k <= 6;) {
            const std::string& w = m_w[k];
            if (w == "the" || w == "a" || w == "an" || w == "his" || w == "her" || w == "their") {
                i = k;
                break;
            }
            if (!m_tt.tokens[k].is(TokWord) || m_tt.tokens[k].is(TokCapitalised)) break;
        }
    }
    while (i > sent_first && is_place_filler(m_w[i - 1])) --i;
    if (i == sent_first) return false;
    const std::size_t p = i - 1;
    const std::string& pw = m_w[p];

    const unsigned direct = cue_class(pw);
    if (direct & CueDirect) {
        e.cue_tok = p;
        e.cue = pw;
        e.dir = is_direct_depart(pw) ? Direction::Depart : Direction::Arrive;
        e.gather = false;
        return true;
    }
    if (!is_preposition(pw)) return false;
    // "In Hanoi, Putin is scheduled to meet ...", "In Fiji he visited a hospital": a fronted
    // place phrase whose clause goes on to a stay or visit verb.
    if ((pw == "in" || pw == "at") && p == sent_first) {
        for (std::size_t k = e.last; k < m_tt.sentences[e.sentence].last && k < e.last + 10; ++k) {
            const unsigned c = cue_class(m_w[k]);
            if (c & (CueStay | CueGather)) {
                e.cue_tok = k;
                e.cue = pw + " ... " + m_w[k];
                e.dir = Direction::Stay;
                e.gather = (c & CueGather) != 0;
                return true;
            }
            if (is_clause_break(m_w[k])) break;
        }
        return false;
    }
    if (pw == "of" || pw == "near" || pw == "outside" || pw == "inside" || pw == "on" || pw == "by" || pw == "with" ||
        pw == "across" || pw == "over") {
        // "returns home by way of Seoul": a place passed through.
        if (pw == "of" && p > sent_first + 1 && m_w[p - 1] == "way" && m_w[p - 2] == "by") {
            e.cue_tok = p - 1;
            e.cue = "by way of";
            e.dir = Direction::Via;
            if (p > sent_first + 2 && m_w[p - 3] == "home") e.homeward = true;
            return true;
        }
        // "south of", "near", "outside": relative locations. "out of" is a departure.
        if (pw == "of" && p > sent_first && m_w[p - 1] == "out") {
            for (std::size_t k = p - 1; k-- > sent_first && p - k <= kCueWindow;) {
                if (cue_class(m_w[k]) & CueDepart) {
                    e.cue_tok = k;
                    e.cue = m_w[k] + " out of";
                    e.dir = Direction::Depart;
                    return true;
                }
            }
        }
        return false;
    }
    unsigned want = 0;
    Direction dir = Direction::Arrive;
    if (pw == "from") {
        want = CueDepart;
        dir = Direction::Depart;
    } else if (pw == "in" || pw == "at") {
        want = CueStay | CueArrive;
        dir = Direction::Stay;
    } else if (pw == "via" || pw == "through") {
        want = CueArrive | CueDepart;
        dir = Direction::Via;
    } else if (pw == "for") {
        want = 0;  // "left for", "bound for", "headed for", "set off for": checked below
        dir = Direction::Arrive;
    } else {
        want = CueArrive;
        dir = Direction::Arrive;
    }
    // Distances before "from" are positions, not departures: "127 km from Vladivostok".
    if (pw == "from" && p > sent_first) {
        const std::string& prev = m_w[p - 1];
        if (prev == "km" || prev == "miles" || prev == "kilometers" || prev == "kilometres" || prev == "away" || prev == "far") return false;
    }
    std::size_t skipped = 0;  // tokens of parentheticals, which do not count towards the window
    for (std::size_t k = p; k-- > sent_first && p - k - skipped <= kCueWindow;) {
        const std::string& w = m_w[k];
        if (w == ")") {
            // "traveled by car the 170 kilometers (105 miles) to Hanoi": skip the aside.
            std::size_t open = k;
            while (open > sent_first && m_w[open] != "(" && k - open < 12) --open;
            if (m_w[open] == "(") {
                skipped += k - open + 1;
                k = open;
                continue;
            }
        }
        if (is_clause_break(w)) break;
        // Names and numbers ("a Royal Australian Air Force C-130") do not use up the window.
        if ((m_tt.tokens[k].is(TokCapitalised) || m_tt.tokens[k].is(TokDigit) || w == "-") && !cue_class(w)) {
            ++skipped;
            continue;
        }
        // "boarded the Rossiya express at Moscow's station": the place is left.
        if ((pw == "at" || pw == "in") && is_boarding_verb(w)) {
            e.cue_tok = k;
            e.cue = w + " ... " + pw;
            e.dir = Direction::Depart;
            return true;
        }
        // A journey as subject: "the last leg runs through Khabarovsk ... and ends in
        // Vladivostok", "the train follows the shore to Irkutsk", "the tour began in Paris".
        if (const RouteVerb rv = route_verb(w); rv != RouteVerb::None && journey_subject(k) != kNone) {
            std::optional<Direction> rd;
            if (rv == RouteVerb::Begin && (pw == "in" || pw == "at" || pw == "from")) rd = Direction::Depart;
            else if (rv == RouteVerb::End && (pw == "in" || pw == "at")) rd = Direction::Arrive;
            else if (rv == RouteVerb::Pass && (pw == "through" || pw == "via")) rd = Direction::Via;
            else if (rv != RouteVerb::Begin && (pw == "to" || pw == "into")) rd = Direction::Arrive;
            if (rd) {
                e.cue_tok = k;
                e.cue = w + " " + pw;
                e.dir = *rd;
                // "the tour ends in Perth", "the last leg ... ends in Vladivostok": the end of the
                // outward journey (a leg or stage ending is only the end when it is the last).
                const std::size_t noun = journey_subject(k);
                const std::string& nw = m_w[noun];
                const bool whole = nw == "trip" || nw == "tour" || nw == "journey" || nw == "voyage" || nw == "pilgrimage" ||
                                   nw == "visit" || nw == "itinerary";
                const bool last_part = noun > 0 && (m_w[noun - 1] == "last" || m_w[noun - 1] == "final");
                if (rv == RouteVerb::End && (whole || last_part)) e.journey_end = true;
                return true;
            }
        }
        const unsigned c = cue_class(w);
        bool match = (c & want) != 0;
        if (pw == "for") match = w == "left" || w == "leave" || w == "leaves" || w == "leaving" || w == "departed" || w == "bound" ||
                                 w == "headed" || w == "heading" || w == "set" || w == "sailed" || w == "flight" || w == "train";
        if (!match) continue;
        e.cue_tok = k;
        e.cue = w + " " + pw;
        e.dir = dir;
        if (dir == Direction::Stay && (c & CueArrive) && !(c & CueStay)) e.dir = Direction::Arrive;
        if (dir == Direction::Stay && (c & CueArrive) && (w.rfind("arriv", 0) == 0 || w.rfind("land", 0) == 0)) e.dir = Direction::Arrive;
        e.gather = (c & CueGather) != 0 && dir == Direction::Stay;
        if (c & CueReturn) e.ret = true;
        for (std::size_t t = k + 1; t < p; ++t) {
            if (m_w[t] == "home") e.ret = e.home = true;
            if (m_w[t] == "back") e.ret = true;
        }
        return true;
    }
    return false;
}

// The journey noun ("leg", "trip", "train") standing before the route verb at `verb` in its
// sentence with no person or pronoun in between, so the journey is what runs or ends; kNone
// when there is none.
std::size_t Extractor::journey_subject(std::size_t verb) const {
    const std::size_t first = m_tt.sentences[m_tt.sentence_of[verb]].first;
    for (std::size_t k = verb; k-- > first && verb - k <= 24;) {
        if (m_people.person_at[k] >= 0) return kNone;
        const std::string& w = m_w[k];
        if (w == "he" || w == "she" || w == "they" || w == "we" || w == "i") return kNone;
        if (is_journey_noun(w)) return k;
    }
    return kNone;
}

// The subject of the motion whose cue is at `tok`: the nearest person or personal pronoun to
// its left in the sentence (a pronoun stands for the last person named before it).
// A personal pronoun stands for the most mentioned person named in its sentence or the three
// before it (news keeps its protagonist as "he"/"she" while others are named in passing), or,
// when none is that close, the most mentioned person of the article.
int Extractor::resolve_pronoun(std::size_t tok) const {
    const std::size_t sent = m_tt.sentence_of[tok];
    const std::size_t from = m_tt.sentences[sent >= 3 ? sent - 3 : 0].first;
    int best = -1;
    for (std::size_t j = from; j < tok; ++j) {
        const int p = m_people.person_at[j];
        if (p < 0) continue;
        if (best < 0 || m_people.counts[static_cast<std::size_t>(p)] >= m_people.counts[static_cast<std::size_t>(best)]) best = p;
    }
    if (best >= 0) return best;
    for (std::size_t p = 0; p < m_people.counts.size(); ++p) {
        if (best < 0 || m_people.counts[p] > m_people.counts[static_cast<std::size_t>(best)]) best = static_cast<int>(p);
    }
    return best;
}

int Extractor::subject_before(std::size_t tok, std::vector<int>& coordinated) const {
    const std::size_t sent = m_tt.sentence_of[tok];
    const std::size_t first = m_tt.sentences[sent].first;
    int subject = -1;
    std::size_t at = kNone;
    for (std::size_t k = tok; k-- > first;) {
        if (m_people.person_at[k] >= 0) {
            // An appositive (", To Lam,") names an object, not the subject of what follows.
            std::size_t b = k;
            while (b > first && (m_people.person_at[b - 1] == m_people.person_at[k] ||
                                 (m_tt.tokens[b - 1].is(TokWord) && m_tt.tokens[b - 1].is(TokCapitalised)))) --b;
            // ("Okafor's foreign minister, Daniel Mensah, traveled": an appositive followed by its
            // verb is the subject; one followed by a connective is an object.)
            const std::string after = k + 2 < m_w.size() ? m_w[k + 2] : std::string();
            const bool connective = after == "before" || after == "after" || after == "while" || after == "then" ||
                                    after == "and" || after == "when" || after == "who" || after == "to";
            if (k + 1 < m_w.size() && m_w[k + 1] == "," && b > first && m_w[b - 1] == "," && connective &&
                !(b > first + 1 && m_w[b - 2] == "and")) {
                k = b;
                continue;
            }
            // The object of a verb ("will meet Chancellor Karl Nehammer ... before returning",
            // "holding talks with President Macron") is not the one moving; a possessor is
            // ("met Kim's limousine, brought from Pyongyang").
            const bool possessive = k + 1 < m_w.size() && m_tt.tokens[k + 1].is(TokPossessive);
            std::size_t before = b;
            while (before > first && (is_title_word(m_w[before - 1]) || m_tt.tokens[before - 1].is(TokCapitalised))) --before;
            if (!possessive && before > first) {
                const std::string& w = m_w[before - 1];
                const bool joins = w == "and" || w == "or" || w == "but" || w == "that" || w == "who" || w == "said" ||
                                   w == "says" || w == "while" || w == "as" || w == "when" || w == "after" ||
                                   w == "before" || w == "then" || w == "because" || w == "if" || w == "," || w == "-" ||
                                   w == "\xe2\x80\x94" || w == "(" || w == "\"" || w == "\xe2\x80\x9c";
                if (!joins && m_tt.tokens[before - 1].is(TokWord)) {
                    k = b;
                    continue;
                }
            }
            subject = m_people.person_at[k];
            at = k;
            break;
        }
        const std::string& w = m_w[k];
        if (w == "he" || w == "she") return resolve_pronoun(k);
    }
    if (subject < 0) return -1;
    // "Kim Jong Un, front right, and Russian Minister Alexander Kozlov walk": both move.
    bool saw_and = false;
    for (std::size_t k = at; k-- > first;) {
        if (m_w[k] == "and") saw_and = true;
        const int p = m_people.person_at[k];
        if (p >= 0 && p != subject && saw_and) {
            coordinated.push_back(p);
            saw_and = false;
        }
    }
    return subject;
}

void Extractor::annotate(Event& e) {
    const std::size_t first = m_tt.sentences[e.sentence].first;
    const std::size_t last = m_tt.sentences[e.sentence].last;
    // A fronted place ("In Hanoi, Putin is scheduled to meet") is read from its verb back.
    const std::size_t from = e.cue_tok > e.first ? e.cue_tok : std::min(e.cue_tok, e.first);
    for (std::size_t k = from; k-- > first;) {
        const std::string& w = m_w[k];
        const std::size_t dist = from - k;
        if (is_clause_break(w) && dist > 3) break;
        if (e.hedge.empty() && dist <= kHedgeWindow && is_hedge_word(w) && !m_tt.tokens[k].is(TokCapitalised)) e.hedge = w;
        if (e.negation.empty() && dist <= 4 && is_negation_word(w)) e.negation = w;
        if (is_future_word(w) && !(w == "set" && dist == 0)) e.planned = true;
        if (e.background.empty() && dist <= 8 && is_background_word(w)) {
            const std::string next = k + 1 < m_w.size() ? m_w[k + 1] : std::string();
            // ... and "the last leg", "the last stop" is the end of this journey, not an earlier one.
            const bool recent = w == "last" && (next == "week" || next == "night" || next == "weekend" || weekday_index(next) >= 0 ||
                                                next == "leg" || next == "stage" || next == "stop" || next == "stretch" || next == "lap");
            if (!recent) e.background = w;
        }
        if (dist <= 3 && (w == "then" || w == "later" || w == "afterwards" || w == "next" || w == "subsequently")) e.then_cue = true;
        if (dist <= 2 && w == "before") e.before_word = true;
        if (dist <= 2 && w == "after") e.after_word = true;
        if (w == "after" && k + 2 < last) {
            // "after the summit", "after the talks": later than the gathering's stop.
            for (std::size_t j = k + 1; j < std::min(last, k + 4); ++j) {
                if (cue_class(m_w[j]) & CueGather) e.after_gathering = true;
            }
        }
        if (w == "home" && k > first && (m_w[k - 1] == "way" || (k > first + 1 && m_w[k - 2] == "way"))) e.homeward = true;
    }
    // "on the way home, he stopped in ..." may also follow the mention.
    for (std::size_t k = e.last; k < last; ++k) {
        if (m_w[k] == "home" && k > first && m_w[k - 1] == "way") e.homeward = true;
        if (m_w[k] == "way" && k + 1 < last && m_w[k + 1] == "back") e.homeward = true;
    }
    if (cue_class(m_w[e.cue_tok]) & CueReturn) e.ret = true;
    if (e.cue_tok > first && m_w[e.cue_tok - 1] == "back") e.ret = true;
    // "Before that, she spent two days in Vilnius": a step back from the sentence before.
    if (first + 1 < last && m_w[first] == "before" && (m_w[first + 1] == "that" || m_w[first + 1] == "this")) e.before_that = true;
    if (first + 2 < last && m_w[first] == "prior" && m_w[first + 1] == "to" && m_w[first + 2] == "that") e.before_that = true;
    // "A visit to Riga was dropped from the schedule": called off after the fact.
    for (std::size_t k = e.last; k + 1 < last && k < e.last + 3; ++k) {
        const std::string& w = m_w[k];
        if (is_clause_break(w) || w == ",") break;
        if (w != "was" && w != "were" && w != "is" && w != "are" && w != "been") continue;
        for (std::size_t j = k + 1; j < last && j <= k + 2; ++j) {
            const std::string& v = m_w[j];
            if (v == "cancelled" || v == "canceled" || v == "dropped" || v == "scrapped" || v == "postponed" || v == "shelved" ||
                v == "axed" || v == "called" || v == "ruled") {
                if (e.negation.empty()) e.negation = v;
            }
        }
    }
    e.subject = subject_before(e.cue_tok < e.first ? e.cue_tok : e.first, e.coordinated);
    // "Her trade minister stayed behind in Auckland", "His wife flew on to Paris": a person named
    // by role and possessive opens the clause, someone other than the one the pronoun stands for.
    if (e.subject < 0 && e.cue_tok > first && e.cue_tok < e.first && (m_w[first] == "his" || m_w[first] == "her" || m_w[first] == "their")) {
        static const std::set<std::string> roles = {
            "minister", "ministers", "wife", "husband", "spouse", "son", "daughter", "spokesman", "spokeswoman", "spokesperson",
            "aide", "aides", "deputy", "envoy", "secretary", "adviser", "advisers", "advisor", "advisors", "counterpart",
            "successor", "predecessor", "rival", "brother", "sister", "father", "mother", "deputies"};
        for (std::size_t k = first + 1; k < e.cue_tok && k <= first + 4; ++k) {
            if (!m_tt.tokens[k].is(TokWord)) break;
            if (roles.count(m_w[k])) {
                e.other_subject = std::string(m_text.substr(m_tt.tokens[first].begin, m_tt.tokens[k].end - m_tt.tokens[first].begin));
                break;
            }
        }
    }
    if (e.cue_tok > e.last) {
        // The subject of a fronted place's clause stands between the place and the verb.
        for (std::size_t k = e.last; k < e.cue_tok; ++k) {
            if (m_people.person_at[k] >= 0) { e.subject = m_people.person_at[k]; break; }
            if (m_w[k] == "he" || m_w[k] == "she") { e.subject = resolve_pronoun(k); break; }
        }
    } else if (e.cue_tok < e.first) {
        // What follows the place in its clause: an agent ("a trip to Moscow by Chinese leader Xi
        // Jinping") is the one who moved; "last month", "a year ago" make it an earlier trip.
        for (std::size_t k = e.last; k < last && k < e.last + 8; ++k) {
            const std::string& w = m_w[k];
            if (is_clause_break(w) || w == "," || w == "and" || w == "where" || w == "which" || w == "when") break;
            if (w == "by" && k == e.last) {
                for (std::size_t j = k + 1; j < last && j <= k + 5; ++j) {
                    if (m_people.person_at[j] >= 0) {
                        e.subject = m_people.person_at[j];
                        e.coordinated.clear();
                        break;
                    }
                    if (!m_tt.tokens[j].is(TokWord) || !(m_tt.tokens[j].is(TokCapitalised) || is_title_word(m_w[j]))) break;
                }
            }
            // ("two days ago" is this trip; "months ago" is not.)
            const std::string next = k + 1 < last ? m_w[k + 1] : std::string();
            const std::string prev = m_w[k - 1];
            const bool long_ago = w == "ago" && (prev == "years" || prev == "months" || prev == "decades" || prev == "year" ||
                                                 prev == "month" || prev == "decade");
            if (e.background.empty() && ((w == "last" && (next == "month" || next == "year" || next == "summer" ||
                                                          next == "spring" || next == "autumn" || next == "fall" ||
                                                          next == "winter" || next == "decade")) || long_ago))
                e.background = w;
        }
    }
}

void Extractor::find_events() {
    const auto& toks = m_tt.tokens;
    m_in_mention.assign(toks.size(), false);
    std::vector<std::pair<std::size_t, std::size_t>> spans(m_parsed.mentions.size());
    for (std::size_t mi = 0; mi < m_parsed.mentions.size(); ++mi) {
        const Mention& m = m_parsed.mentions[mi];
        if (m.byte_end > m_text.size() || m.byte_start > m.byte_end) {
            throw UsageError("itinerary: mention '" + m.text + "' lies outside the text (the geoparse is of another text)");
        }
        const std::size_t a = token_at_byte(m.byte_start);
        std::size_t b = a;
        while (b < toks.size() && toks[b].begin < m.byte_end) ++b;
        spans[mi] = {a, b};
        for (std::size_t t = a; t < b; ++t) m_in_mention[t] = true;
    }
    std::vector<bool> blocked(toks.size());
    for (std::size_t i = 0; i < toks.size(); ++i) blocked[i] = m_headline[i] || m_in_mention[i];
    m_people = find_people(m_text, m_tt, blocked);

    for (std::size_t mi = 0; mi < m_parsed.mentions.size(); ++mi) {
        const Mention& m = m_parsed.mentions[mi];
        const auto [a, b] = spans[mi];
        if (a >= toks.size() || a >= b) continue;
        if (m_headline[a]) continue;
        // Where the geoparser abstains, a motion cue is extra evidence that the name is a stop,
        // so its best candidate stands in (and a note says so).
        // Only a candidate named exactly as written stands in: a near miss ("Suwa" for "Suva")
        // is worse than no stop.
        const MentionCandidate* stand_in = nullptr;
        if (!m.place) {
            auto same = [](const std::string& x, const std::string& y) {
                if (x.size() != y.size()) return false;
                for (std::size_t i = 0; i < x.size(); ++i) {
                    if (std::tolower(static_cast<unsigned char>(x[i])) != std::tolower(static_cast<unsigned char>(y[i]))) return false;
                }
                return true;
            };
            for (const auto& alt : m.alternatives) {
                if (same(alt.place.name, m.text) || same(alt.place.ascii_name, m.text)) {
                    stand_in = &alt;
                    break;
                }
            }
            if (!stand_in) continue;
        }
        if (m.kind != MentionKind::Literal) continue;
        Event e;
        e.mention = mi;
        e.place = m.place ? *m.place : stand_in->place;
        // Travellers go to cities: where a name is both a province and its city (Beijing,
        // Shanghai, Tokyo), the city candidate stands for the stop.
        if (e.place.feature_class == 'A' && !is_country_like(e.place)) {
            for (const auto& alt : m.alternatives) {
                if (alt.place.feature_class == 'P' && alt.place.country == e.place.country &&
                    (alt.place.name == e.place.name || alt.place.admin1_code == e.place.admin1_code)) {
                    e.place = alt.place;
                    break;
                }
            }
        }
        e.first = a;
        e.last = b;
        e.sentence = m_tt.sentence_of[a];
        e.cp_start = m.start;
        e.cp_end = m.end;
        e.snippet = m.sentence;
        e.snippet_start = m.sentence_start;
        if (!governing_cue(e)) {
            // "will also take him to Seoul and Tokyo", "visited Fiji, Samoa and Tonga": a place
            // coordinated with the previous event's place shares its cue.
            if (m_events.empty() || m_events.back().sentence != e.sentence) continue;
            const Event& prev = m_events.back();
            std::size_t k = e.first;
            bool joined = false;
            while (k > prev.last && (m_w[k - 1] == "and" || m_w[k - 1] == "," || m_w[k - 1] == "then")) {
                --k;
                joined = true;
            }
            if (!joined || k != prev.last || (e.last < toks.size() && toks[e.last].is(TokPossessive))) continue;
            e.dir = prev.dir;
            e.cue = prev.cue;
            e.cue_tok = prev.cue_tok;
            e.gather = prev.gather;
            e.ret = prev.ret;
        }
        if (!m.place) {
            m_notes.push_back(m.text + ": the geoparser abstained; its candidate of that name, " + e.place.name +
                              (e.place.country.empty() ? "" : " (" + e.place.country + ")") + ", is used for the stop");
        }
        annotate(e);
        m_events.push_back(std::move(e));
    }
}

void Extractor::assign_modes() {
    const auto& toks = m_tt.tokens;
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (m_headline[i] || m_in_mention[i] || !toks[i].is(TokWord)) continue;
        const std::string_view mode = mode_word(m_w[i]);
        if (mode.empty()) continue;
        // A mode noun modifying another noun is no travel: "a car factory", "a train station".
        if (i + 1 < toks.size() && toks[i + 1].is(TokWord) && !toks[i + 1].is(TokCapitalised) &&
            !is_function_word(m_w[i + 1]) && !is_preposition(m_w[i + 1]) && m_w[i + 1] != "back" && m_w[i + 1] != "home" &&
            m_w[i + 1] != "out" && m_w[i + 1] != "across" && m_w[i + 1] != "over" &&
            !(cue_class(m_w[i + 1]) & CueArrive) &&  // "a train journey", "the car ride" are travel
            route_verb(m_w[i + 1]) == RouteVerb::None) {  // and so is "the train follows the shore"
            const std::string_view verb_like = m_w[i];
            const bool is_verb = verb_like == "flew" || verb_like == "fly" || verb_like == "flying" || verb_like == "flown" ||
                                 verb_like == "flies" || verb_like == "drove" || verb_like == "drive" || verb_like == "driving" ||
                                 verb_like == "driven" || verb_like == "sailed" || verb_like == "sail" || verb_like == "sailing";
            if (!is_verb) continue;
        }
        const std::size_t s = m_tt.sentence_of[i];
        Event* best = nullptr;
        std::size_t best_dist = kModeWindow + 1;
        for (auto& e : m_events) {
            if (e.sentence != s) continue;
            std::size_t dist = i < e.first ? e.first - i : (i >= e.last ? i - e.last + 1 : 0);
            const std::size_t cue_dist = i < e.cue_tok ? e.cue_tok - i : i - e.cue_tok;
            dist = std::min(dist, cue_dist);
            if (dist < best_dist) { best = &e; best_dist = dist; }
        }
        if (best && best->mode.empty()) best->mode = std::string(mode);
    }
}

// True when a connective, a relative clause or a change of tense between tokens [from, to)
// starts another time, so a date before `from` does not date what follows `to`.
bool Extractor::time_separated(std::size_t from, std::size_t to) const {
    for (std::size_t t = from; t < to; ++t) {
        const std::string& w = m_w[t];
        if (w == "after" || w == "before" || w == "since" || w == "when" || w == "which" || w == "where" || w == "that" ||
            w == "until" || w == "then" || w == "later" || is_future_word(w) || is_clause_break(w))
            return true;
    }
    return false;
}

void Extractor::assign_dates() {
    // Each date expression dates the nearest motion event of its sentence; an event left
    // without one takes a date stated before it in the same clause run ("on Wednesday she
    // crossed into Kenya, stopping in Kisumu") unless a time connective separates them
    // ("..., after a visit to China in which she met ..."). A sentence without dates borrows
    // the single date of its paragraph (photo captions put the date in a sentence of its own).
    std::map<std::size_t, std::set<long>> para_dates;
    std::map<std::size_t, std::size_t> para_first_date;  // paragraph -> sentence of its first date
    for (const auto& d : m_dates) {
        if (d.days && !m_headline[d.first] && d.first != m_dateline_tok) {
            para_dates[m_paragraph[d.first]].insert(*d.days);
            para_first_date.emplace(m_paragraph[d.first], m_tt.sentence_of[d.first]);
        }
    }
    auto set_from = [](Event& e, const DateExpr& d) {
        if (d.kind == DateExpr::Kind::NextDay) {
            e.next_day = true;
            e.next_day_offset = d.offset;
            e.next_day_tok = d.first;
        } else if (d.days) {
            e.date = d.days;
            e.date_level = d.kind == DateExpr::Kind::Absolute || d.kind == DateExpr::Kind::MonthDay ? 0 : 1;
        }
    };
    // Distance to the place or to its verb, whichever is closer: "on Sunday he flew on a
    // chartered plane to ... Vanimo" dates the flight to Vanimo.
    auto distance = [](const Event& e, const DateExpr& d) {
        const std::size_t to_place = d.first >= e.last ? d.first - e.last : (d.last <= e.first ? e.first - d.last + 1 : 0);
        const std::size_t to_cue = d.first > e.cue_tok ? d.first - e.cue_tok : (d.last <= e.cue_tok ? e.cue_tok - d.last + 1 : 0);
        return std::min(to_place, to_cue);
    };
    std::vector<bool> dated(m_events.size(), false);
    std::vector<bool> borrowed(m_events.size(), false);
    std::vector<bool> sentence_has_date(m_tt.sentences.size(), false);
    for (const auto& d : m_dates) {
        if (m_headline[d.first] || d.first == m_dateline_tok) continue;
        const std::size_t s = m_tt.sentence_of[d.first];
        sentence_has_date[s] = true;
        std::size_t best = kNone, best_dist = SIZE_MAX;
        for (std::size_t k = 0; k < m_events.size(); ++k) {
            if (m_events[k].sentence != s) continue;
            const std::size_t dist = distance(m_events[k], d);
            if (dist < best_dist) { best = k; best_dist = dist; }
        }
        if (best != kNone && !dated[best]) {
            set_from(m_events[best], d);
            dated[best] = true;
        }
    }
    for (std::size_t k = 0; k < m_events.size(); ++k) {
        if (dated[k]) continue;
        Event& e = m_events[k];
        const DateExpr* before = nullptr;
        for (const auto& d : m_dates) {
            if (d.first == m_dateline_tok || m_tt.sentence_of[d.first] != e.sentence || d.last > e.first) continue;
            before = &d;
        }
        if (before) {
            if (!time_separated(before->last, e.first)) {
                set_from(e, *before);
                continue;
            }
        }
        if (!sentence_has_date[e.sentence]) {
            // Only a date stated before the sentence: "Before that, she spent two days in
            // Vilnius. She had begun the tour ... on Monday" is not Monday.
            auto it = para_dates.find(m_paragraph[e.first]);
            if (it != para_dates.end() && it->second.size() == 1 && para_first_date[m_paragraph[e.first]] < e.sentence) {
                e.date = *it->second.begin();
                e.date_level = 0;
                borrowed[k] = true;
            }
        }
    }
    // "the next day", "two days later": after the previous dated event of the narrative.
    std::vector<Event*> by_text;
    for (auto& e : m_events) by_text.push_back(&e);
    std::sort(by_text.begin(), by_text.end(), [](const Event* x, const Event* y) { return x->first < y->first; });
    // An arrival at a place whose day is stated elsewhere keeps that day rather than the
    // paragraph's ("arrived in Lima on Thursday, Nov. 14 ... left on Wednesday ... She flew on
    // to Lima overnight"); a departure may well be another day than the arrival.
    for (std::size_t k = 0; k < m_events.size(); ++k) {
        if (!borrowed[k] || m_events[k].dir == Direction::Depart) continue;
        for (std::size_t j = 0; j < m_events.size(); ++j) {
            if (j == k || borrowed[j] || m_events[j].place.id != m_events[k].place.id) continue;
            if (m_events[j].date && m_events[j].date_level <= 1) {
                m_events[k].date.reset();
                m_events[k].date_level = 3;
                break;
            }
        }
    }
    // One expression is one day: "The next day he sailed from Mombasa to Zanzibar" dates both
    // places with the same day, not the second a day after the first.
    std::optional<long> last;
    std::map<std::size_t, long> resolved;
    for (Event* e : by_text) {
        if (e->next_day) {
            if (auto r = resolved.find(e->next_day_tok); r != resolved.end()) {
                e->date = r->second;
                e->date_level = 1;
            } else if (last) {
                e->date = *last + e->next_day_offset;
                e->date_level = 1;
                resolved[e->next_day_tok] = *e->date;
            }
        }
        if (e->date) last = e->date;
    }
    // The source and goal of one motion ("drove from Nairobi to Mombasa on Saturday", "fly back
    // to Nairobi from Victoria on Sunday") share its day when only one of them has it.
    for (std::size_t k = 0; k + 1 < by_text.size(); ++k) {
        Event* a = by_text[k];
        Event* b = by_text[k + 1];
        if (a->sentence != b->sentence || b->first != a->last + 1) continue;
        const std::string& link = m_w[a->last];
        const bool one_motion = (link == "to" && b->dir == Direction::Depart && a->dir == Direction::Arrive) ||
                                (link == "from" && a->dir == Direction::Arrive && b->dir == Direction::Depart);
        const bool from_to = a->dir == Direction::Depart && b->dir == Direction::Arrive && link == "to";
        if (!one_motion && !from_to) continue;
        if (a->date && !b->date) { b->date = a->date; b->date_level = 2; }
        else if (b->date && !a->date) { a->date = b->date; a->date_level = 2; }
    }
    // A gathering's date ("Wednesday's summit", "the summit on Wednesday"): the most frequent
    // date of the sentences that speak of a summit, meeting or talks.
    std::map<long, int> votes;
    for (const auto& d : m_dates) {
        if (!d.days || m_headline[d.first]) continue;
        const Sentence& s = m_tt.sentences[m_tt.sentence_of[d.first]];
        for (std::size_t k = s.first; k < s.last; ++k) {
            if (cue_class(m_w[k]) & CueGather) {
                ++votes[*d.days];
                break;
            }
        }
    }
    std::optional<long> gathering_day;
    int best_votes = 0;
    for (const auto& [day, v] : votes) if (v > best_votes) { gathering_day = day; best_votes = v; }
    if (gathering_day) {
        for (auto& e : m_events) {
            if (e.gather && !e.date && !e.next_day) {
                e.date = gathering_day;
                e.date_level = 2;
            }
        }
    }
}

void Extractor::choose_traveller() {
    if (!m_options.traveller.empty()) {
        // The caller's name matches a person whose display name contains it (any word order
        // of its words), or is taken as given when the text writes it.
        std::string want;
        for (char c : m_options.traveller) want += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        auto lower = [](std::string s) {
            for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
            return s;
        };
        std::size_t best_count = 0;
        for (std::size_t p = 0; p < m_people.names.size(); ++p) {
            const std::string name = lower(m_people.names[p]);
            if ((name.find(want) != std::string::npos || want.find(name) != std::string::npos) && m_people.counts[p] > best_count) {
                m_traveller = static_cast<int>(p);
                best_count = m_people.counts[p];
            }
        }
        if (m_traveller >= 0) {
            m_traveller_name = m_people.names[static_cast<std::size_t>(m_traveller)];
            return;
        }
        if (lower(std::string(m_text)).find(want) == std::string::npos) {
            throw Error("traveller '" + m_options.traveller + "' is not mentioned in the article");
        }
        m_traveller_name = m_options.traveller;
        m_notes.push_back("traveller '" + m_options.traveller + "' is mentioned but never as a person subject; motions without a named subject are kept");
        return;
    }
    // The person most often the subject of a motion; ties go to the most mentioned.
    std::map<int, int> votes;
    for (const auto& e : m_events) {
        if (e.subject >= 0) ++votes[e.subject];
        for (int c : e.coordinated) ++votes[c];
    }
    int best_votes = 0;
    for (const auto& [p, v] : votes) {
        const auto pi = static_cast<std::size_t>(p);
        if (v > best_votes || (v == best_votes && m_traveller >= 0 &&
                               m_people.counts[pi] > m_people.counts[static_cast<std::size_t>(m_traveller)])) {
            m_traveller = p;
            best_votes = v;
        }
    }
    if (m_traveller >= 0) m_traveller_name = m_people.names[static_cast<std::size_t>(m_traveller)];
    else m_notes.push_back("no person is the subject of a motion: the traveller is unnamed");
}

std::vector<Event> Extractor::filter_events() {
    // Trip year and median date: events more than a month away, or naming another year,
    // are background ("last visited Russia in 2019").
    std::vector<long> days;
    for (const auto& e : m_events) if (e.date && e.date_level == 0) days.push_back(*e.date);
    if (days.empty()) for (const auto& e : m_events) if (e.date) days.push_back(*e.date);
    std::optional<long> median;
    int trip_year = 0;
    if (!days.empty()) {
        std::sort(days.begin(), days.end());
        median = days[days.size() / 2];
        int m = 0, d = 0;
        civil_from_days(*median, trip_year, m, d);
    } else if (m_article_day) {
        int m = 0, d = 0;
        civil_from_days(*m_article_day, trip_year, m, d);
    }
    std::vector<Event> kept;
    for (auto& e : m_events) {
        const std::string name = note_name(e);
        if (e.subject >= 0 && e.subject != m_traveller &&
            std::find(e.coordinated.begin(), e.coordinated.end(), m_traveller) == e.coordinated.end() &&
            (m_traveller >= 0 || !m_traveller_name.empty())) {
            m_notes.push_back(name + ": left out, the motion ('" + e.cue + "') is " + m_people.names[static_cast<std::size_t>(e.subject)] + "'s");
            continue;
        }
        if (!e.other_subject.empty()) {
            m_notes.push_back(name + ": left out, the motion ('" + e.cue + "') is that of " + e.other_subject);
            continue;
        }
        if (!e.negation.empty()) {
            m_notes.push_back(name + ": left out, negated ('" + e.negation + "')");
            continue;
        }
        if (!e.hedge.empty()) {
            m_notes.push_back(name + ": left out, only hinted at ('" + e.hedge + "')");
            continue;
        }
        if (!e.background.empty()) {
            m_notes.push_back(name + ": left out, background ('" + e.background + "')");
            continue;
        }
        if (median && e.date && std::labs(*e.date - *median) > kTripSpanDays) {
            m_notes.push_back(name + ": left out, dated " + iso_of_day(*e.date) + ", outside the trip");
            continue;
        }
        if (trip_year && !e.date) {
            // A year other than the trip's in the clause: another trip.
            const Sentence& s = m_tt.sentences[e.sentence];
            bool other_year = false;
            for (std::size_t k = s.first; k < s.last; ++k) {
                const std::string& w = m_w[k];
                if (w.size() == 4 && m_tt.tokens[k].is(TokDigit) && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                    const int y = std::atoi(w.c_str());
                    if (y >= 1900 && y <= 2100 && y != trip_year) other_year = true;
                }
            }
            if (other_year) {
                m_notes.push_back(name + ": left out, its sentence names another year");
                continue;
            }
        }
        kept.push_back(e);
    }
    return kept;
}

// "flew home", "returned home", "headed back home": the journey ends where it began, which is
// the place it left from or, failing that, a place the traveller "returned to".
void Extractor::add_home_returns(std::vector<Event>& kept) {
    const Event* origin = nullptr;
    for (const auto& e : kept) {
        if (e.dir == Direction::Depart && (!origin || e.first < origin->first)) origin = &e;
    }
    if (!origin) {
        for (const auto& e : kept) {
            if (e.ret && e.mention != kNone && (!origin || e.first < origin->first)) origin = &e;
        }
    }
    if (!origin) return;
    const Event base = *origin;
    std::vector<Event> added;
    for (std::size_t k = 1; k < m_w.size(); ++k) {
        if (m_w[k] != "home" || m_headline[k]) continue;
        const std::string& prev = m_w[k - 1];
        if (prev == "way" || (k > 1 && m_w[k - 2] == "way")) continue;  // "on the way home": a direction
        // "flew home to Berlin" names the place: that mention is an event of its own.
        if (k + 2 < m_w.size() && (m_w[k + 1] == "to" || m_w[k + 1] == "in") && m_in_mention[k + 2]) continue;
        const unsigned c = cue_class(prev);
        if (!(c & (CueArrive | CueReturn))) continue;
        Event e;
        e.place = base.place;
        e.first = k;
        e.last = k + 1;
        e.cue_tok = k - 1;
        e.sentence = m_tt.sentence_of[k];
        e.dir = Direction::Arrive;
        e.cue = prev + " home";
        annotate(e);
        e.ret = e.home = true;
        if (e.subject >= 0 && e.subject != m_traveller &&
            std::find(e.coordinated.begin(), e.coordinated.end(), m_traveller) == e.coordinated.end()) continue;
        if (!e.hedge.empty() || !e.negation.empty() || !e.background.empty()) continue;
        const Sentence& s = m_tt.sentences[e.sentence];
        e.cp_start = m_tt.tokens[k].cp_begin;
        e.cp_end = m_tt.tokens[k].cp_end;
        e.snippet = std::string(m_text.substr(s.begin, s.end - s.begin));
        e.snippet_start = s.cp_begin;
        std::size_t best_dist = SIZE_MAX;
        for (const auto& d : m_dates) {
            if (m_tt.sentence_of[d.first] != e.sentence || !d.days || d.first == m_dateline_tok) continue;
            // "left Tokyo on Monday, Oct. 6, for a tour that will take him ... before he returns
            // home": a date of another clause is not the day of the return.
            if (d.last <= k && time_separated(d.last, k)) continue;
            const std::size_t dist = d.first > k ? d.first - k : k - d.first;
            if (dist < best_dist) {
                best_dist = dist;
                e.date = d.days;
                e.date_level = d.kind == DateExpr::Kind::Absolute || d.kind == DateExpr::Kind::MonthDay ? 0 : 1;
            }
        }
        for (std::size_t j = k > 3 ? k - 3 : 0; j < std::min(s.last, static_cast<std::uint32_t>(k + 4)); ++j) {
            const std::string_view mode = mode_word(m_w[j]);
            if (!mode.empty() && e.mode.empty()) e.mode = std::string(mode);
        }
        added.push_back(std::move(e));
    }
    for (auto& e : added) kept.push_back(std::move(e));
}

Itinerary Extractor::run() {
    if (!m_options.article_date.empty() && !parse_iso_day(m_options.article_date)) {
        throw UsageError("article date '" + m_options.article_date + "': expected YYYY-MM-DD");
    }
    tokenize(m_text, m_tt);
    m_w.resize(m_tt.tokens.size());
    for (std::size_t i = 0; i < m_tt.tokens.size(); ++i) m_w[i] = lower_word(m_text, m_tt.tokens[i]);
    mark_headlines();
    find_events();
    resolve_dates();
    assign_modes();
    assign_dates();
    choose_traveller();
    std::vector<Event> kept = filter_events();
    add_home_returns(kept);
    return build(kept);
}

// ---- stops, order, legs ----

Itinerary Extractor::build(std::vector<Event>& kept) {
    std::sort(kept.begin(), kept.end(), [](const Event& a, const Event& b) { return a.first < b.first; });

    // A city's airport, station or port is the city: "left Tokyo ... flew overnight from Haneda
    // Airport" leaves one place. The facility joins the nearest city stop within reach of an
    // airport (Narita lies 60 km from central Tokyo); a facility without one stays a stop.
    constexpr double kFacilityKm = 80;
    for (auto& e : kept) {
        if (!is_transport_facility(e.place)) continue;
        std::optional<Place> city;
        double best_km = kFacilityKm;
        for (const auto& o : kept) {
            if (o.place.feature_class != 'P') continue;
            const double km = sphere_km(e.place, o.place);
            if (km <= best_km) {
                best_km = km;
                city = o.place;
            }
        }
        if (!city) continue;
        m_notes.push_back(e.place.name + ": merged into the stop " + city->name + ", a transport facility of the city");
        e.place = *city;
    }

    // Group events into stops: one per place, split when two stated dates differ, and a
    // return to the place of departure is a stop of its own.
    std::vector<StopGroup> groups;
    for (std::size_t i = 0; i < kept.size(); ++i) {
        const Event& e = kept[i];
        StopGroup* into = nullptr;
        for (auto& g : groups) {
            if (g.place.id != e.place.id) continue;
            const bool g_return = std::any_of(g.events.begin(), g.events.end(), [&](std::size_t k) { return kept[k].ret; });
            if (e.ret != g_return && (e.ret || g_return)) {
                const bool g_departs = std::all_of(g.events.begin(), g.events.end(), [&](std::size_t k) { return kept[k].dir == Direction::Depart; });
                if (g_departs || e.dir == Direction::Depart) continue;
            }
            if (g.date && e.date && g.date_level <= 1 && e.date_level <= 1 && *g.date != *e.date) continue;
            into = &g;
            break;
        }
        if (!into) {
            groups.push_back({});
            into = &groups.back();
            into->place = e.place;
            into->pos = e.cp_start;
        }
        into->events.push_back(i);
        if (e.home) into->home = true;
        if (e.date && (!into->date || e.date_level < into->date_level)) {
            into->date = e.date;
            into->date_level = e.date_level;
        }
    }
    bool origin_taken = false;
    for (auto& g : groups) {
        bool all_depart = true, all_planned = true, any_return = false;
        for (std::size_t k : g.events) {
            const Event& e = kept[k];
            if (e.dir != Direction::Depart) all_depart = false;
            if (!e.planned) all_planned = false;
            if (e.ret) any_return = true;
            if (e.homeward) g.homeward = true;
            if (!e.mode.empty()) {
                if (e.dir == Direction::Depart) { if (g.departure_mode.empty()) g.departure_mode = e.mode; }
                else if (g.arrival_mode.empty()) g.arrival_mode = e.mode;
            }
        }
        if (all_depart && !origin_taken && !any_return) {
            g.role = StopRole::Origin;
            origin_taken = true;
        } else if (any_return && !all_depart) {
            g.role = StopRole::Return;
        } else if (all_planned) {
            g.role = StopRole::Planned;
        }
    }
    // A return only makes sense to a place the journey started from or passed; "returned to
    // Vladivostok" of a place not seen before is a visit.
    for (auto& g : groups) {
        if (g.role != StopRole::Return) continue;
        const bool seen = std::any_of(groups.begin(), groups.end(), [&](const StopGroup& o) { return &o != &g && o.place.id == g.place.id; });
        const bool home = g.home;
        if (!seen && !home) g.role = StopRole::Visit;
    }
    // Containers and areas: a country around a city stop, a region, a sea.
    for (auto& g : groups) {
        const Place& p = g.place;
        if (p.feature_class == 'L' || p.feature_class == 'H') {
            g.dropped = true;
            m_notes.push_back(p.name + ": left out, a region or water body, not a stop");
            continue;
        }
        // An island around a city stop ("a refuelling stopover in Tahiti ... touched down in
        // Papeete"): the city is the stop. Without outlines, "around" is the same country and
        // within the reach of a large island.
        if (p.feature_class == 'T' && (p.feature_code == "ISL" || p.feature_code == "ISLS" || p.feature_code == "ATOL")) {
            for (const auto& o : groups) {
                if (&o == &g || o.dropped || o.place.feature_class != 'P' || o.place.country != p.country) continue;
                if (sphere_km(o.place, p) > 150) continue;
                g.dropped = true;
                m_notes.push_back(p.name + ": left out, it contains the stop " + o.place.name);
                break;
            }
            if (g.dropped) continue;
        }
        if (p.feature_class == 'A' || p.source == Source::Country || p.source == Source::Admin1) {
            const bool country = is_country_like(p);
            for (const auto& o : groups) {
                if (&o == &g || is_country_like(o.place) || o.dropped) continue;
                if (!country && (o.place.feature_class == 'A' || o.place.source == Source::Admin1)) continue;
                if (o.place.country != p.country) continue;
                if (country || p.admin1_code.empty() || o.place.admin1_code == p.admin1_code) {
                    g.dropped = true;
                    // "crossed into Kenya in a motorcade, stopping in Kisumu": what the container
                    // says about the arrival belongs to the first stop inside it that follows.
                    // The stop inside it named next in the same sentence takes it; failing that
                    // ("arrived in Vietnam on Tuesday ... traveled by car to Hanoi"), the next one
                    // named after it, but only where that stop says nothing itself.
                    const Event& outer = kept[g.events.front()];
                    StopGroup* same_sentence = nullptr;
                    StopGroup* later = nullptr;
                    for (auto& inner : groups) {
                        if (inner.place.country != p.country || &inner == &g || is_country_like(inner.place)) continue;
                        for (std::size_t k : inner.events) {
                            if (kept[k].first <= outer.first) continue;
                            if (kept[k].sentence == outer.sentence && !same_sentence) same_sentence = &inner;
                            if (!later || kept[k].first < kept[later->events.front()].first) later = &inner;
                        }
                    }
                    const std::string mode = outer.dir == Direction::Depart ? std::string() : outer.mode;
                    if (same_sentence) {
                        if (same_sentence->arrival_mode.empty()) same_sentence->arrival_mode = mode;
                        // ... unless the stop has a day of its own ("bound for the Seychelles and
                        // reached Victoria two days later").
                        if (outer.date && (!same_sentence->date || (outer.date_level < same_sentence->date_level &&
                                                                    same_sentence->date_level >= 2))) {
                            same_sentence->date = outer.date;
                            same_sentence->date_level = outer.date_level;
                        }
                    } else if (later) {
                        if (later->arrival_mode.empty()) later->arrival_mode = mode;
                        if (outer.date && !later->date) {
                            later->date = outer.date;
                            later->date_level = std::max(outer.date_level, 1);
                        }
                    }
                    m_notes.push_back(p.name + ": left out, it contains the stop " + o.place.name);
                    break;
                }
            }
        }
    }
    std::vector<std::size_t> live;
    for (std::size_t g = 0; g < groups.size(); ++g) if (!groups[g].dropped) live.push_back(g);
    const std::size_t n = live.size();

    // Ordering constraints, strongest first; one that contradicts stronger ones is dropped.
    PrecedenceGraph graph(n);
    std::vector<bool> cue_placed(n, false);
    auto add_edge = [&](std::size_t a, std::size_t b, bool is_cue) {
        if (graph.add(a, b) && is_cue) cue_placed[a] = cue_placed[b] = true;
    };
    auto G = [&](std::size_t i) -> StopGroup& { return groups[live[i]]; };
    std::size_t dated = 0;
    for (std::size_t a = 0; a < n; ++a) if (G(a).date) ++dated;
    // 1. dates
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b)
            if (G(a).date && G(b).date && *G(a).date < *G(b).date) add_edge(a, b, false);
    // 2. roles: the origin first, the way home and the return last
    for (std::size_t a = 0; a < n; ++a) {
        for (std::size_t b = 0; b < n; ++b) {
            if (a == b) continue;
            if (G(a).role == StopRole::Origin) add_edge(a, b, true);
            if (G(b).role == StopRole::Return && G(a).role != StopRole::Return) add_edge(a, b, true);
            if (G(b).homeward && !G(a).homeward && G(a).role != StopRole::Return) add_edge(a, b, true);
        }
    }
    // 3. order words
    auto group_of_event = [&](std::size_t k) -> std::size_t {
        for (std::size_t i = 0; i < n; ++i) {
            const auto& ev = G(i).events;
            if (std::find(ev.begin(), ev.end(), k) != ev.end()) return i;
        }
        return kNone;
    };
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const Event& e = kept[k];
        const std::size_t me = group_of_event(k);
        if (me == kNone) continue;
        if (e.after_gathering) {
            for (std::size_t k2 = 0; k2 < kept.size(); ++k2) {
                if (!kept[k2].gather || kept[k2].planned) continue;
                const std::size_t g = group_of_event(k2);
                if (g != kNone) add_edge(g, me, true);
            }
        }
        for (std::size_t k2 = 0; k2 < kept.size(); ++k2) {
            if (k2 == k || kept[k2].sentence != e.sentence) continue;
            const std::size_t other = group_of_event(k2);
            if (other == kNone || other == me) continue;
            const bool other_first = kept[k2].first < e.first;
            if (e.then_cue && other_first) add_edge(other, me, true);
            // "flew to Anchorage from Hanoi", "flew into Pyongyang from Yakutsk": one motion,
            // its source before its goal.
            if (kept[k2].dir == Direction::Depart && e.dir != Direction::Depart && kept[k2].cue_tok == e.cue_tok)
                add_edge(other, me, true);
            if (e.before_word && other_first) add_edge(other, me, true);   // "..., before flying to B"
            if (e.before_word && !other_first) add_edge(me, other, true);  // "Before flying to B, ... A"? B later
            if (e.after_word && !other_first) add_edge(me, other, true);   // "after crossing at A, ... B"
        }
    }
    // "Before that, ...": the sentence's stops precede those of the nearest sentence before it
    // that has stops.
    for (std::size_t k = 0; k < kept.size(); ++k) {
        if (!kept[k].before_that) continue;
        const std::size_t me = group_of_event(k);
        if (me == kNone) continue;
        std::size_t prev_sentence = kNone;
        for (const auto& o : kept) {
            if (o.sentence < kept[k].sentence && (prev_sentence == kNone || o.sentence > prev_sentence)) prev_sentence = o.sentence;
        }
        for (std::size_t k2 = 0; k2 < kept.size(); ++k2) {
            if (kept[k2].sentence != prev_sentence) continue;
            const std::size_t other = group_of_event(k2);
            if (other != kNone && other != me) add_edge(me, other, true);
        }
    }
    // "The tour ends in Perth": the other outward stops come before it.
    for (std::size_t k = 0; k < kept.size(); ++k) {
        if (!kept[k].journey_end) continue;
        const std::size_t end = group_of_event(k);
        if (end == kNone) continue;
        for (std::size_t a = 0; a < n; ++a) {
            if (a != end && G(a).role != StopRole::Return && !G(a).homeward && G(a).place.id != G(end).place.id)
                add_edge(a, end, true);
        }
    }
    // 4. announced visits come after the ones made
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b)
            if (G(b).role == StopRole::Planned && !G(b).date && G(a).role != StopRole::Planned && G(a).role != StopRole::Return)
                add_edge(a, b, true);

    // Narrative date of an undated stop: the date of the story at its first mention.
    std::vector<long> narrative(n, LONG_MIN);
    for (std::size_t a = 0; a < n; ++a) {
        if (G(a).date) { narrative[a] = *G(a).date; continue; }
        const std::size_t first_tok = kept[G(a).events.front()].first;
        for (const auto& e : kept) if (e.first < first_tok && e.date) narrative[a] = *e.date;
    }
    // Among free stops the earliest narrative date, then text order.
    const std::vector<std::size_t> order = graph.order([&](std::size_t a, std::size_t b) {
        return narrative[a] < narrative[b] || (narrative[a] == narrative[b] && G(a).pos < G(b).pos);
    });

    Itinerary it;
    it.traveller = m_traveller_name;
    std::vector<std::vector<std::size_t>> stop_groups;  // per stop: its groups (live indices)
    for (std::size_t idx : order) {
        StopGroup& g = G(idx);
        // Evidence: the first event with a stated date, else the first arrival or stay, else the first.
        const Event* best = nullptr;
        auto rank = [](const Event& e) { return (e.date ? e.date_level : 3) * 2 + (e.dir == Direction::Via ? 1 : 0); };
        for (std::size_t k : g.events) if (!best || rank(kept[k]) < rank(*best)) best = &kept[k];
        ItineraryStop s;
        s.name = g.place.name;
        s.place = g.place;
        if (g.date && !m_relative_dates) s.date = iso_of_day(*g.date);
        s.date_inferred = !s.date.empty() && g.date_level >= 1;
        s.role = g.role;
        s.placed_by = (g.date && dated >= 2) ? Placement::Date : cue_placed[idx] ? Placement::Cue : Placement::TextOrder;
        s.evidence.sentence = best->snippet;
        s.evidence.sentence_start = best->snippet_start;
        s.evidence.start = best->cp_start;
        s.evidence.end = best->cp_end;
        s.evidence.cue = best->cue;
        s.events = g.events.size();
        // Consecutive repeats of one place are one stop.
        if (!it.stops.empty() && it.stops.back().place.id == s.place.id) {
            stop_groups.back().push_back(idx);
            it.stops.back().events += s.events;
            if (it.stops.back().date.empty() && !s.date.empty()) {
                it.stops.back().date = s.date;
                it.stops.back().date_inferred = s.date_inferred;
            }
            continue;
        }
        it.stops.push_back(std::move(s));
        stop_groups.push_back({idx});
    }
    // An undated stop between two stops of the same day happened that day.
    for (std::size_t i = 1; i + 1 < it.stops.size(); ++i) {
        auto& s = it.stops[i];
        if (!s.date.empty()) continue;
        const auto& prev = it.stops[i - 1];
        const auto& next = it.stops[i + 1];
        if (!prev.date.empty() && prev.date == next.date) {
            s.date = prev.date;
            s.date_inferred = true;
        }
    }
    for (std::size_t i = 0; i < it.stops.size(); ++i) it.stops[i].seq = i + 1;

    // Modes: stated for the arrival, else carried from the last stated departure until another
    // mode is stated ("brought from Pyongyang in his armoured train" covers the rail journey).
    std::vector<std::string> arrival(it.stops.size()), departure(it.stops.size());
    for (std::size_t i = 0; i < it.stops.size(); ++i) {
        for (std::size_t idx : stop_groups[i]) {
            const StopGroup& g = G(idx);
            if (arrival[i].empty()) arrival[i] = g.arrival_mode;
            if (departure[i].empty()) departure[i] = g.departure_mode;
        }
    }
    std::string carried;
    for (std::size_t i = 0; i + 1 < it.stops.size(); ++i) {
        if (!departure[i].empty()) carried = departure[i];
        ItineraryLeg leg;
        leg.from = i;
        leg.to = i + 1;
        if (!arrival[i + 1].empty()) {
            leg.mode = arrival[i + 1];
            if (leg.mode != carried) carried.clear();
        } else {
            leg.mode = carried;
        }
        it.legs.push_back(leg);
    }
    if (it.stops.size() >= 2) {
        const Route route = itinerary_route(it);
        for (std::size_t i = 0; i < it.legs.size(); ++i) it.legs[i].distance_km = route.legs[i].distance_km;
    }
    if (m_relative_dates && dated > 0) {
        m_notes.push_back("the article states no year: weekdays and days order the stops but no dates are given");
    }
    for (const auto& s : it.stops) {
        if (s.date.empty() && s.role != StopRole::Origin && !(m_relative_dates && s.placed_by == Placement::Date)) {
            it.notes.push_back(s.name + ": undated, placed by " + placement_name(s.placed_by));
        }
    }
    // Repeated mentions give repeated notes; keep the first of each.
    std::vector<std::string> notes;
    for (auto& note : m_notes) if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(std::move(note));
    it.notes.insert(it.notes.begin(), notes.begin(), notes.end());
    return it;
}

}  // namespace

Itinerary extract_itinerary(const ArticleResult& parsed, std::string_view text, const ItineraryOptions& options) {
    Extractor x(parsed, text, options);
    return x.run();
}

}  // namespace gazetteer
