// Itinerary extraction through the real geoparser on the default index: the seed article from
// ../shared (read at test time, never copied: its expected itinerary is the "itinerary" block of
// its .expected.json) and our own narratives in tests/data/itinerary/, whose stops are checked by
// position (within 25 km), so that the gazetteer's spelling ("Reykjavík") does not matter.

#include "test_support.hpp"

#include <gazetteer/geoparse.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/itinerary.hpp>
#include <gazetteer/lookup.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

using namespace gazetteer;
using nlohmann::json;

namespace {

const Index* default_index() {
    static std::unique_ptr<Index> idx;
    if (!idx) {
        const auto path = test::default_index();
        if (path.empty()) return nullptr;
        idx = std::make_unique<Index>(Index::open(path));
    }
    return idx.get();
}

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string mode_or_empty(const json& v) { return v.is_null() ? std::string() : v.get<std::string>(); }

}  // namespace

TEST_CASE("the seed article's itinerary", "[itinerary][data]") {
    const Index* idx = default_index();
    if (!idx) {
        GAZETTEER_SKIP("default index not built (run scripts/fetch-data.sh and build)");
    }
    const auto dir = test::shared_dir();
    const auto article = dir / "articles" / "kim-putin-vostochny-2023.txt";
    const auto expected = dir / "articles" / "kim-putin-vostochny-2023.expected.json";
    if (dir.empty() || !std::filesystem::exists(article) || !std::filesystem::exists(expected)) {
        GAZETTEER_SKIP("seed article not found under ../shared/articles");
    }
    const std::string text = read_text(article);
    const json spec = json::parse(read_text(expected));
    REQUIRE(spec.contains("itinerary"));
    const json& ex = spec["itinerary"];

    const Geoparser parser(*idx);
    const Itinerary it = extract_itinerary(parser, text);
    INFO(itinerary_json(it));

    CHECK(it.traveller == ex["traveller"].get<std::string>());
    std::vector<std::string> names;
    for (const auto& s : it.stops) names.push_back(s.name);
    CHECK(names == ex["stops"].get<std::vector<std::string>>());
    // Positions: each stop within the tolerance the article's must_find list gives its name.
    for (const auto& s : it.stops) {
        for (const auto& f : spec["must_find"]) {
            if (f["name"] != s.name || !f.contains("lat")) continue;
            INFO(s.name);
            CHECK(haversine_km(s.place.lat, s.place.lon, f["lat"].get<double>(), f["lon"].get<double>()) <=
                  f["tolerance_km"].get<double>());
        }
    }
    REQUIRE(it.legs.size() == ex["modes"].size());
    for (std::size_t i = 0; i < it.legs.size(); ++i) {
        INFO("leg " << i + 1);
        CHECK(it.legs[i].mode == mode_or_empty(ex["modes"][i]));
    }
    for (auto d = ex["dates"].begin(); d != ex["dates"].end(); ++d) {
        INFO("date of " << d.key());
        auto s = std::find_if(it.stops.begin(), it.stops.end(), [&](const ItineraryStop& st) { return st.name == d.key(); });
        REQUIRE(s != it.stops.end());
        CHECK(s->date == d.value().get<std::string>());
    }
    // Every stop quotes its evidence: the span is the place's name in the text.
    for (const auto& s : it.stops) {
        CHECK(s.evidence.end > s.evidence.start);
        CHECK_FALSE(s.evidence.sentence.empty());
    }
    // Undated stops say what placed them.
    for (const auto& s : it.stops) {
        if (s.date.empty()) CHECK(s.placed_by != Placement::TextOrder);
    }
}

TEST_CASE("our narratives through the real geoparser", "[itinerary][data]") {
    const Index* idx = default_index();
    if (!idx) {
        GAZETTEER_SKIP("default index not built");
    }
    const Geoparser parser(*idx);
    for (const char* name : {"papal_pacific", "state_visit_reordered", "unnamed_delegation", "chancellor_return", "dateline_weekdays",
                             "papal_asia_2024", "state_visit_alaska_2023", "royal_samoa_2024", "summit_pyongyang_2024",
                             "summit_hanoi_2019", "europe_tour_no_year", "migrant_overland_2023", "research_ship_2024",
                             "athlete_tour_2025"}) {
        SECTION(name) {
            const auto dir = test::data_dir() / "itinerary";
            const std::string text = read_text(dir / (std::string(name) + ".txt"));
            const json spec = json::parse(read_text(dir / (std::string(name) + ".json")));
            const json& ex = spec["expect"];
            const Itinerary it = extract_itinerary(parser, text);
            INFO(itinerary_json(it));
            if (ex["traveller"].is_null()) CHECK(it.traveller.empty());
            else CHECK(it.traveller == ex["traveller"].get<std::string>());
            const auto want = ex["stops"].get<std::vector<std::string>>();
            REQUIRE(it.stops.size() == want.size());
            for (std::size_t i = 0; i < want.size(); ++i) {
                INFO("stop " << i + 1 << " " << want[i]);
                const json& p = spec["places"][want[i]];
                CHECK(haversine_km(it.stops[i].place.lat, it.stops[i].place.lon, p["lat"].get<double>(), p["lon"].get<double>()) < 25);
            }
            REQUIRE(it.legs.size() == ex["modes"].size());
            for (std::size_t i = 0; i < it.legs.size(); ++i) {
                INFO("leg " << i + 1);
                CHECK(it.legs[i].mode == mode_or_empty(ex["modes"][i]));
            }
        }
    }
}
