// Events and roles: a place mention becomes a motion event when a cue governs it (a motion or
// visit verb with its preposition, a gathering, "via", a route verb whose subject is the
// journey); the event learns its subject, hedges, negation, tense, order words and mode.

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

namespace {

// "rode a minibus east to Gao": a direction after a mode noun is travel, not a compound noun.
bool is_compass_word(std::string_view w) {
    return w == "north" || w == "south" || w == "east" || w == "west" || w == "northeast" || w == "northwest" ||
           w == "southeast" || w == "southwest" || w == "north-east" || w == "north-west" || w == "south-east" ||
           w == "south-west";
}

}  // namespace

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
            // ... and so does a named venue of the place ("at Havana's Grand Theater", "in the
            // courtyard of Warsaw's Royal Castle"), unless the name is a person's ("Russia's
            // Vladimir Putin").
            const std::size_t next = e.last + 1;
            bool facility_of = next < toks.size() && toks[next].is(TokWord) && toks[next].is(TokCapitalised) &&
                               m_people.person_at[next] < 0 && !m_in_mention[next] && !is_title_word(m_w[next]);
            for (std::size_t k = next; k < toks.size() && k <= e.last + 3 && !facility_of; ++k) {
                facility_of = is_facility_word(m_w[k]);
                if (!toks[k].is(TokWord)) break;
            }
            if (!facility_of) {
                e.role = MentionRole::Metonymy;
                e.reason = std::string(m_text.substr(toks[e.first].begin, toks[e.last].end - toks[e.first].begin));
                if (next < toks.size()) e.reason += " " + m_w[next];
                return false;
            }
        }
        if (punct_is(e.last, "-") && !toks[e.last].is(TokSpaceBefore)) {
            e.role = MentionRole::Metonymy;
            e.reason = m_w[e.first] + "-" + (e.last + 1 < toks.size() ? m_w[e.last + 1] : std::string());
            return false;
        }
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
    if (glued_name(e.last) && !facility && !toks[e.last].is(TokPossessive)) {
        e.reason = "part of a longer name";
        return false;
    }
    if (e.first > sent_first && glued_name(e.first - 1) && !is_place_filler(m_w[e.first - 1]) &&
        m_people.person_at[e.first - 1] < 0) {
        e.reason = "part of a longer name";
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
            // Capitalised words may be a demonym or a place of their own ("the Chinese border
            // city of Dandong", "the Indian Ocean port of Mombasa"), not another name.
            if (!m_tt.tokens[k].is(TokWord) || (m_tt.tokens[k].is(TokCapitalised) && !m_in_mention[k])) break;
        }
    }
    // ("out of" is a preposition of its own: "flew out of Washington".)
    while (i > sent_first && is_place_filler(m_w[i - 1]) && !(m_w[i - 1] == "of" && i >= 2 && m_w[i - 2] == "out")) --i;
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
    // "got as far as Timbuktu", "travelled with him as far as Gao": reached.
    if (pw == "as" && p >= sent_first + 2 && m_w[p - 1] == "far" && m_w[p - 2] == "as") {
        e.cue_tok = p - 2;
        e.cue = "as far as";
        e.dir = Direction::Arrive;
        return true;
    }
    if (!is_route_preposition(pw)) return false;
    // "In Hanoi, Putin is scheduled to meet ...", "In Fiji he visited a hospital": a fronted
    // place phrase whose clause goes on to a stay or visit verb.
    // So is one after an adverb ("Back in France, unions staged ...").
    const bool fronted = p == sent_first || (p == sent_first + 1 && e.last < toks.size() && m_w[e.last] == ",");
    if ((pw == "in" || pw == "at") && fronted) {
        for (std::size_t k = e.last; k < m_tt.sentences[e.sentence].last && k < e.last + 10; ++k) {
            const unsigned c = cue_class(m_w[k]);
            if ((c & (CueStay | CueGather)) && !cues::kTimeSpanNouns.count(m_w[k])) {
                e.cue_tok = k;
                e.cue = pw + " ... " + m_w[k];
                e.dir = Direction::Stay;
                e.gather = (c & CueGather) != 0;
                e.fronted = true;
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
        // "flew over Mongolia", "sailed across the Atlantic": passed over, no stop.
        if (pw == "over" || pw == "across") {
            for (std::size_t k = p; k-- > sent_first && p - k <= kCueWindow;) {
                if (cue_class(m_w[k]) & (CueArrive | CueDepart)) {
                    e.role = MentionRole::Overflight;
                    e.reason = m_w[k] + " " + pw;
                    return false;
                }
            }
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
        // A time span governs only the place right after it: "two days in Brussels", not "next
        // week's tournament in Dubai".
        if (cues::kTimeSpanNouns.count(w) && k + 1 != p) continue;
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
    // Whatever the traveller does "in" or "at" a place puts them there ("told his audience at
    // Havana's Grand Theater", "spent the night in Anchorage"): a weak stay, kept as a stop only
    // when the traveller is the subject of its clause (filter_events).
    if (pw == "in" || pw == "at") {
        // The doer must stand in the same clause: "..., and in Moscow a spokesman said" is not
        // the deed of the person named before the comma.
        for (std::size_t k = p; k-- > sent_first;) {
            if (m_people.person_at[k] >= 0 || m_w[k] == "he" || m_w[k] == "she") break;
            const std::string& w = m_w[k];
            if (w == "," || w == "and" || w == "but" || w == "that" || w == "which" || w == "who" || is_clause_break(w)) return false;
        }
        e.cue_tok = p;
        e.cue = pw;
        e.dir = Direction::Stay;
        e.weak = true;
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
        // "withdrew from next week's tournament in Dubai", "skipped the summit in Lima".
        if (e.negation.empty() && dist <= 10 && cues::kCancelVerbs.count(w)) e.negation = w;
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
    // "soldiers he had met a day earlier in Bakhmut": the past perfect tells what came before.
    for (std::size_t k = e.cue_tok; k-- > first && e.cue_tok - k <= 4;) {
        if (m_w[k] == "had" && !(k + 1 < m_w.size() && m_w[k + 1] == "been")) e.pluperfect = true;
        if (is_clause_break(m_w[k]) || m_w[k] == ",") break;
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
        for (std::size_t k = first + 1; k < e.cue_tok && k <= first + 4; ++k) {
            if (!m_tt.tokens[k].is(TokWord)) break;
            if (cues::kCompanionNouns.count(m_w[k])) {
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
            // "a meeting in California on Wednesday between Tsai Ing-wen and Kevin McCarthy": the
            // gathering is theirs.
            if (w == "between" && e.gather) {
                for (std::size_t j = k + 1; j < last && j <= k + 6; ++j) {
                    if (m_people.person_at[j] >= 0) {
                        e.subject = m_people.person_at[j];
                        e.coordinated.clear();
                        for (std::size_t t = j + 1; t < last && t <= j + 10; ++t) {
                            const int q = m_people.person_at[t];
                            if (q >= 0 && q != e.subject && std::find(e.coordinated.begin(), e.coordinated.end(), q) == e.coordinated.end())
                                e.coordinated.push_back(q);
                        }
                        break;
                    }
                }
                break;
            }
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
    // The agency of a dateline, "(AP) —", "(Sample Wire) —", is no person.
    for (std::size_t i = 0; i + 1 < toks.size(); ++i) {
        if (m_w[i] != ")") continue;
        const std::string& next = m_w[i + 1];
        if (next != "\xe2\x80\x94" && next != "\xe2\x80\x93" && next != "-" && next != "--") continue;
        for (std::size_t k = i; k-- > 0 && i - k <= 6;) {
            if (m_w[k] == "(") {
                for (std::size_t j = k; j <= i; ++j) blocked[j] = true;
                break;
            }
        }
    }
    m_people = find_people(m_text, m_tt, blocked);
    // Tokens inside quotation marks (straight quotes toggle; curly ones open and close).
    std::vector<bool> in_quote(toks.size(), false);
    {
        bool open = false;
        for (std::size_t i = 0; i < toks.size(); ++i) {
            const std::string& w = m_w[i];
            if (i > 0 && m_paragraph[i] != m_paragraph[i - 1]) open = false;  // quotes close with their paragraph
            if (w == "\"") open = !open;
            else if (w == "\xe2\x80\x9c") open = true;
            else if (w == "\xe2\x80\x9d") open = false;
            in_quote[i] = open;
        }
    }

    for (std::size_t mi = 0; mi < m_parsed.mentions.size(); ++mi) {
        const Mention& m = m_parsed.mentions[mi];
        const auto [a, b] = spans[mi];
        if (a >= toks.size() || a >= b) continue;
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
        Event e;
        e.mention = mi;
        e.place = m.place ? *m.place : stand_in->place;
        // Travellers go to cities: where a name is both a province and its city (Beijing,
        // Shanghai, Tokyo), the city candidate stands for the stop.
        if (e.place.feature_class == 'A' && !is_country(e.place)) {
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
        if (m.kind == MentionKind::Demonym) continue;  // an adjective ("Chinese"), no place mention
        if (m_headline[a]) {
            note_place(e, MentionRole::Topic, "in the headline");
            continue;
        }
        if (!m_dateline && is_dateline(a)) m_dateline = e;
        if (in_quote[a]) {
            // Quoted speech is not the narrative: "I have come here to ..." moves nobody.
            note_place(e, MentionRole::Topic, "in a quotation");
            continue;
        }
        if (m.kind == MentionKind::Metonymy) {
            note_place(e, MentionRole::Metonymy, "the place stands for its government or people");
            continue;
        }
        auto no_event = [&] {
            if (e.role == MentionRole::Metonymy) note_place(e, e.role, "a modifier of another noun ('" + e.reason + "')");
            else if (e.role == MentionRole::Overflight) note_place(e, e.role, "passed over ('" + e.reason + "')");
            else note_place(e, MentionRole::Topic, e.reason.empty() ? "no motion governs it" : e.reason);
        };
        if (!governing_cue(e)) {
            // "will also take him to Seoul and Tokyo", "visited Fiji, Samoa and Tonga": a place
            // coordinated with the previous event's place shares its cue.
            if (m_events.empty() || m_events.back().sentence != e.sentence) {
                no_event();
                continue;
            }
            const Event& prev = m_events.back();
            std::size_t k = e.first;
            bool joined = false;
            while (k > prev.last && (m_w[k - 1] == "and" || m_w[k - 1] == "," || m_w[k - 1] == "then")) {
                --k;
                joined = true;
            }
            if (!joined || k != prev.last || (e.last < toks.size() && toks[e.last].is(TokPossessive))) {
                no_event();
                continue;
            }
            e.dir = prev.dir;
            e.cue = prev.cue;
            e.cue_tok = prev.cue_tok;
            e.gather = prev.gather;
            e.ret = prev.ret;
            e.weak = prev.weak;
        }
        if (!m.place) {
            m_notes.push_back(m.text + ": the geoparser abstained; its candidate of that name, " + e.place.name +
                              (e.place.country.empty() ? "" : " (" + e.place.country + ")") + ", is used for the stop");
        }
        annotate(e);
        m_events.push_back(std::move(e));
    }
    // "reached the Polish capital", "a stay in the Chinese capital": the capital of the country a
    // demonym names, when the article names that capital elsewhere.
    std::vector<std::size_t> demonym_at(toks.size(), kNone);  // token -> demonym mention
    for (std::size_t mi = 0; mi < m_parsed.mentions.size(); ++mi) {
        const Mention& m = m_parsed.mentions[mi];
        if (m.kind != MentionKind::Demonym || !m.place) continue;
        for (std::size_t t = spans[mi].first; t < spans[mi].second && t < toks.size(); ++t) demonym_at[t] = mi;
    }
    std::map<std::string, std::size_t> capital_of;  // country -> the first mention of its capital
    for (std::size_t mi = 0; mi < m_parsed.mentions.size(); ++mi) {
        const Mention& m = m_parsed.mentions[mi];
        if (m.kind == MentionKind::Literal && m.place && m.place->feature_code == "PPLC") capital_of.emplace(m.place->country, mi);
    }
    for (std::size_t k = 1; k + 1 < toks.size(); ++k) {
        if (m_w[k] != "capital" || demonym_at[k - 1] == kNone || m_headline[k] || in_quote[k]) continue;
        const Mention& demonym = m_parsed.mentions[demonym_at[k - 1]];
        const auto found = capital_of.find(demonym.place->country);
        if (found == capital_of.end()) continue;
        const std::size_t capital = found->second;
        Event e;
        e.mention = capital;
        e.place = *m_parsed.mentions[capital].place;
        e.first = spans[demonym_at[k - 1]].first;
        e.last = k + 1;
        e.sentence = m_tt.sentence_of[k];
        e.cp_start = m_tt.tokens[e.first].cp_begin;
        e.cp_end = m_tt.tokens[k].cp_end;
        const Sentence& sent = m_tt.sentences[e.sentence];
        e.snippet = std::string(m_text.substr(sent.begin, sent.end - sent.begin));
        e.snippet_start = sent.cp_begin;
        if (!governing_cue(e) || e.weak) continue;
        annotate(e);
        m_events.push_back(std::move(e));
    }
    std::stable_sort(m_events.begin(), m_events.end(), [](const Event& x, const Event& y) { return x.first < y.first; });
    // "Biden flew there from Washington": "there" after a motion verb is the place of the motion
    // told just before it.
    for (std::size_t k = 1; k < toks.size(); ++k) {
        if (m_w[k] != "there" || m_headline[k] || in_quote[k] || !(cue_class(m_w[k - 1]) & CueArrive)) continue;
        // (m_events is in text order here: the antecedent is the last event before "there".)
        const Event* antecedent = nullptr;
        auto it = std::lower_bound(m_events.begin(), m_events.end(), k, [](const Event& x, std::size_t t) { return x.first < t; });
        while (it != m_events.begin()) {
            --it;
            if (m_tt.sentence_of[k] - it->sentence > 1) break;
            if (it->mention != kNone) {
                antecedent = &*it;
                break;
            }
        }
        if (!antecedent) continue;
        Event e = *antecedent;
        e.first = k;
        e.last = k + 1;
        e.cue_tok = k - 1;
        e.sentence = m_tt.sentence_of[k];
        e.dir = Direction::Arrive;
        e.cue = m_w[k - 1] + " there";
        e.weak = e.fronted = e.ret = e.home = e.gather = false;
        e.hedge.clear();
        e.negation.clear();
        e.background.clear();
        e.cp_start = m_tt.tokens[k].cp_begin;
        e.cp_end = m_tt.tokens[k].cp_end;
        const Sentence& s = m_tt.sentences[e.sentence];
        e.snippet = std::string(m_text.substr(s.begin, s.end - s.begin));
        e.snippet_start = s.cp_begin;
        annotate(e);
        m_events.push_back(std::move(e));
    }
    std::stable_sort(m_events.begin(), m_events.end(), [](const Event& x, const Event& y) { return x.first < y.first; });
}

void Extractor::assign_modes() {
    const auto& toks = m_tt.tokens;
    std::vector<std::vector<std::size_t>> events_in(m_tt.sentences.size());
    for (std::size_t k = 0; k < m_events.size(); ++k) events_in[m_events[k].sentence].push_back(k);
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (m_headline[i] || m_in_mention[i] || !toks[i].is(TokWord)) continue;
        const std::string_view mode = mode_word(m_w[i]);
        if (mode.empty()) continue;
        // A mode noun modifying another noun is no travel: "a car factory", "a train station".
        if (i + 1 < toks.size() && toks[i + 1].is(TokWord) && !toks[i + 1].is(TokCapitalised) &&
            !is_function_word(m_w[i + 1]) && !is_route_preposition(m_w[i + 1]) && m_w[i + 1] != "back" && m_w[i + 1] != "home" &&
            m_w[i + 1] != "out" && m_w[i + 1] != "across" && m_w[i + 1] != "over" && !is_compass_word(m_w[i + 1]) &&
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
        for (std::size_t k : events_in[s]) {
            Event& e = m_events[k];
            std::size_t dist = i < e.first ? e.first - i : (i >= e.last ? i - e.last + 1 : 0);
            const std::size_t cue_dist = i < e.cue_tok ? e.cue_tok - i : i - e.cue_tok;
            dist = std::min(dist, cue_dist);
            if (dist < best_dist) { best = &e; best_dist = dist; }
        }
        if (best && best->mode.empty()) best->mode = std::string(mode);
    }
}

}  // namespace gazetteer::detail
