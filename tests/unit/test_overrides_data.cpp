// User corrections of a parse (geoparse.hpp apply_overrides) with the default index: the mention
// takes the chosen place, the places are tallied again as the geoparser tallies them, and a bad
// id changes nothing.

#include <gazetteer/error.hpp>
#include <gazetteer/geoparse.hpp>
#include <gazetteer/index.hpp>

#include "test_skip.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace gazetteer;

TEST_CASE("overrides replace resolutions and re-tally the places") {
    const std::string path = test::default_index();
    if (path.empty()) {
        GAZETTEER_SKIP("needs the default index");
        return;
    }
    const Index index = Index::open(path);
    const Geoparser parser(index);
    const std::string text = "Officials in Moscow met. Moscow said so. Seoul agreed.";
    const ArticleResult parsed = parser.parse("a", text);
    REQUIRE(parsed.mentions.size() == 3);
    REQUIRE(parsed.places.size() == 2);
    const std::size_t second_moscow = parsed.mentions[1].start, seoul = parsed.mentions[2].start;

    SECTION("a chosen place and a removed one") {
        ArticleResult r = parsed;
        apply_overrides(index, r, {{second_moscow, "geonames:5601538"}, {seoul, ""}});
        CHECK(r.mentions[1].place->id == "geonames:5601538");  // Moscow, Idaho
        CHECK(r.mentions[1].confidence == 1.0);
        CHECK(r.mentions[1].reasons.back() == "chosen by the user");
        CHECK_FALSE(r.mentions[2].place);
        REQUIRE(r.places.size() == 2);
        CHECK(r.places[0].place.id == parsed.places[0].place.id);
        CHECK(r.places[0].count == 1);
        CHECK(r.places[1].place.id == "geonames:5601538");
        CHECK(r.places[1].first_start == second_moscow);
        // Means are rounded to 3 decimals, as the geoparser's own tally.
        for (const auto& p : r.places) CHECK(p.mean_confidence == std::round(p.mean_confidence * 1000) / 1000);
    }
    SECTION("starts that match no mention change nothing") {
        ArticleResult r = parsed;
        apply_overrides(index, r, {{1, "geonames:5601538"}});
        CHECK(r.places.size() == parsed.places.size());
        CHECK(r.mentions[0].place->id == parsed.mentions[0].place->id);
    }
    SECTION("an unknown id is refused before anything changes") {
        ArticleResult r = parsed;
        CHECK_THROWS_WITH(apply_overrides(index, r, {{seoul, ""}, {second_moscow, "geonames:0"}}),
                          "unknown place id in overrides: geonames:0");
        CHECK(r.mentions[2].place);
    }
}
