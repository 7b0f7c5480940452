// Resolving a name that must denote one place (route stops): the ambiguity rule and the fixes
// it suggests, each checked before it is suggested.

#include <gazetteer/error.hpp>
#include <gazetteer/lookup.hpp>
#include <gazetteer/text.hpp>

#include <algorithm>
#include <cctype>

namespace gazetteer {

namespace {

// A runner-up scoring at least kCloseScore of the best score rivals it. Scores are comparable
// within one result list (lookup.hpp), so a ratio is used rather than an absolute margin.
constexpr double kCloseScore = 0.9;
// Candidates closer than this are the same stop for a route (a city, its district and its
// airport share a name); farther away a wrong pick visibly changes the route.
constexpr double kSamePlaceKm = 50;
// Candidates looked at: enough for the rivals of a common name.
constexpr std::size_t kCandidates = 10;

bool is_division(const Place& p) { return p.feature_class == 'A' && p.feature_code == "ADM1"; }

// True when populated place `p` lies in first-level division `d`.
bool inside(const Place& p, const Place& d) {
    return p.feature_class == 'P' && !d.admin1_code.empty() && p.country == d.country && p.admin1_code == d.admin1_code;
}

// The candidates with each division that holds a populated candidate folded into it: the place
// takes the better of the two ranks.
std::vector<Candidate> fold_divisions(std::vector<Candidate> found) {
    std::vector<Candidate> out;
    std::vector<bool> dropped(found.size(), false);
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (!is_division(found[i].place)) continue;
        for (std::size_t j = 0; j < found.size(); ++j) {
            if (j == i || dropped[j] || !inside(found[j].place, found[i].place)) continue;
            dropped[i] = true;
            if (found[i].score > found[j].score) {
                found[j].score = found[i].score;
                found[j].reasons.push_back("stands for the division '" + found[i].place.name + "' around it");
            }
            break;
        }
    }
    for (std::size_t i = 0; i < found.size(); ++i)
        if (!dropped[i]) out.push_back(std::move(found[i]));
    std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    return out;
}

UniqueResolution resolve(const Index& index, std::string_view text, bool with_fixes) {
    std::string name(trim_space(text));
    LookupOptions options;
    options.limit = kCandidates;
    const std::size_t at = name.rfind('@');
    if (at != std::string::npos) {
        std::string country(trim_space(std::string_view(name).substr(at + 1)));
        name = std::string(trim_space(std::string_view(name).substr(0, at)));
        const bool two_letters = country.size() == 2 && std::all_of(country.begin(), country.end(), [](unsigned char c) {
                                     return std::isalpha(c);
                                 });
        if (!two_letters || name.empty())
            throw UsageError("'" + std::string(text) +
                             "': a country hint is NAME@CC with an ISO 3166-1 alpha-2 code, e.g. Khasan@RU");
        std::transform(country.begin(), country.end(), country.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        options.countries = {country};
    }
    UniqueResolution r;
    r.name = name;
    if (!options.countries.empty()) r.country_hint = options.countries.front();
    std::vector<Candidate> found = fold_divisions(lookup(index, name, options));
    if (found.empty()) return r;
    const Candidate& best = found.front();
    r.candidates.push_back(best);
    for (std::size_t i = 1; i < found.size(); ++i) {
        const Candidate& c = found[i];
        if (c.score >= kCloseScore * best.score &&
            haversine_km(best.place.lat, best.place.lon, c.place.lat, c.place.lon) > kSamePlaceKm)
            r.candidates.push_back(c);
    }
    r.ambiguous = r.candidates.size() > 1;
    if (!r.ambiguous || !with_fixes) return r;

    // Rewrites naming the best candidate more narrowly; only those that resolve to it are kept.
    // The qualifier is the text before any country hint: "Name, Division" already names the country.
    std::vector<std::string> tries;
    if (!best.place.country.empty() && options.countries.empty()) tries.push_back(name + "@" + best.place.country);
    if (!best.place.admin1_name.empty()) tries.push_back(name + ", " + best.place.admin1_name);
    if (auto cp = index.country_place(best.place.country)) tries.push_back(name + ", " + std::string(index.place_name(*cp)));
    for (const auto& t : tries) {
        if (std::find(r.fixes.begin(), r.fixes.end(), t) != r.fixes.end()) continue;
        UniqueResolution check = resolve(index, t, false);
        if (!check.ambiguous && !check.candidates.empty() && check.candidates.front().place.id == best.place.id)
            r.fixes.push_back(t);
    }
    return r;
}

}  // namespace

UniqueResolution resolve_unique(const Index& index, std::string_view text) { return resolve(index, text, true); }

}  // namespace gazetteer
