// Forward, prefix and reverse look-ups, and the ranking they share.
//
// A candidate's score mixes how well the name matched (exact primary name > alternate name >
// abbreviation > demonym > typo; whole-name look-ups apply the own-name rule, see kOwnNameLead)
// with the place's prior importance (population, capitals, countries, divisions), then, when the caller gives a point to be near, with the distance to it.
// Every term that moved the score is named in the candidate's reasons.

#include "index/format.hpp"
#include "rank/match_quality.hpp"

#include <gazetteer/detail/index_keys.hpp>
#include <gazetteer/detail/normalize.hpp>
#include <gazetteer/detail/rank.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/lookup.hpp>
#include <gazetteer/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <queue>
#include <set>

namespace gazetteer {

using detail::normalize_key;
using detail::PostingList;

bool BBox::contains(double lat, double lon) const noexcept {
    if (lat < south || lat > north) return false;
    if (west <= east) return lon >= west && lon <= east;
    return lon >= west || lon <= east;  // crosses the antimeridian
}

namespace {

using detail::kImportanceWeight;
using detail::kMatchWeight;
using detail::match_quality;
using detail::typo_factor;

// The own-name rule of whole-name look-ups. A place that the query reaches only through an
// alternate name (most are other languages' names or transliterations; GeoNames' cities dump
// does not say which) ranks below a place whose own name (primary or ASCII name) matches, unless
// it is far more prominent: more than kOwnNameLead of importance above it, that is two and a half
// orders of magnitude of population (importance is log10(population) / 7.5), or a capital or
// country against a town. So "Khasan" means the Russian village named Khasan, not Hassan
// (India, 165 times its population, "Khasan" in its Russian spelling), while "Roma" still means
// Rome (Italy) before Roma (Romania) and "Londres" London. Abbreviations and demonyms keep their
// distance below alternate names. Type-ahead (search_prefix) keeps match_quality: a completion
// is ranked by the index builder.
constexpr double kOwnNameLead = 1.0 / 3.0;

double whole_name_quality(MatchKind kind, unsigned edit_distance) {
    // An alternate-name match scores kOwnNameLead * kImportanceWeight below an own-name one.
    constexpr double alt = 1.0 - kOwnNameLead * kImportanceWeight / kMatchWeight;
    double q = 1.0;
    switch (kind) {
        case MatchKind::Name:
        case MatchKind::AsciiName: q = 1.0; break;
        case MatchKind::AltName: q = alt; break;
        case MatchKind::Abbreviation: q = alt - 0.12; break;  // the steps of match_quality
        case MatchKind::Demonym: q = alt - 0.32; break;
    }
    return q * typo_factor(edit_distance);
}

struct Scored {
    std::uint32_t place;
    MatchKind kind;
    unsigned dist;
    const std::string* key;  ///< the matched key, or null: then key_id names it in the index
    std::uint32_t key_id;
    double score;
    double km;
};

bool passes(const Index& idx, std::uint32_t p, const LookupOptions& o) {
    if (!o.countries.empty()) {
        auto c = idx.place_country(p);
        if (std::find(o.countries.begin(), o.countries.end(), c) == o.countries.end()) return false;
    }
    if (!o.feature_classes.empty() && o.feature_classes.find(idx.place_feature_class(p)) == std::string::npos) return false;
    if (o.bbox && !o.bbox->contains(idx.place_lat(p), idx.place_lon(p))) return false;
    return true;
}

void validate(const LookupOptions& o) {
    for (const auto& c : o.countries)
        if (c.size() != 2 || !std::isupper(static_cast<unsigned char>(c[0])) || !std::isupper(static_cast<unsigned char>(c[1])))
            throw UsageError("country '" + c + "' is not an ISO 3166-1 alpha-2 code (e.g. RU)");
    if (o.near && (std::fabs(o.near->first) > 90 || std::fabs(o.near->second) > 180))
        throw UsageError("near point out of range: latitude within [-90, 90], longitude within [-180, 180]");
    if (o.bbox && (o.bbox->south > o.bbox->north || std::fabs(o.bbox->south) > 90 || std::fabs(o.bbox->north) > 90 ||
                   std::fabs(o.bbox->west) > 180 || std::fabs(o.bbox->east) > 180))
        throw UsageError("bbox must be west,south,east,north in degrees with south <= north");
    if (o.max_edit_distance > 2) throw UsageError("max edit distance must be 0, 1 or 2");
    if (o.near_scale_km <= 0) throw UsageError("near scale must be positive");
}

// Which name quality a score uses: whole-name look-ups apply the own-name rule, type-ahead the
// quality its stored completions were ranked by.
enum class Ranking { WholeName, Completion };

double score_of(const Index& idx, std::uint32_t p, MatchKind kind, unsigned dist, const LookupOptions& o,
                Ranking ranking, double& km) {
    const double q = ranking == Ranking::WholeName ? whole_name_quality(kind, dist) : match_quality(kind, dist);
    double s = kMatchWeight * q + kImportanceWeight * idx.place_importance(p);
    km = -1;
    if (o.near) {
        km = haversine_km(o.near->first, o.near->second, idx.place_lat(p), idx.place_lon(p));
        double nb = std::exp2(-km / o.near_scale_km);
        s = 0.5 * s + 0.5 * q * nb;
    }
    return s;
}

Candidate make_candidate(const Index& idx, const Scored& s, const LookupOptions& o) {
    Candidate c;
    c.place = idx.place(s.place);
    c.score = std::round(s.score * 10000) / 10000;
    c.match = s.kind;
    c.matched_name = s.key ? *s.key : detail::key(idx, s.key_id);
    c.edit_distance = s.dist;
    c.distance_km = s.km >= 0 ? std::round(s.km * 1000) / 1000 : -1;
    c.reasons.reserve(6);
    switch (s.kind) {
        case MatchKind::Name: c.reasons.push_back(s.dist ? "name" : "exact name"); break;
        case MatchKind::AsciiName: c.reasons.push_back(s.dist ? "ASCII name" : "exact ASCII name"); break;
        case MatchKind::AltName: c.reasons.push_back("alternate name"); break;
        case MatchKind::Abbreviation: c.reasons.push_back("abbreviation or code"); break;
        case MatchKind::Demonym: c.reasons.push_back("demonym"); break;
    }
    if (s.dist) c.reasons.push_back(fmt::format("typo match '{}' (edit distance {})", c.matched_name, s.dist));
    const auto& fc = c.place.feature_code;
    if (fc == "PPLC") c.reasons.push_back("capital");
    else if (fc == "PPLA") c.reasons.push_back("first-level division seat");
    else if (is_country_feature_code(fc)) c.reasons.push_back("country");
    else if (fc == "ADM1") c.reasons.push_back("first-level division");
    if (c.place.population) c.reasons.push_back(fmt::format("population {}", c.place.population));
    if (!o.countries.empty()) c.reasons.push_back("country filter " + c.place.country);
    if (s.km >= 0) c.reasons.push_back(fmt::format("{:.0f} km from the given point", s.km));
    return c;
}

std::vector<Candidate> finish(const Index& idx, std::vector<Scored>& all, const LookupOptions& o) {
    // One entry per place, its best score.
    std::sort(all.begin(), all.end(), [](const Scored& a, const Scored& b) {
        if (a.place != b.place) return a.place < b.place;
        return a.score > b.score;
    });
    all.erase(std::unique(all.begin(), all.end(), [](const Scored& a, const Scored& b) { return a.place == b.place; }), all.end());
    std::sort(all.begin(), all.end(), [](const Scored& a, const Scored& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.place < b.place;
    });
    std::vector<Candidate> out;
    out.reserve(std::min(all.size(), o.limit));
    for (std::size_t i = 0; i < all.size() && out.size() < o.limit; ++i) out.push_back(make_candidate(idx, all[i], o));
    return out;
}

// A set of place indices without an allocation per insert (open addressing; the hot loops add
// a place per posting read).
class PlaceSet {
public:
    /// False when the place was in the set already.
    bool insert(std::uint32_t p) {
        if ((m_size + 1) * 2 > m_slots.size()) grow();
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = (p * 0x9E3779B1u) & mask;; i = (i + 1) & mask) {
            if (m_slots[i] == kEmpty) {
                m_slots[i] = p;
                ++m_size;
                return true;
            }
            if (m_slots[i] == p) return false;
        }
    }

private:
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
    void grow() {
        std::vector<std::uint32_t> old(std::max<std::size_t>(32, m_slots.size() * 2), kEmpty);
        old.swap(m_slots);
        m_size = 0;
        for (auto p : old)
            if (p != kEmpty) insert(p);
    }
    std::vector<std::uint32_t> m_slots;
    std::size_t m_size = 0;
};

// The best `limit` scores seen so far, one per place: lets a posting list be cut as soon as no
// later entry can enter the result (Fagin's threshold algorithm over importance-ordered lists),
// and keeps entries that cannot enter it out of the result list.
class TopScores {
public:
    explicit TopScores(std::size_t limit) : m_limit(std::max<std::size_t>(1, limit)) {}
    void add(std::uint32_t place, double score) {
        if (!m_places.insert(place)) return;  // a place counts once, at its first score
        m_heap.push(score);
        if (m_heap.size() > m_limit) m_heap.pop();
    }
    /// True when `bound` cannot beat the current k-th best.
    bool closed_to(double bound) const { return m_heap.size() >= m_limit && m_heap.top() >= bound; }
    /// False when a score cannot enter the result (ties may, on the place order).
    bool can_enter(double score) const { return m_heap.size() < m_limit || score >= m_heap.top(); }

private:
    std::size_t m_limit;
    std::priority_queue<double, std::vector<double>, std::greater<>> m_heap;
    PlaceSet m_places;
};

// Scores the posting list of `key` into `out`. Every score is multiplied by `factor`
// (completions: how much of the key is still missing).
void collect_list(const Index& idx, PostingList list, const std::string* key, unsigned dist, double factor,
                  const LookupOptions& o, Ranking ranking, std::vector<Scored>& out, TopScores& top) {
    // Lists are in descending importance and no entry scores above a primary-name match of its
    // importance, so once the k-th best beats that bound the rest of the list cannot enter the
    // result. A `near` point breaks the bound (a small place close by can win): whole lists then.
    const double best_match = kMatchWeight * match_quality(MatchKind::Name, dist);
    for (auto post : list) {
        if (!o.near && top.closed_to((best_match + kImportanceWeight * idx.place_importance(post.place)) * factor)) break;
        if (!passes(idx, post.place, o)) continue;
        double km;
        double s = score_of(idx, post.place, post.kind, dist, o, ranking, km) * factor;
        if (!top.can_enter(s)) continue;
        out.push_back({post.place, post.kind, dist, key, 0, s, km});
        top.add(post.place, s);
    }
}

// The scored entries of a name and the keys they point to (a deque: the entries hold pointers).
struct Found {
    std::vector<Scored> all;
    std::deque<std::string> keys;
};

Found candidates_for(const Index& idx, const std::string& key, const LookupOptions& o) {
    Found f;
    TopScores top(o.limit);
    f.keys.push_back(key);
    collect_list(idx, detail::postings(idx, key), &f.keys.back(), 0, 1.0, o, Ranking::WholeName, f.all, top);
    // Typo matches only when no place carries the name exactly: a user who types the exact name
    // of a village ("Khasan") means the village, not a city one letter away ("Kasan" = Kazan).
    // The nearest typos first: distance 2 only when nothing lies at distance 1.
    if (o.fuzzy && o.max_edit_distance > 0 && key.size() >= 5 && f.all.empty()) {
        unsigned maxd = key.size() >= 9 ? o.max_edit_distance : 1;
        for (unsigned d = 1; d <= maxd && f.all.empty(); ++d) {
            for (auto& [k, dist] : detail::fuzzy_keys(idx, key, d)) {
                if (dist < d) continue;  // the exact key (filtered out) or one tried at distance 1
                f.keys.push_back(k);
                collect_list(idx, detail::postings(idx, k), &f.keys.back(), dist, 1.0, o, Ranking::WholeName, f.all, top);
            }
        }
    }
    return f;
}

}  // namespace

std::vector<Candidate> lookup(const Index& idx, std::string_view query, const LookupOptions& o) {
    validate(o);
    std::string key = normalize_key(query);
    if (key.empty()) return {};
    Found found = candidates_for(idx, key, o);
    auto& all = found.all;

    // "Name, Qualifier": keep the name's candidates that lie in the qualifier's country or division.
    auto comma = query.rfind(',');
    if (comma != std::string_view::npos) {
        std::string name_key = normalize_key(query.substr(0, comma));
        std::string qual_key = normalize_key(query.substr(comma + 1));
        if (!name_key.empty() && !qual_key.empty()) {
            std::set<std::string> countries;
            std::set<std::pair<std::string, std::string>> divisions;
            for (auto post : detail::postings(idx, qual_key)) {
                char fc = idx.place_feature_class(post.place);
                auto code = idx.place_feature_code(post.place);
                if (fc != 'A') continue;
                if (is_country_feature_code(code)) countries.insert(std::string(idx.place_country(post.place)));
                else if (code == "ADM1")
                    divisions.insert({std::string(idx.place_country(post.place)), std::string(idx.place_admin1_code(post.place))});
            }
            if (!countries.empty() || !divisions.empty()) {
                LookupOptions o2 = o;
                o2.limit = std::max<std::size_t>(o.limit, 1000);  // the qualifier filters afterwards
                Found named = candidates_for(idx, name_key, o2);
                std::vector<Scored> kept;
                for (auto& s : named.all) {
                    std::string c(idx.place_country(s.place));
                    std::string a(idx.place_admin1_code(s.place));
                    if (countries.count(c) || divisions.count({c, a})) {
                        s.score = std::min(1.0, s.score + 0.1);
                        kept.push_back(s);
                    }
                }
                if (!kept.empty()) {
                    auto out = finish(idx, kept, o);
                    for (auto& c : out) c.reasons.push_back("in '" + std::string(trim_space(query.substr(comma + 1))) + "'");
                    return out;
                }
            }
        }
    }
    return finish(idx, all, o);
}

const char* match_label(const Candidate& c) noexcept {
    return c.edit_distance ? "fuzzy" : match_kind_name(c.match);
}

std::vector<Candidate> search_prefix(const Index& idx, std::string_view prefix, const LookupOptions& o) {
    validate(o);
    std::string key = normalize_key(prefix);
    if (key.empty()) return {};
    // A completion is worth 1% less for each byte of it still missing (see completion_rank).
    auto factor = [&](std::size_t len) { return std::pow(0.99, static_cast<double>(len - std::min(len, key.size()))); };
    std::vector<Scored> all;
    // A prefix of many keys has its best completions stored. They are the answer when no point
    // biases the ranking and enough of them pass the filters (the stored ones rank above every
    // other completion, so the best of them that pass are the best that pass), or when the list
    // holds every place of the prefix (fewer than the stored count).
    if (!o.near) {
        if (auto stored = detail::completions(idx, key)) {
            for (const auto& c : *stored) {
                if (!passes(idx, c.posting.place, o)) continue;
                double km;
                double s = score_of(idx, c.posting.place, c.posting.kind, 0, o, Ranking::Completion, km) *
                           factor(detail::key_length(idx, c.key_id));
                all.push_back({c.posting.place, c.posting.kind, 0, nullptr, c.key_id, s, km});
            }
            if (all.size() >= o.limit || stored->size() < detail::kCompletionCount) return finish(idx, all, o);
            all.clear();
        }
    }
    // Otherwise walk the prefix's keys: all of them for a prefix not stored (64 at most); for a
    // stored one under selective filters or a distance bias, the first 20000.
    TopScores top(o.limit);
    std::deque<std::string> keys;
    for (auto& [k, list] : detail::keys_with_prefix(idx, key, 20000)) {
        keys.push_back(std::move(k));
        collect_list(idx, list, &keys.back(), 0, factor(keys.back().size()), o, Ranking::Completion, all, top);
    }
    return finish(idx, all, o);
}

ReverseResult reverse(const Index& idx, double lat, double lon, std::size_t limit, double radius_km,
                      const std::string& feature_classes) {
    if (!std::isfinite(lat) || !std::isfinite(lon) || std::fabs(lat) > 90 || std::fabs(lon) > 180)
        throw UsageError("point out of range: latitude within [-90, 90], longitude within [-180, 180]");
    if (!(radius_km > 0) || !std::isfinite(radius_km))
        throw UsageError("radius must be a positive number of km, not " + fmt::format("{}", radius_km));
    ReverseResult r;
    r.country = idx.country_at(lat, lon);
    if (!r.country.empty())
        if (auto cp = idx.country_place(r.country)) r.country_place = idx.place(*cp);
    std::size_t want = feature_classes.empty() ? limit : limit * 50 + 100;
    for (auto& [p, km] : idx.nearby(lat, lon, radius_km, want)) {
        if (!feature_classes.empty() && feature_classes.find(idx.place_feature_class(p)) == std::string::npos) continue;
        Candidate c;
        c.place = idx.place(p);
        c.distance_km = std::round(km * 1000) / 1000;
        c.score = std::round(std::exp2(-km / 10) * 10000) / 10000;
        c.reasons.push_back(fmt::format("{:.2f} km away", km));
        r.nearest.push_back(std::move(c));
        if (r.nearest.size() >= limit) break;
    }
    return r;
}

}  // namespace gazetteer
