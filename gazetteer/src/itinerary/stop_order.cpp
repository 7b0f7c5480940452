// Ordering of the stops: precedence constraints added strongest first (dates, then roles and
// order cues: the origin first, "then", "after the summit", "Before that,", "the tour ends in",
// planned visits after done ones, the way home last), free stops by narrative date, then text.

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

StopOrder Extractor::order_stops(const std::vector<Event>& kept, std::vector<StopGroup>& groups) const {
    StopOrder out;
    std::vector<std::size_t>& live = out.live;
    for (std::size_t g = 0; g < groups.size(); ++g) if (!groups[g].dropped) live.push_back(g);
    const std::size_t n = live.size();

    // Ordering constraints, strongest first; one that contradicts stronger ones is dropped.
    PrecedenceGraph graph(n);
    std::vector<bool>& cue_placed = out.cue_placed;
    cue_placed.assign(n, false);
    auto add_edge = [&](std::size_t a, std::size_t b, bool is_cue) {
        if (graph.add(a, b) && is_cue) cue_placed[a] = cue_placed[b] = true;
    };
    auto G = [&](std::size_t i) -> StopGroup& { return groups[live[i]]; };
    for (std::size_t a = 0; a < n; ++a) if (G(a).date) ++out.dated;
    // 1. dates: each day's stops before the next day's (the rest follows by transitivity, which
    // keeps the number of constraints linear in the stops for long texts).
    {
        std::vector<std::size_t> dated_groups;
        for (std::size_t a = 0; a < n; ++a) if (G(a).date) dated_groups.push_back(a);
        std::stable_sort(dated_groups.begin(), dated_groups.end(), [&](std::size_t a, std::size_t b) { return *G(a).date < *G(b).date; });
        std::size_t day_start = 0;  // first of the current day's run in dated_groups
        std::size_t prev_start = 0, prev_end = 0;
        while (day_start < dated_groups.size()) {
            std::size_t day_end = day_start;
            while (day_end < dated_groups.size() && *G(dated_groups[day_end]).date == *G(dated_groups[day_start]).date) ++day_end;
            for (std::size_t i = prev_start; i < prev_end; ++i)
                for (std::size_t j = day_start; j < day_end; ++j) add_edge(dated_groups[i], dated_groups[j], false);
            prev_start = day_start;
            prev_end = day_end;
            day_start = day_end;
        }
    }
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
    std::vector<std::size_t> group_of(kept.size(), kNone);
    for (std::size_t i = 0; i < n; ++i) for (std::size_t k : G(i).events) group_of[k] = i;
    auto group_of_event = [&](std::size_t k) { return group_of[k]; };
    std::map<std::size_t, std::vector<std::size_t>> kept_in;  // sentence -> kept events
    for (std::size_t k = 0; k < kept.size(); ++k) kept_in[kept[k].sentence].push_back(k);
    std::vector<std::size_t> gathering_groups;  // groups of gatherings held, for "after the summit"
    for (std::size_t k = 0; k < kept.size(); ++k)
        if (kept[k].gather && !kept[k].planned && group_of[k] != kNone) gathering_groups.push_back(group_of[k]);
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const Event& e = kept[k];
        const std::size_t me = group_of_event(k);
        if (me == kNone) continue;
        if (e.after_gathering) {
            for (std::size_t g : gathering_groups) add_edge(g, me, true);
        }
        for (std::size_t k2 : kept_in[e.sentence]) {
            if (k2 == k) continue;
            const std::size_t other = group_of_event(k2);
            if (other == kNone || other == me) continue;
            const bool other_first = kept[k2].first < e.first;
            if (e.then_cue && other_first) add_edge(other, me, true);
            // "landed at Massawa, and he was taken by helicopter to Asmara": motions of one
            // sentence joined by "and" or "then" follow each other.
            if (other_first && kept[k2].cue_tok != e.cue_tok && kept[k2].dir != Direction::Depart &&
                e.dir != Direction::Depart && !kept[k2].weak && !e.weak) {
                for (std::size_t t = kept[k2].last; t < e.first && t < m_w.size(); ++t) {
                    if (m_w[t] == "and" || m_w[t] == "then") {
                        add_edge(other, me, true);
                        break;
                    }
                }
            }
            // "flew to Anchorage from Hanoi", "flew into Pyongyang from Yakutsk": one motion,
            // its source before its goal.
            if (kept[k2].dir == Direction::Depart && e.dir != Direction::Depart && kept[k2].cue_tok == e.cue_tok)
                add_edge(other, me, true);
            if (e.before_word && other_first) add_edge(other, me, true);   // "..., before flying to B"
            if (e.before_word && !other_first) add_edge(me, other, true);  // "Before flying to B, ... A"? B later
            if (e.after_word && !other_first) add_edge(me, other, true);   // "after crossing at A, ... B"
            if (e.after_word && other_first) add_edge(me, other, true);    // "arrived in B, after a stopover in A"
        }
    }
    // "had met ... in Bakhmut" (the past perfect), like "Before that, ...": the sentence's stops
    // precede those of the nearest sentence before it with stops.
    // "Before that, ...": the sentence's stops precede those of the nearest sentence before it
    // that has stops.
    for (std::size_t k = 0; k < kept.size(); ++k) {
        if (!kept[k].before_that && !kept[k].pluperfect) continue;
        const std::size_t me = group_of_event(k);
        if (me == kNone) continue;
        auto prev = kept_in.lower_bound(kept[k].sentence);
        if (prev == kept_in.begin()) continue;
        --prev;
        for (std::size_t k2 : prev->second) {
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

    // Narrative date of an undated stop: the date of the story at its first mention, that is of
    // the last date the text states before it ("... held talks on Thursday. Lavrov's plane landed
    // at Massawa" is Thursday's), or of the last dated stop before it.
    // (Both are looked up by binary search over the dated events and dates in text order.)
    std::vector<std::pair<std::size_t, long>> dated_events, told_dates;
    for (const auto& e : kept) if (e.date) dated_events.emplace_back(e.first, *e.date);
    std::sort(dated_events.begin(), dated_events.end());
    for (const auto& d : m_dates)
        if (d.days && !m_headline[d.first] && d.first != m_dateline_tok) told_dates.emplace_back(d.first, *d.days);
    auto last_before = [](const std::vector<std::pair<std::size_t, long>>& v, std::size_t tok) -> long {
        auto it = std::lower_bound(v.begin(), v.end(), std::make_pair(tok, LONG_MIN));
        return it == v.begin() ? LONG_MIN : (it - 1)->second;
    };
    std::vector<long> narrative(n, LONG_MIN);
    for (std::size_t a = 0; a < n; ++a) {
        if (G(a).date) { narrative[a] = *G(a).date; continue; }
        const std::size_t first_tok = kept[G(a).events.front()].first;
        narrative[a] = last_before(dated_events, first_tok);
        if (narrative[a] == LONG_MIN) narrative[a] = last_before(told_dates, first_tok);
    }
    // Among free stops the earliest narrative date, then text order.
    out.order = graph.order([&](std::size_t a, std::size_t b) {
        return narrative[a] < narrative[b] || (narrative[a] == narrative[b] && G(a).pos < G(b).pos);
    });

    return out;
}

}  // namespace gazetteer::detail
