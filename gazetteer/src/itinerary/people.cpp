// People named in an article, for choosing the traveller and the subject of motion verbs.
//
// A person is a run of capitalised words that the geoparser did not take for a place, cut after
// its last title ("Natural Resources Minister Alexander Kozlov" -> "Alexander Kozlov") and
// dropped when it holds an organisation word ("Korea Research Institute"). A lone capitalised
// word opening a sentence counts only when the article also writes it capitalised mid-sentence
// (the usual test for sentence-initial capitals). Short references fold into the most frequent
// full name that starts or ends with them: "Kim" -> "Kim Jong Un" (family name first) and
// "Putin" -> "Vladimir Putin" alike.

#include "itinerary/itinerary_detail.hpp"

#include "geoparse/lexicon.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace gazetteer::detail {

namespace {

struct Run {
    std::size_t first, last;           // name tokens [first, last)
    std::vector<std::string> words;    // their original spelling
    std::string styled;                // a styled title before the name ("Pope"), or ""
    bool titled = false;               // a title stands before it ("President Xi", "leader Kim")
};

// Facility and force words that end names of things, not people ("Joint Base", "Air Force
// One", "Pacific Fleet", "Istiqlal Mosque"); the geoparser's organisation list lacks some.
bool is_thing_name_word(std::string_view w) {
    static constexpr std::string_view words[] = {"base", "fleet", "force", "forces", "army", "navy", "guard", "command",
                                                 "airport", "station", "stadium", "mosque", "cathedral", "church", "basilica",
                                                 "palace", "hotel", "hall", "square", "one", "airlines", "airways", "house",
                                                 "summit", "cosmodrome", "spaceport", "bridge", "museum", "temple"};
    for (auto x : words) if (w == x) return true;
    return false;
}

std::string join(const std::vector<std::string>& words) {
    std::string s;
    for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
    return s;
}

}  // namespace

People find_people(std::string_view text, const TokenizedText& tt, const std::vector<bool>& blocked) {
    const auto& toks = tt.tokens;
    const std::size_t n = toks.size();
    People people;
    people.person_at.assign(n, -1);

    auto raw = [&](std::size_t i) { return std::string(text.substr(toks[i].begin, toks[i].end - toks[i].begin)); };
    // Regnal numbers ("Charles III", "Benedict XVI") are upper case but no acronym.
    auto roman = [&](std::size_t i) {
        const std::string_view w = text.substr(toks[i].begin, toks[i].end - toks[i].begin);
        return i > 0 && toks[i - 1].is(TokCapitalised) && w.find_first_not_of("IVXL") == std::string_view::npos;
    };
    auto capital_word = [&](std::size_t i) {
        return i < n && !blocked[i] && toks[i].is(TokWord) && toks[i].is(TokCapitalised) && !toks[i].is(TokDigit) &&
               !(toks[i].is(TokAllCaps) && toks[i].end - toks[i].begin <= 4 && !roman(i));
    };

    // Words seen capitalised in mid-sentence anywhere (sentence-initial capitals prove nothing).
    std::set<std::string> mid_capitals;
    for (std::size_t i = 0; i < n; ++i) {
        if (capital_word(i) && !toks[i].is(TokSentenceStart)) mid_capitals.insert(lower_word(text, toks[i]));
    }

    std::vector<Run> runs;
    for (std::size_t i = 0; i < n;) {
        if (!capital_word(i)) { ++i; continue; }
        std::size_t j = i;
        std::vector<std::size_t> idx;
        while (j < n) {
            if (capital_word(j)) { idx.push_back(j); ++j; continue; }
            // "Tong-Hyung": a hyphen between two capitalised words joins them.
            if (toks[j].is(TokPunct) && text.substr(toks[j].begin, 1) == "-" && !toks[j].is(TokSpaceBefore) &&
                capital_word(j + 1) && !toks[j + 1].is(TokSpaceBefore) && !idx.empty()) {
                ++j;
                continue;
            }
            break;
        }
        const std::size_t end = j;
        i = j == i ? i + 1 : j;
        // Cut after the last title word; drop runs naming organisations or calendar days.
        bool org = false;
        std::size_t start = 0;
        std::string styled;
        for (std::size_t k = 0; k < idx.size(); ++k) {
            const std::string w = lower_word(text, toks[idx[k]]);
            if (is_org_cue(w) || is_thing_name_word(w)) org = true;
            if (is_title_word(w) || is_calendar_word(w) || is_function_word(w)) {
                start = k + 1;
                styled = is_styled_title(w) ? raw(idx[k]) : std::string();
            }
        }
        if (org || start >= idx.size()) continue;
        // "(Secretary of) State Antony Blinken": common words opening a longer run are not
        // part of the name.
        while (idx.size() - start >= 3 && is_stop_word(lower_word(text, toks[idx[start]]))) ++start;
        Run r;
        r.first = idx[start];
        r.last = end;
        r.styled = styled;
        r.titled = start > 0 || (r.first > 0 && toks[r.first - 1].is(TokWord) && is_title_word(lower_word(text, toks[r.first - 1])));
        // Hyphenated parts are kept inside one word ("Tong-Hyung").
        std::string word;
        for (std::size_t t = r.first; t < end; ++t) {
            const std::string piece = raw(t);
            if (piece == "-") { word += piece; continue; }
            if (!word.empty() && word.back() != '-') { r.words.push_back(word); word.clear(); }
            word += piece;
        }
        if (!word.empty()) r.words.push_back(word);
        // "Far East", "North West": runs of common words and compass points name no one.
        bool all_common = true;
        for (std::size_t t = r.first; t < end; ++t) {
            const std::string w = lower_word(text, toks[t]);
            const bool region_word = w == "far" || w == "near" || w == "middle" || w == "deep" || w == "high";
            if (w != "-" && !is_stop_word(w) && !is_place_modifier(w) && !region_word) all_common = false;
        }
        if (all_common) continue;
        if (r.words.size() == 1) {
            const std::string w = lower_word(text, toks[r.first]);
            if (toks[r.first].is(TokSentenceStart) && !mid_capitals.count(w) && !is_given_name(w)) continue;
            // Compass points, common nouns and modifiers ("East" of "Far East") are never a
            // one-word person, capitalised or not.
            // Cue and mode words capitalised in running text ("Mass", "Summit") name events.
            if (is_stop_word(w) || is_place_modifier(w) || is_function_word(w) || cue_class(w) || !mode_word(w).empty()) continue;
        }
        runs.push_back(std::move(r));
    }

    // Full names (2+ words) and how often each is written out.
    std::map<std::string, std::size_t> full_count;
    for (const auto& r : runs) if (r.words.size() >= 2) ++full_count[join(r.words)];
    // A short reference folds into the most frequent full name that starts or ends with it.
    auto canonical = [&](const Run& r) -> std::string {
        if (r.words.size() >= 2) return join(r.words);
        std::string best;
        std::size_t best_count = 0;
        for (const auto& [name, count] : full_count) {
            const bool starts = name.compare(0, r.words[0].size() + 1, r.words[0] + " ") == 0;
            const bool ends = name.size() > r.words[0].size() &&
                              name.compare(name.size() - r.words[0].size() - 1, std::string::npos, " " + r.words[0]) == 0;
            if ((starts || ends) && count > best_count) { best = name; best_count = count; }
        }
        return best.empty() ? r.words[0] : best;
    };

    // A lone capitalised word seen once, with no title and no full name to fold into, is more
    // likely a stray proper noun ("Royal" of "Royal Australian Air Force") than a person.
    std::map<std::string, std::size_t> single_count;
    for (const auto& r : runs) if (r.words.size() == 1) ++single_count[r.words[0]];
    std::vector<Run> kept;
    for (auto& r : runs) {
        if (r.words.size() == 1 && !r.titled && single_count[r.words[0]] == 1 && canonical(r) == r.words[0]) continue;
        kept.push_back(std::move(r));
    }
    runs = std::move(kept);

    std::map<std::string, std::size_t> index_of;
    std::map<std::string, std::string> styled_of;
    for (const auto& r : runs) {
        const std::string name = canonical(r);
        auto [it, fresh] = index_of.emplace(name, people.names.size());
        if (fresh) {
            people.names.push_back(name);
            people.counts.push_back(0);
        }
        if (!r.styled.empty()) styled_of[name] = r.styled;
        ++people.counts[it->second];
        people.mentions.push_back({r.first, r.last, it->second});
        for (std::size_t t = r.first; t < r.last; ++t) people.person_at[t] = static_cast<int>(it->second);
    }
    // "Pope Francis", "King Charles": the styled title is part of the display name.
    for (const auto& [name, title] : styled_of) {
        std::string& display = people.names[index_of[name]];
        display = title + " " + display;
    }
    return people;
}

}  // namespace gazetteer::detail
