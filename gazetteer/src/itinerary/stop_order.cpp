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

    // Narrative date of an undated stop: the date of the story at its first mention, that is of
    // the last date the text states before it ("... held talks on Thursday. Lavrov's plane landed
    // at Massawa" is Thursday's), or of the last dated stop before it.
    std::vector<long> narrative(n, LONG_MIN);
    for (std::size_t a = 0; a < n; ++a) {
        if (G(a).date) { narrative[a] = *G(a).date; continue; }
        const std::size_t first_tok = kept[G(a).events.front()].first;
        for (const auto& e : kept) if (e.first < first_tok && e.date) narrative[a] = *e.date;
        if (narrative[a] != LONG_MIN) continue;
        for (const auto& d : m_dates) {
            if (d.first >= first_tok) break;
            if (d.days && !m_headline[d.first] && d.first != m_dateline_tok) narrative[a] = *d.days;
        }
    }
    // Among free stops the earliest narrative date, then text order.
    out.order = graph.order([&](std::size_t a, std::size_t b) {
        return narrative[a] < narrative[b] || (narrative[a] == narrative[b] && G(a).pos < G(b).pos);
    });

    return out;
}

}  // namespace gazetteer::detail
