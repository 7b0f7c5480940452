// The engine's one "is this a country" rule (place.hpp) and the look-up parts that follow it: the
// "country" reason and comma qualifiers count territories (TERR) and every PCL* code alike.

#include "test_support.hpp"

#include <gazetteer/build.hpp>
#include <gazetteer/lookup.hpp>
#include <gazetteer/place.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace gazetteer;

TEST_CASE("countries are the PCL* political entities and territories", "[place]") {
    for (const char* code : {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCLH", "PCL", "TERR"}) {
        INFO(code);
        CHECK(is_country_feature_code(code));
    }
    for (const char* code : {"ADM1", "ADMD", "PPLC", "CONT", "RGN", "ZN", "", "PC", "pcli", "TER"}) {
        INFO(code);
        CHECK_FALSE(is_country_feature_code(code));
    }
    Place p;
    p.feature_code = "PCLD";
    CHECK(is_country(p));
    p.feature_code = "ADM1";
    CHECK_FALSE(is_country(p));
}

TEST_CASE("a territory is a country to look-up reasons and qualifiers", "[place][lookup]") {
    // Made-up rows in the GeoNames dump layout: a territory, a town in it, and a town of the same
    // name elsewhere.
    test::TempDir tmp;
    test::write_file(tmp.path / "places.txt",
                     "9000001\tTestoria\tTestoria\t\t-12.0\t123.0\tA\tTERR\tXT\t\t00\t\t\t\t0\t\t0\tUTC\t2024-01-01\n"
                     "9000002\tPort Lumen\tPort Lumen\t\t-12.1\t123.1\tP\tPPL\tXT\t\t00\t\t\t\t500\t\t0\tUTC\t2024-01-01\n"
                     "9000003\tPort Lumen\tPort Lumen\t\t10.0\t10.0\tP\tPPL\tNG\t\t00\t\t\t\t90000\t\t0\tUTC\t2024-01-01\n");
    IndexBuilder b;
    b.add_geonames((tmp.path / "places.txt").string());
    b.write((tmp.path / "t.gzidx").string());
    const Index idx = Index::open((tmp.path / "t.gzidx").string());

    const auto territory = lookup(idx, "Testoria");
    REQUIRE_FALSE(territory.empty());
    CHECK(territory[0].place.feature_code == "TERR");
    const auto& reasons = territory[0].reasons;
    CHECK(std::find(reasons.begin(), reasons.end(), "country") != reasons.end());

    CHECK(lookup(idx, "Port Lumen")[0].place.id == "geonames:9000003");  // the larger town
    const auto qualified = lookup(idx, "Port Lumen, Testoria");
    REQUIRE(qualified.size() == 1);
    CHECK(qualified[0].place.id == "geonames:9000002");
}

TEST_CASE("a current country is every country code but the historical PCLH", "[place]") {
    for (const char* code : {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"}) {
        INFO(code);
        CHECK(is_current_country_feature_code(code));
    }
    for (const char* code : {"PCLH", "ADM1", "ADMD", "PPLC", "CONT", "RGN", "ZN", "", "PC", "pcli", "TER"}) {
        INFO(code);
        CHECK_FALSE(is_current_country_feature_code(code));
    }
    CHECK(is_country_feature_code("PCLH"));  // historical, yet a country to ranking and qualifiers
}

TEST_CASE("the builder merges a country's current GeoNames row, never a historical one", "[place][build]") {
    // Made-up rows: a historical entity listed first under the same code as a dependent
    // territory, and a world-countries record of that code.
    test::TempDir tmp;
    test::write_file(tmp.path / "places.txt",
                     "9000011\tOld Testorian Empire\tOld Testorian Empire\t\t-11.0\t122.0\tA\tPCLH\tXT\t\t00\t\t\t\t0\t\t0\tUTC\t2024-01-01\n"
                     "9000010\tTestoria\tTestoria\tTestorie\t-12.0\t123.0\tA\tPCLD\tXT\t\t00\t\t\t\t5000\t\t0\tUTC\t2024-01-01\n");
    test::write_file(tmp.path / "countries.json",
                     R"([{"name": {"common": "Testoria", "official": "Territory of Testoria"}, "cca2": "XT",)"
                     R"( "latlng": [-12.5, 123.5], "altSpellings": ["XT"]}])");
    IndexBuilder b;
    b.add_geonames((tmp.path / "places.txt").string());
    b.add_world_countries((tmp.path / "countries.json").string());
    b.write((tmp.path / "t.gzidx").string());
    const Index idx = Index::open((tmp.path / "t.gzidx").string());

    const auto country = idx.country_place("XT");
    REQUIRE(country);
    const Place c = idx.place(*country);
    CHECK(c.id == "country:XT");
    CHECK(c.feature_code == "PCLD");  // taken from the current row, which is merged away
    CHECK(c.population == 5000);
    CHECK(c.lat == Approx(-12.5));     // world-countries' point wins
    CHECK_FALSE(idx.find_id("geonames:9000010"));

    const auto historical = idx.find_id("geonames:9000011");
    REQUIRE(historical);
    const Place h = idx.place(*historical);
    CHECK(h.feature_code == "PCLH");
    CHECK(h.lat == Approx(-11.0));
    CHECK(is_country(h));
}
