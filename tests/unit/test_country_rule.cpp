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
