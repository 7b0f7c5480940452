// The typo index and the stored completions against brute force, on a generated gazetteer dense
// enough that many keys share prefixes and near-spellings (as in GeoNames at scale).

#include "test_support.hpp"

#include <gazetteer/detail/index_keys.hpp>
#include <gazetteer/detail/normalize.hpp>
#include <gazetteer/detail/rank.hpp>
#include <gazetteer/lookup.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <sstream>

using namespace gazetteer;
using gazetteer::detail::completion_rank;
using gazetteer::detail::edit_distance;
using gazetteer::detail::normalize_key;

namespace {

constexpr const char* kSyllables[] = {"ka", "ra", "to", "mi", "no", "sa", "ri", "ber", "gen", "sk",
                                      "ov", "ino", "al", "ton", "grad", "mar", "lu", "ze", "po", "dorf"};
constexpr const char* kCountries[] = {"RU", "DE", "BR", "JP"};

std::string word(std::mt19937& rng) {
    std::string w;
    int n = 2 + static_cast<int>(rng() % 3);
    for (int i = 0; i < n; ++i) w += kSyllables[rng() % std::size(kSyllables)];
    w[0] = static_cast<char>(w[0] - 'a' + 'A');
    return w;
}

// 4,000 places in the GeoNames dump format: one- and two-word names, a third with alternate
// names (a variant with an extra letter, or another word), populations over four magnitudes.
const Index& dense() {
    static test::TempDir tmp;
    static Index idx = [] {
        std::mt19937 rng(7);
        std::ostringstream dump;
        for (int i = 1; i <= 4000; ++i) {
            std::string name = word(rng);
            if (rng() % 5 == 0) name += " " + word(rng);
            std::string alts;
            if (rng() % 3 == 0) alts = rng() % 2 ? name + "a" : word(rng);
            dump << i << '\t' << name << '\t' << name << '\t' << alts << '\t' << (rng() % 120) - 60.0 << '\t'
                 << (rng() % 340) - 170.0 << "\tP\tPPL\t" << kCountries[rng() % 4] << "\t\t01\t\t\t\t"
                 << (rng() % 4 == 0 ? 0 : 10 + rng() % 2000000) << "\t\t\tEurope/Berlin\t2024-01-01\n";
        }
        test::write_file(tmp.path / "dense.txt", dump.str());
        IndexBuilder b;
        b.add_geonames((tmp.path / "dense.txt").string());
        b.write((tmp.path / "dense.gzidx").string());
        return Index::open((tmp.path / "dense.gzidx").string());
    }();
    return idx;
}

std::vector<std::string> all_keys(const Index& idx) {
    std::vector<std::string> keys;
    for (auto& [k, list] : detail::keys_with_prefix(idx, "", 1u << 30)) keys.push_back(k);
    return keys;
}

// One random edit: substitution, insertion, deletion or adjacent transposition.
std::string edit(const std::string& k, std::mt19937& rng, int kind) {
    std::size_t i = rng() % k.size();
    char c = static_cast<char>('a' + rng() % 26);
    std::string q = k;
    switch (kind) {
        case 0: q[i] = c; break;
        case 1: q.insert(i, 1, c); break;
        case 2: q.erase(i, 1); break;
        default:
            if (i + 1 < q.size()) std::swap(q[i], q[i + 1]);
            break;
    }
    return q;
}

std::set<std::string> fuzzy_set(const Index& idx, const std::string& q, unsigned d) {
    std::set<std::string> out;
    for (auto& [k, dist] : detail::fuzzy_keys(idx, q, d)) out.insert(k);
    return out;
}

// The answer to a prefix search by walking every key of the prefix: each place at its best
// completion_rank (the ranking search_prefix documents), best first, ties by place index.
std::vector<std::uint32_t> reference_prefix(const Index& idx, const std::string& prefix, const LookupOptions& o) {
    std::map<std::uint32_t, double> best;
    for (auto& [k, list] : detail::keys_with_prefix(idx, normalize_key(prefix), 1u << 30)) {
        for (auto post : list) {
            if (!o.countries.empty() && idx.place_country(post.place) != o.countries[0]) continue;
            double r = completion_rank(post.kind, idx.place_importance(post.place), k.size());
            auto [it, fresh] = best.emplace(post.place, r);
            if (!fresh) it->second = std::max(it->second, r);
        }
    }
    std::vector<std::pair<std::uint32_t, double>> v(best.begin(), best.end());
    std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < v.size() && i < o.limit; ++i) out.push_back(v[i].first);
    return out;
}

std::vector<std::uint32_t> places_of(const std::vector<Candidate>& c) {
    std::vector<std::uint32_t> out;
    for (auto& x : c) out.push_back(x.place.index);
    return out;
}

}  // namespace

TEST_CASE("the typo index finds exactly the keys one edit away", "[lookup][fuzzy]") {
    const Index& idx = dense();
    auto keys = all_keys(idx);
    REQUIRE(keys.size() > 3000);
    std::mt19937 rng(11);
    int checked = 0, with_neighbours = 0;
    for (int n = 0; n < 400; ++n) {
        const std::string& k = keys[rng() % keys.size()];
        if (k.size() < 5) continue;
        std::string q = edit(k, rng, n % 4);
        if (q.size() < 4) continue;
        std::set<std::string> expected;
        for (const auto& other : keys)
            if (other.size() >= 4 && edit_distance(q, other, 1) <= 1) expected.insert(other);
        INFO("query '" << q << "' from key '" << k << "'");
        CHECK(expected.count(k) == 1);
        CHECK(fuzzy_set(idx, q, 1) == expected);
        ++checked;
        with_neighbours += expected.size() > 1;
    }
    CHECK(checked > 300);
    CHECK(with_neighbours > 10);  // the set is dense enough for the test to mean something
}

TEST_CASE("the typo index finds the two-edit typos it documents", "[lookup][fuzzy]") {
    const Index& idx = dense();
    auto keys = all_keys(idx);
    std::mt19937 rng(13);
    int checked = 0;
    for (int n = 0; n < 300; ++n) {
        const std::string& k = keys[rng() % keys.size()];
        if (k.size() < 9) continue;
        std::string q;
        switch (n % 3) {
            case 0: q = edit(edit(k, rng, 1), rng, 1); break;  // two letters too many
            case 1: q = edit(edit(k, rng, 0), rng, 1); break;  // one wrong, one too many
            default: {                                        // a letter moved
                std::string t = k;
                std::size_t i = rng() % t.size();
                char c = t[i];
                t.erase(i, 1);
                t.insert(rng() % (t.size() + 1), 1, c);
                q = t;
            }
        }
        if (edit_distance(q, k, 2) > 2) continue;
        INFO("query '" << q << "' from key '" << k << "'");
        CHECK(fuzzy_set(idx, q, 2).count(k) == 1);
        ++checked;
    }
    CHECK(checked > 50);
}

TEST_CASE("lookup prefers the nearest typo distance", "[lookup][fuzzy]") {
    const Index& idx = dense();
    auto keys = all_keys(idx);
    std::mt19937 rng(17);
    int checked = 0;
    for (const auto& k : keys) {
        if (k.size() < 9 || k.find(' ') != std::string::npos || checked >= 50) continue;
        std::string q = edit(k, rng, 0);
        if (!detail::postings(idx, q).empty()) continue;  // the typo is itself a name
        auto r = lookup(idx, q);
        REQUIRE(!r.empty());
        for (auto& c : r) CHECK(c.edit_distance == 1);
        ++checked;
    }
    CHECK(checked == 50);
}

TEST_CASE("stored completions answer as walking every key would", "[lookup][prefix]") {
    const Index& idx = dense();
    auto keys = all_keys(idx);
    std::set<std::string> prefixes;
    for (std::size_t i = 0; i < keys.size(); i += 37)
        for (std::size_t n = 1; n <= 6 && n < keys[i].size(); ++n) prefixes.insert(keys[i].substr(0, n));
    int stored = 0, walked = 0;
    for (const auto& p : prefixes) {
        bool is_stored = detail::completions(idx, p).has_value();
        (is_stored ? stored : walked) += 1;
        for (std::size_t limit : {1u, 5u, 10u, 30u}) {
            for (const char* country : {"", "JP"}) {
                LookupOptions o;
                o.limit = limit;
                if (*country) o.countries = {country};
                INFO("prefix '" << p << "' limit " << limit << " country '" << country << "' stored " << is_stored);
                CHECK(places_of(search_prefix(idx, p, o)) == reference_prefix(idx, p, o));
            }
        }
    }
    CHECK(stored > 20);
    CHECK(walked > 20);
}

TEST_CASE("a stored completion list holds the best places of its prefix", "[lookup][prefix]") {
    const Index& idx = dense();
    auto stored = detail::completions(idx, "ka");
    REQUIRE(stored.has_value());
    REQUIRE(stored->size() == 24);
    std::set<std::uint32_t> places;
    double last = 2;
    for (auto& c : *stored) {
        std::string k = detail::key(idx, c.key_id);
        CHECK(k.rfind("ka", 0) == 0);
        CHECK(places.insert(c.posting.place).second);  // one entry per place
        double r = completion_rank(c.posting.kind, idx.place_importance(c.posting.place), k.size());
        CHECK(r <= last);
        last = r;
    }
    CHECK_FALSE(detail::completions(idx, "kazzz").has_value());
}
