// Ranking and filters of forward, prefix and reverse look-ups on the fixture index.

#include "test_support.hpp"

#include <gazetteer/detail/rank.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/lookup.hpp>

#include <catch2/catch.hpp>

using namespace gazetteer;
using gazetteer::detail::place_importance;

namespace {
const Index& fixture() {
    static gazetteer::test::TempDir tmp;
    static Index idx = Index::open(gazetteer::test::build_fixture_index(tmp.path / "i.gzidx"));
    return idx;
}
std::string first_id(const std::vector<Candidate>& c) { return c.empty() ? "" : c[0].place.id; }
}  // namespace

TEST_CASE("the prior ranks a capital above a small town of the same name", "[lookup]") {
    auto r = lookup(fixture(), "Moscow");
    REQUIRE(r.size() >= 3);
    CHECK(r[0].place.id == "geonames:524901");
    CHECK(r[0].score > r[1].score);
    CHECK(std::find(r[0].reasons.begin(), r[0].reasons.end(), "capital") != r[0].reasons.end());
    CHECK(std::find(r[0].reasons.begin(), r[0].reasons.end(), "exact name") != r[0].reasons.end());
}

TEST_CASE("filters: country, feature class, bounding box", "[lookup]") {
    LookupOptions o;
    o.countries = {"US"};
    auto r = lookup(fixture(), "Moscow", o);
    REQUIRE(r.size() == 2);
    CHECK(r[0].place.id == "geonames:5601538");  // Idaho (larger than Moscow, Pennsylvania)
    o = {};
    o.bbox = BBox{-80, 40, -70, 45};
    CHECK(first_id(lookup(fixture(), "Moscow", o)) == "geonames:5202009");
    o = {};
    o.feature_classes = "A";
    auto adm = lookup(fixture(), "Moscow", o);
    REQUIRE(!adm.empty());
    CHECK(adm[0].place.feature_code == "ADM1");
}

TEST_CASE("a near point outweighs population", "[lookup]") {
    LookupOptions o;
    o.near = std::make_pair(43.0, -81.0);
    auto r = lookup(fixture(), "London", o);
    REQUIRE(!r.empty());
    CHECK(r[0].place.id == "geonames:6058560");
    CHECK(r[0].distance_km < 30);
    CHECK(first_id(lookup(fixture(), "London")) == "geonames:2643743");
}

TEST_CASE("a qualifier after a comma narrows to a country or division", "[lookup]") {
    CHECK(first_id(lookup(fixture(), "Moscow, Idaho")) == "geonames:5601538");
    CHECK(first_id(lookup(fixture(), "Moscow, Pennsylvania")) == "geonames:5202009");
    CHECK(first_id(lookup(fixture(), "Moscow, Russia")) == "geonames:524901");
    CHECK(first_id(lookup(fixture(), "London, Ontario")) == "geonames:6058560");
    // A qualifier that is no place falls back to the whole text.
    CHECK(lookup(fixture(), "Moscow, Narnia").empty());
}

TEST_CASE("alternate names, transliterations and romanisation variants", "[lookup]") {
    CHECK(first_id(lookup(fixture(), "Kiev")) == "geonames:703448");
    CHECK(first_id(lookup(fixture(), "Киев")) == "geonames:703448");
    CHECK(first_id(lookup(fixture(), "P'yŏngyang")) == "geonames:1871859");
    CHECK(first_id(lookup(fixture(), "Пхеньян")) == "geonames:1871859");
    CHECK(first_id(lookup(fixture(), "Komsomol’sk-na-Amure")) == "geonames:2021851");
    CHECK(first_id(lookup(fixture(), "Космодром Восточный")) == "curated:vostochny-cosmodrome");
    auto r = lookup(fixture(), "DPRK");
    REQUIRE(!r.empty());
    CHECK(r[0].place.id == "country:KP");
    CHECK(r[0].match == MatchKind::Abbreviation);
}

TEST_CASE("typos are matched only when no place has the exact name", "[lookup]") {
    auto r = lookup(fixture(), "Vladivostock");
    REQUIRE(!r.empty());
    CHECK(r[0].place.id == "geonames:2013348");
    CHECK(r[0].edit_distance == 1);
    // "Khasan" exists: the exact village wins over anything a letter away.
    CHECK(first_id(lookup(fixture(), "Khasan")) == "geonames:2022586");
    LookupOptions exact;
    exact.fuzzy = false;
    CHECK(lookup(fixture(), "Vladivostock", exact).empty());
    CHECK(lookup(fixture(), "Xyzzyplugh").empty());
    CHECK(lookup(fixture(), "  ").empty());
}

TEST_CASE("prefix search completes names for type-ahead", "[lookup]") {
    auto r = search_prefix(fixture(), "Komso");
    REQUIRE(!r.empty());
    CHECK(r[0].place.id == "geonames:2021851");
    auto v = search_prefix(fixture(), "vla");
    REQUIRE(!v.empty());
    CHECK(v[0].place.name == "Vladivostok");
    CHECK(search_prefix(fixture(), "qqq").empty());
}

TEST_CASE("reverse look-up gives the nearest places and the country", "[lookup]") {
    auto r = reverse(fixture(), 42.43, 130.64, 3, 50);
    CHECK(r.country == "RU");
    REQUIRE(r.country_place);
    CHECK(r.country_place->name == "Russia");
    REQUIRE(!r.nearest.empty());
    CHECK(r.nearest[0].place.name == "Khasan");
    CHECK(r.nearest[0].distance_km < 2);
    auto sea = reverse(fixture(), 0, -30, 3, 100);
    CHECK(sea.country.empty());
    CHECK(sea.nearest.empty());
}

TEST_CASE("bad options are usage errors", "[lookup]") {
    LookupOptions o;
    o.countries = {"Russia"};
    CHECK_THROWS_AS(lookup(fixture(), "Moscow", o), UsageError);
    o = {};
    o.near = std::make_pair(95.0, 0.0);
    CHECK_THROWS_AS(lookup(fixture(), "Moscow", o), UsageError);
    CHECK_THROWS_AS(reverse(fixture(), 91, 0), UsageError);
}

TEST_CASE("importance orders countries, capitals, towns", "[lookup]") {
    CHECK(place_importance('A', "PCLI", 0) == Approx(1.0));
    CHECK(place_importance('P', "PPLC", 1000000) > place_importance('P', "PPL", 1000000));
    CHECK(place_importance('P', "PPL", 1000000) > place_importance('P', "PPL", 1000));
    CHECK(place_importance('P', "PPL", 0) >= 0);
    CHECK(haversine_km(55.75222, 37.61556, 55.75222, 37.61556) == Approx(0).margin(1e-9));
    // Moscow to Vladivostok, about 6,430 km on the sphere.
    CHECK(haversine_km(55.75222, 37.61556, 43.10562, 131.87353) == Approx(6430).epsilon(0.01));
}
