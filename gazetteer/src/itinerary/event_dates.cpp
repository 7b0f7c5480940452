// Dating: date expressions (dates.cpp) anchored on the publication date or dateline, stated
// dates, weekdays and relative days, then given to the events they govern.

#include "itinerary/extractor.hpp"

#include "geoparse/lexicon.hpp"

#include <gazetteer/error.hpp>

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

namespace gazetteer::detail {

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
                    weekday_of(day_number(year, d.month, d.day)) == d.weekday)
                    ++fit;
            }
            if (fit > best_fit) {
                best_fit = fit;
                stand_in_year = year;
            }
        }
        for (auto& d : m_dates) {
            if (d.kind == DateExpr::Kind::MonthDay) {
                if (const auto date = make_date(stand_in_year, d.month, d.day)) {
                    d.kind = DateExpr::Kind::Absolute;
                    d.days = day_number(*date);
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
    // (Anchors are in token order: the nearest is one of the two around `tok`.)
    auto nearest_anchor = [&](std::size_t tok) -> std::optional<long> {
        if (anchors.empty()) return m_article_day;
        auto it = std::lower_bound(anchors.begin(), anchors.end(), tok, [](const DateExpr* a, std::size_t t) { return a->first < t; });
        const DateExpr* best = nullptr;
        if (it != anchors.end()) best = *it;
        if (it != anchors.begin()) {
            const DateExpr* prev = *(it - 1);
            if (!best || tok - prev->first <= best->first - tok) best = prev;
        }
        return best->days;
    };
    for (auto& d : m_dates) {
        switch (d.kind) {
            case DateExpr::Kind::Absolute:
            case DateExpr::Kind::NextDay:
                break;
            case DateExpr::Kind::MonthDay: {
                auto anchor = nearest_anchor(d.first);
                if (!anchor) break;
                const int y = int(date_of_day(*anchor).year());
                // The year that puts the date closest to the anchor (December stories of January trips).
                std::optional<long> best;
                for (int year = y - 1; year <= y + 1; ++year) {
                    if (const auto date = make_date(year, d.month, d.day)) {
                        const long v = day_number(*date);
                        if (!best || std::labs(v - *anchor) < std::labs(*best - *anchor)) best = v;
                    }
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
            const long stand_in = day_number(2001, 1, 7);  // a Sunday
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
    // The dates told before the one being resolved, kept as a running state (one pass).
    std::optional<long> told_last;
    bool told_weekday_dated = false, told_backwards = false;
    auto tell = [&](const DateExpr& a) {
        if (!a.days || m_headline[a.first] || a.first == m_dateline_tok) return;
        if (told_last && *a.days < *told_last) told_backwards = true;
        told_last = a.days;
        if (a.weekday >= 0 && a.kind != DateExpr::Kind::Weekday) told_weekday_dated = true;
    };
    auto narrative_day = [&](const DateExpr& d) -> std::optional<long> {
        if (m_article_day || told_backwards) return std::nullopt;
        const std::optional<long> last = told_last;
        if (!last || !told_weekday_dated) return std::nullopt;
        const int ahead = (d.weekday - weekday_of(*last) + 7) % 7;
        if (ahead > 3) return std::nullopt;
        return *last + ahead;
    };
    auto resolve_weekday = [&](DateExpr& d) {
        const int wd = weekday_of(*base);
        const int ahead = (d.weekday - wd + 7) % 7;  // 0..6 days after the base
        const Tense tense = tense_of(d);
        if (tense == Tense::Ahead) d.days = *base + ahead;
        else if (auto next = tense == Tense::Past ? narrative_day(d) : std::nullopt) d.days = next;
        else if (published) d.days = *base - ((wd - d.weekday + 7) % 7);
        else d.days = *base + (ahead > 3 ? ahead - 7 : ahead);
    };
    for (auto& d : m_dates) {
        if (d.kind == DateExpr::Kind::Weekday && base) resolve_weekday(d);
        tell(d);  // what the text has told once this date is resolved
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
    // An overnight journey between the day stated and the place arrives the next day ("on
    // Tuesday, he took an overnight train across the border to Przemysl").
    auto overnight = [&](const Event& e, const DateExpr& d) {
        if (e.dir == Direction::Depart || d.last > e.first) return false;
        for (std::size_t t = d.last; t < e.first; ++t) if (m_w[t] == "overnight") return true;
        return false;
    };
    auto set_from = [&](Event& e, const DateExpr& d) {
        if (d.kind == DateExpr::Kind::NextDay) {
            e.next_day = true;
            e.next_day_offset = d.offset + (overnight(e, d) ? 1 : 0);
            e.next_day_tok = d.first;
        } else if (d.days) {
            e.date = *d.days + (overnight(e, d) ? 1 : 0);
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
    // Events and dates by sentence, so that each is compared with its own sentence only.
    std::vector<std::vector<std::size_t>> events_in(m_tt.sentences.size()), dates_in(m_tt.sentences.size());
    for (std::size_t k = 0; k < m_events.size(); ++k) events_in[m_events[k].sentence].push_back(k);
    for (std::size_t i = 0; i < m_dates.size(); ++i) dates_in[m_tt.sentence_of[m_dates[i].first]].push_back(i);
    for (const auto& d : m_dates) {
        if (m_headline[d.first] || d.first == m_dateline_tok) continue;
        const std::size_t s = m_tt.sentence_of[d.first];
        sentence_has_date[s] = true;
        std::size_t best = kNone, best_dist = SIZE_MAX;
        for (std::size_t k : events_in[s]) {
            // A weak stay ("the largest city in Siberia") takes a date only when no motion of
            // its sentence is there to take it.
            const std::size_t dist = distance(m_events[k], d) + (m_events[k].weak ? 1000 : 0);
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
        for (std::size_t i : dates_in[e.sentence]) {
            const DateExpr& d = m_dates[i];
            if (d.first == m_dateline_tok || d.last > e.first) continue;
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
                e.borrowed_date = true;
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
    std::set<std::string> stated_places;  // places with a day stated or anchored by an event of their own
    for (std::size_t j = 0; j < m_events.size(); ++j)
        if (!borrowed[j] && m_events[j].date && m_events[j].date_level <= 1) stated_places.insert(m_events[j].place.id);
    for (std::size_t k = 0; k < m_events.size(); ++k) {
        if (!borrowed[k] || m_events[k].dir == Direction::Depart) continue;
        if (stated_places.count(m_events[k].place.id)) {
            m_events[k].date.reset();
            m_events[k].date_level = 3;
        }
    }
    // One expression is one day: "The next day he sailed from Mombasa to Zanzibar" dates both
    // places with the same day, not the second a day after the first.
    std::optional<long> last;
    std::size_t last_tok = 0;  // where the last dated event stands
    std::map<std::size_t, long> resolved;
    // The last day the text told before `tok` (a relative day counts once resolved), when it
    // stands after the last dated event.
    auto told_before = [&](std::size_t tok) -> std::optional<long> {
        auto it = std::lower_bound(m_dates.begin(), m_dates.end(), tok, [](const DateExpr& x, std::size_t t) { return x.first < t; });
        while (it != m_dates.begin()) {
            --it;
            if (last && it->first < last_tok) return std::nullopt;
            if (m_headline[it->first] || it->first == m_dateline_tok) continue;
            if (it->kind == DateExpr::Kind::NextDay) {
                if (auto r = resolved.find(it->first); r != resolved.end()) return r->second;
                continue;
            }
            if (it->days) return it->days;
        }
        return std::nullopt;
    };
    for (Event* e : by_text) {
        if (e->next_day) {
            if (auto r = resolved.find(e->next_day_tok); r != resolved.end()) {
                e->date = r->second;
                e->date_level = 1;
            } else if (const auto told = told_before(e->next_day_tok); told || last) {
                // Relative to the last day the text told ("on Thursday attended ... flew to
                // Beijing that night"), else to the last dated event.
                e->date = (told ? *told : *last) + e->next_day_offset;
                e->date_level = 1;
                resolved[e->next_day_tok] = *e->date;
            }
        }
        if (e->date) {
            last = e->date;
            last_tok = e->first;
        }
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

}  // namespace gazetteer::detail
