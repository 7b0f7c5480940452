// The umbrella header alone is enough to use the engine end to end: build an index, look a name
// up, geoparse a text, read a date, ask the country rule. (tests/CMakeLists.txt also compiles
// every public header on its own, so none depends on what was included before it.)

#include "test_support.hpp"

#include <gazetteer/gazetteer.hpp>

#include <catch2/catch.hpp>

using namespace gazetteer;

TEST_CASE("gazetteer.hpp gives the whole API", "[api]") {
    test::TempDir tmp;
    const Index idx = Index::open(test::build_fixture_index(tmp.path / "i.gzidx"));
    const auto moscow = lookup(idx, "Moscow");
    REQUIRE_FALSE(moscow.empty());
    CHECK(moscow[0].place.id == "geonames:524901");

    const Geoparser parser(idx);
    const auto parsed = parser.parse("a", "Officials met in Moscow on Tuesday.");
    REQUIRE_FALSE(parsed.mentions.empty());
    CHECK(parsed.mentions[0].text == "Moscow");

    CHECK(parse_iso_date("2023-09-12") == std::optional<std::chrono::year_month_day>(
                                              std::chrono::year{2023} / 9 / 12));
    CHECK(is_country_feature_code("PCLI"));
    CHECK_THROWS_AS(Index::open((tmp.path / "missing.gzidx").string()), IndexError);
}
