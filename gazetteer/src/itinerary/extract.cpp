// Itinerary extraction from a geoparsed article (the method is outlined in itinerary.hpp).
//
// Pipeline (one file per stage, see extractor.hpp): tokens and headlines -> people -> date
// expressions and their anchors (event_dates.cpp) -> motion events with subject, tense, hedges,
// mode and date (events.cpp) -> traveller and event roles (here) -> stops, grouped and merged by
// containment (stops.cpp) -> ordering (stop_order.cpp) -> inferred dates, legs and notes (here).

#include "itinerary/extractor.hpp"

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

const char* mention_role_name(MentionRole role) noexcept {
    switch (role) {
        case MentionRole::Origin: return "origin";
        case MentionRole::Arrival: return "arrival";
        case MentionRole::Visit: return "visit";
        case MentionRole::Transit: return "transit";
        case MentionRole::Departure: return "departure";
        case MentionRole::Return: return "return";
        case MentionRole::OtherTraveller: return "other traveller";
        case MentionRole::Overflight: return "overflight";
        case MentionRole::Plan: return "plan";
        case MentionRole::Cancelled: return "cancelled";
        case MentionRole::Past: return "past";
        case MentionRole::Topic: return "topic";
        case MentionRole::Metonymy: return "metonymy";
    }
    return "topic";
}

bool is_motion_role(MentionRole role) noexcept { return role <= MentionRole::Return; }

const char* placement_name(Placement p) noexcept {
    switch (p) {
        case Placement::Date: return "date";
        case Placement::Cue: return "cue";
        case Placement::TextOrder: return "text order";
    }
    return "text order";
}

namespace detail {

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
            throw UsageError("traveller '" + m_options.traveller + "' is not mentioned in the article");
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
        trip_year = int(date_of_day(*median).year());
    } else if (m_article_day) {
        trip_year = int(date_of_day(*m_article_day).year());
    }
    // The months of the trip: those of its dated events within a trip span of the median, and
    // the publication month. A month named alone ("in May", "last March") that is none of them
    // puts its sentence on another trip.
    std::set<int> trip_months;
    auto month_of = [](long day) { return int(unsigned(date_of_day(day).month())); };
    for (const auto& e : m_events)
        if (e.date && median && std::labs(*e.date - *median) <= kTripSpanDays) trip_months.insert(month_of(*e.date));
    if (m_article_day) trip_months.insert(month_of(*m_article_day));
    auto other_month = [&](const Event& e) -> int {
        if (trip_months.empty()) return 0;
        const Sentence& s = m_tt.sentences[e.sentence];
        for (std::size_t k = s.first + 1; k < s.last; ++k) {
            const int month = month_index(m_w[k]);
            if (month == 0 || !m_tt.tokens[k].is(TokCapitalised) || m_w[k].size() < 3) continue;
            if (k + 1 < s.last && m_tt.tokens[k + 1].is(TokDigit) && m_w[k + 1].size() <= 2) continue;  // "May 3": a day
            const bool abbreviation = m_w[k].size() <= 4 && m_w[k] != "may" && m_w[k] != "june" && m_w[k] != "july";
            if (abbreviation && k + 1 < s.last && m_w[k + 1] == ".") continue;  // "Feb. 21"
            const std::string& prev = m_w[k - 1];
            if (prev != "in" && prev != "last" && prev != "since" && prev != "next" && prev != "this" && prev != "until" &&
                prev != "early" && prev != "late" && prev != "mid" && prev != "of")
                continue;
            if (trip_months.count(month)) continue;
            // A full date nearer the event than the month dates the event itself ("opened the
            // season in Melbourne in January and flew ... to Singapore on Sunday, Feb. 2").
            // (For a source with its goal, "from Melbourne to Singapore on Sunday, Feb. 2", the
            // goal's position counts too: the date is of the one motion.)
            const std::size_t goal = e.dir == Direction::Depart && e.last + 1 < m_w.size() && m_w[e.last] == "to" ? e.last + 1 : e.first;
            const auto dist = [&](std::size_t tok) {
                const std::size_t a = tok > e.first ? tok - e.first : e.first - tok;
                const std::size_t b = tok > goal ? tok - goal : goal - tok;
                return std::min(a, b);
            };
            bool nearer_date = false;
            const auto from = std::lower_bound(m_dates.begin(), m_dates.end(), s.first,
                                               [](const DateExpr& x, std::size_t t) { return x.first < t; });
            for (auto it = from; it != m_dates.end() && it->first < s.last; ++it) {
                const DateExpr& d = *it;
                if (!d.days) continue;
                if (d.kind != DateExpr::Kind::Absolute && d.kind != DateExpr::Kind::MonthDay) continue;
                if (dist(d.first) < dist(k)) nearer_date = true;
            }
            if (!nearer_date) return month;
        }
        // "last month", "last year", "months ago": the sentence tells an earlier trip.
        for (std::size_t k = s.first; k + 1 < s.last; ++k) {
            const std::string& w = m_w[k];
            const std::string& n = m_w[k + 1];
            if ((w == "last" || w == "previous") && (n == "month" || n == "year")) return -1;
            if ((w == "months" || w == "years") && n == "ago") return -1;
            if (w == "next" && (n == "month" || n == "year")) return -2;
        }
        return 0;
    };
    std::vector<Event> kept;
    for (auto& e : m_events) {
        const std::string name = note_name(e);
        if (e.subject >= 0 && e.subject != m_traveller &&
            std::find(e.coordinated.begin(), e.coordinated.end(), m_traveller) == e.coordinated.end() &&
            (m_traveller >= 0 || !m_traveller_name.empty())) {
            note_place(e, MentionRole::OtherTraveller, "the motion ('" + e.cue + "') is " + m_people.names[static_cast<std::size_t>(e.subject)] + "'s");
            continue;
        }
        if (e.fronted && m_traveller >= 0 && e.subject != m_traveller) {
            note_place(e, MentionRole::Topic, "a setting of someone else's deed");
            continue;
        }
        if (e.weak && (m_traveller < 0 || e.subject != m_traveller || e.place.feature_class == 'A' ||
                       e.place.feature_class == 'L' || e.place.feature_class == 'H' || is_country(e.place) ||
                       e.planned)) {
            note_place(e, MentionRole::Topic, "no motion of the traveller governs it");
            continue;
        }
        if (e.subject < 0 && indefinite_subject(e)) {
            note_place(e, MentionRole::OtherTraveller, "the motion is that of someone newly introduced ('" +
                                                           m_w[m_tt.sentences[e.sentence].first] + " ...')");
            continue;
        }
        if (!e.other_subject.empty()) {
            note_place(e, MentionRole::OtherTraveller, "the motion ('" + e.cue + "') is that of " + e.other_subject);
            continue;
        }
        if (!e.negation.empty()) {
            note_place(e, MentionRole::Cancelled, "negated ('" + e.negation + "')");
            continue;
        }
        if (!e.hedge.empty()) {
            note_place(e, MentionRole::Plan, "only hinted at ('" + e.hedge + "')");
            continue;
        }
        if (!e.background.empty()) {
            note_place(e, MentionRole::Past, "an earlier trip ('" + e.background + "')");
            continue;
        }
        if (const int month = other_month(e); month != 0) {
            static constexpr const char* kMonths[] = {"", "January", "February", "March", "April", "May", "June", "July",
                                                      "August", "September", "October", "November", "December"};
            note_place(e, e.planned || month == -2 ? MentionRole::Plan : MentionRole::Past,
                       month == -2 ? std::string("its sentence tells a later month or year")
                       : month < 0 ? std::string("its sentence tells an earlier month or year")
                                 : std::string("its sentence names ") + kMonths[month] + ", another month than the trip's");
            continue;
        }
        if (median && e.date && std::labs(*e.date - *median) > kTripSpanDays &&
            !(m_article_day && std::labs(*e.date - *m_article_day) <= 1)) {
            note_place(e, *e.date < *median ? MentionRole::Past : MentionRole::Plan, "dated " + iso_of_day(*e.date) + ", outside the trip");
            continue;
        }
        if (trip_year && (!e.date || e.borrowed_date)) {
            // A year other than the trip's in the clause: another trip.
            const Sentence& s = m_tt.sentences[e.sentence];
            int other_year = 0;
            for (std::size_t k = s.first; k < s.last; ++k) {
                const std::string& w = m_w[k];
                if (w.size() == 4 && m_tt.tokens[k].is(TokDigit) && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                    const int y = std::atoi(w.c_str());
                    if (y >= 1900 && y <= 2100 && y != trip_year) other_year = y;
                }
            }
            if (other_year) {
                note_place(e, other_year < trip_year ? MentionRole::Past : MentionRole::Plan, "its sentence names another year");
                continue;
            }
        }
        e.role = motion_role(e);
        kept.push_back(e);
    }
    return kept;
}

// "A second vessel ... sailed from Hobart", "Another delegation flew to Lima": an indefinite
// subject introduces someone new, unless the traveller is the one carried ("A driver carried
// him across the border").
bool Extractor::indefinite_subject(const Event& e) const {
    const std::size_t first = m_tt.sentences[e.sentence].first;
    const std::string& w = m_w[first];
    if (w != "a" && w != "an" && w != "another") return false;
    for (std::size_t k = first; k < e.first; ++k) {
        if (m_w[k] == "him" || m_w[k] == "her" || m_w[k] == "them" || m_people.person_at[k] == m_traveller) return false;
    }
    return true;
}

MentionRole Extractor::motion_role(const Event& e) {
    if (e.ret) return MentionRole::Return;
    switch (e.dir) {
        case Direction::Arrive: return MentionRole::Arrival;
        case Direction::Depart: return MentionRole::Departure;
        case Direction::Stay: return MentionRole::Visit;
        case Direction::Via: return MentionRole::Transit;
    }
    return MentionRole::Visit;
}

void Extractor::note_place(const Event& e, MentionRole role, std::string reason, std::string merged_into) {
    ItineraryNote n;
    n.name = e.place.name;
    n.place = e.place;
    n.role = role;
    n.merged_into = std::move(merged_into);
    n.reason = std::move(reason);
    n.evidence.sentence = e.snippet;
    n.evidence.sentence_start = e.snippet_start;
    n.evidence.start = e.cp_start;
    n.evidence.end = e.cp_end;
    n.evidence.cue = e.cue;
    n.evidence.role = role;
    m_notes.push_back(n.name + " (" + mention_role_name(role) + "): " +
                      (n.merged_into.empty() ? "left out, " : "merged into the stop " + n.merged_into + ", ") + n.reason);
    m_place_notes.push_back(std::move(n));
}

bool Extractor::is_dateline(std::size_t a) const {
    std::size_t first_body = 0;
    while (first_body < m_headline.size() && m_headline[first_body]) ++first_body;
    if (a != first_body || a >= m_w.size()) return false;
    // "WARSAW, Poland (AP) —", "BUDAPEST, Hungary (Reuters) -": a dash soon after, in the paragraph.
    for (std::size_t k = a + 1; k < m_w.size() && k < a + 14 && m_paragraph[k] == m_paragraph[a]; ++k) {
        const std::string& w = m_w[k];
        if (w == "\xe2\x80\x94" || w == "\xe2\x80\x93" || w == "-" || w == "--") return true;
        if (m_tt.tokens[k].is(TokWord) && !m_tt.tokens[k].is(TokCapitalised) && !m_tt.tokens[k].is(TokDigit) &&
            month_index(w) == 0)
            return false;
    }
    return false;
}

// A dateline says where the story was filed, which in a travel report is where the traveller is
// on the news day (AP and Reuters style). When the lead names the traveller and no motion of
// theirs says they were there ("shaking hands ... on Singapore's Sentosa island", "a speech in
// the courtyard of Warsaw's Royal Castle"), the dateline's place is a stop dated by the lead.
void Extractor::add_dateline_stop(std::vector<Event>& kept) {
    if (!m_dateline || m_traveller < 0) return;
    Event e = *m_dateline;
    // A city-state's dateline ("SINGAPORE (AP) —") names the city: its city candidate stands in.
    if (is_country(e.place) && e.mention != kNone) {
        for (const auto& alt : m_parsed.mentions[e.mention].alternatives) {
            if (alt.place.feature_class == 'P' && alt.place.country == e.place.country && alt.place.name == e.place.name) {
                e.place = alt.place;
                break;
            }
        }
    }
    if (is_country(e.place) || e.place.feature_class == 'A' || e.place.feature_class == 'L' || e.place.feature_class == 'H')
        return;
    for (const auto& k : kept) {
        if (k.place.id == e.place.id || sphere_km(k.place, e.place) <= 30) return;
    }
    // The lead: the first sentence of the body, which holds the dateline.
    const Sentence& lead = m_tt.sentences[e.sentence];
    bool traveller_in_lead = false;
    for (std::size_t k = lead.first; k < lead.last; ++k) if (m_people.person_at[k] == m_traveller) traveller_in_lead = true;
    if (!traveller_in_lead) return;
    for (const auto& k : m_events) {
        // A lead about going elsewhere ("left for Tokyo") is not filed from where the traveller is.
        if (k.sentence == e.sentence && k.subject == m_traveller && k.dir != Direction::Depart && k.place.id != e.place.id &&
            !is_country(k.place) && k.place.feature_class == 'P')
            return;
    }
    e.dir = Direction::Stay;
    e.role = MentionRole::Visit;
    e.cue = "dateline";
    e.cue_tok = e.first;
    e.subject = m_traveller;
    for (const auto& d : m_dates) {
        if (d.first == m_dateline_tok || !d.days || m_tt.sentence_of[d.first] != e.sentence) continue;
        e.date = d.days;
        e.date_level = 1;
        break;
    }
    if (!e.date && m_article_day) {
        e.date = m_article_day;
        e.date_level = 2;
    }
    // "Kim arrived Sunday afternoon on an Air China Boeing": an arrival of the traveller that
    // names no place of its own is the arrival at the dateline's place.
    for (std::size_t k = 0; k + 1 < m_w.size(); ++k) {
        if (m_people.person_at[k] != m_traveller || m_people.person_at[k + 1] == m_traveller || m_headline[k]) continue;
        const std::string& verb = m_w[k + 1];
        if (verb != "arrived" && verb != "landed") continue;
        const std::size_t sent = m_tt.sentence_of[k];
        const bool placed = std::any_of(m_events.begin(), m_events.end(), [&](const Event& o) {
            return o.sentence == sent && o.dir != Direction::Depart;
        });
        if (placed) continue;
        for (const auto& d : m_dates) {
            if (m_tt.sentence_of[d.first] != sent || !d.days || d.first < k) continue;
            if (!e.date || *d.days < *e.date) {
                e.date = d.days;
                e.date_level = 1;
            }
            break;
        }
    }
    m_place_notes.erase(std::remove_if(m_place_notes.begin(), m_place_notes.end(),
                                       [&](const ItineraryNote& n) { return n.evidence.start == e.cp_start; }),
                        m_place_notes.end());
    kept.push_back(std::move(e));
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
        e.role = MentionRole::Return;
        if (e.subject >= 0 && e.subject != m_traveller &&
            std::find(e.coordinated.begin(), e.coordinated.end(), m_traveller) == e.coordinated.end()) continue;
        if (!e.hedge.empty() || !e.negation.empty() || !e.background.empty()) continue;
        const Sentence& s = m_tt.sentences[e.sentence];
        e.cp_start = m_tt.tokens[k].cp_begin;
        e.cp_end = m_tt.tokens[k].cp_end;
        e.snippet = std::string(m_text.substr(s.begin, s.end - s.begin));
        e.snippet_start = s.cp_begin;
        std::size_t best_dist = SIZE_MAX;
        const auto from = std::lower_bound(m_dates.begin(), m_dates.end(), static_cast<std::size_t>(s.first),
                                           [](const DateExpr& x, std::size_t t) { return x.first < t; });
        for (auto it = from; it != m_dates.end() && it->first < s.last; ++it) {
            const DateExpr& d = *it;
            if (!d.days || d.first == m_dateline_tok) continue;
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
    add_dateline_stop(kept);
    return build(kept);
}

Itinerary Extractor::build(std::vector<Event>& kept) {
    std::vector<StopGroup> groups = merge_stops(kept);
    const StopOrder order = order_stops(kept, groups);
    return assemble(kept, groups, order);
}

Itinerary Extractor::assemble(const std::vector<Event>& kept, std::vector<StopGroup>& groups, const StopOrder& so) {
    const std::vector<std::size_t>& live = so.live;
    const std::vector<bool>& cue_placed = so.cue_placed;
    const std::size_t dated = so.dated;
    const std::vector<std::size_t>& order = so.order;
    auto G = [&](std::size_t i) -> StopGroup& { return groups[live[i]]; };
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
        if (g.date && !m_relative_dates && !g.date_order_only) s.date = iso_of_day(*g.date);
        s.date_inferred = !s.date.empty() && g.date_level >= 1;
        s.role = g.role;
        s.placed_by = (g.date && !g.date_order_only && dated >= 2) ? Placement::Date
                      : (cue_placed[idx] || g.date_order_only)          ? Placement::Cue
                                                                        : Placement::TextOrder;
        s.evidence.sentence = best->snippet;
        s.evidence.sentence_start = best->snippet_start;
        s.evidence.start = best->cp_start;
        s.evidence.end = best->cp_end;
        s.evidence.cue = best->cue;
        s.evidence.role = g.role == StopRole::Origin ? MentionRole::Origin : best->role;
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
    // An undated stop whose own sentence states a day before it happened that day, when that day
    // fits between its neighbours' days; not a stop told as a step back ("Before that,", "had met").
    if (!m_relative_dates) {
        for (std::size_t i = 0; i < it.stops.size(); ++i) {
            auto& s = it.stops[i];
            if (!s.date.empty()) continue;
            // The day its own sentence states before it, given to another motion of the sentence
            // ("on the morning of Feb. 21 flew to Shanghai, ... before continuing to Peking").
            long day = LONG_MIN;
            bool step_back = false;
            for (std::size_t g : stop_groups[i]) {
                for (std::size_t k : G(g).events) {
                    const Event& e = kept[k];
                    step_back = step_back || e.before_that || e.pluperfect;
                    const Sentence& sent = m_tt.sentences[e.sentence];
                    auto d = std::lower_bound(m_dates.begin(), m_dates.end(), static_cast<std::size_t>(sent.first),
                                              [](const DateExpr& x, std::size_t tok) { return x.first < tok; });
                    for (; d != m_dates.end() && d->first < e.first; ++d)
                        if (d->days && d->first != m_dateline_tok && !m_headline[d->first]) day = *d->days;
                }
            }
            if (day == LONG_MIN || step_back) continue;
            const std::string iso = iso_of_day(day);
            bool fits = true;
            for (std::size_t j = i; j-- > 0;) {
                if (it.stops[j].date.empty()) continue;
                fits = it.stops[j].date <= iso;
                break;
            }
            for (std::size_t j = i + 1; j < it.stops.size() && fits; ++j) {
                if (it.stops[j].date.empty()) continue;
                fits = iso <= it.stops[j].date;
                break;
            }
            if (!fits) continue;
            s.date = iso;
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
    std::stable_sort(m_place_notes.begin(), m_place_notes.end(),
                     [](const ItineraryNote& x, const ItineraryNote& y) { return x.evidence.start < y.evidence.start; });
    it.place_notes = std::move(m_place_notes);
    return it;
}

}  // namespace detail

Itinerary extract_itinerary(const ArticleResult& parsed, std::string_view text, const ItineraryOptions& options) {
    detail::Extractor x(parsed, text, options);
    return x.run();
}

}  // namespace gazetteer
