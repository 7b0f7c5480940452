// The look-ups the project promises on the default index (built from the embedded sources).

#include "test_support.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/lookup.hpp>

#include <catch2/catch.hpp>

using namespace gazetteer;

namespace {
const Index* default_index() {
    static std::unique_ptr<Index> idx;
    if (!idx) {
        auto path = gazetteer::test::default_index();
        if (path.empty()) return nullptr;
        idx = std::make_unique<Index>(Index::open(path));
    }
    return idx.get();
}

struct Expect {
    std::string query;
    double lat, lon;
    std::vector<std::string> countries;
    std::optional<std::pair<double, double>> near;
};
}  // namespace

TEST_CASE("the right place comes first, within 10 km, for the promised queries", "[lookup][data]") {
    const Index* idx = default_index();
    if (!idx) {
        GAZETTEER_SKIP("default index not built (run scripts/fetch-data.sh and build)");
    }
    const std::vector<Expect> cases = {
        {"Komsomolsk-on-Amur", 50.55034, 137.00995, {}, {}},
        {"Komsomolsk-na-Amure", 50.55034, 137.00995, {}, {}},
        {"Комсомольск-на-Амуре", 50.55034, 137.00995, {}, {}},
        {"Vladivostock", 43.10562, 131.87353, {}, {}},
        {"P'yŏngyang", 39.03385, 125.75432, {}, {}},
        {"Пхеньян", 39.03385, 125.75432, {}, {}},
        {"Khasan", 42.42387, 130.65156, {"RU"}, {}},
        // Own name first: Hassan (India) is reached only through its alternate name "Khasan".
        {"Khasan", 42.42387, 130.65156, {}, {}},
        {"Roma", 41.89193, 12.51133, {}, {}},
        {"Vostochny Cosmodrome", 51.884, 128.334, {}, {}},
        {"Kiev", 50.45466, 30.5238, {}, {}},
        {"Moscow", 55.75222, 37.61556, {}, {}},
        {"Moscow", 46.73239, -117.00017, {"US"}, {}},
        {"London", 42.98339, -81.23304, {}, std::make_pair(43.0, -81.0)},
        {"Seoul", 37.566, 126.9784, {}, {}},
        {"Tsiolkovsky", 51.76694, 128.11472, {}, {}},
    };
    for (const auto& c : cases) {
        LookupOptions o;
        o.countries = c.countries;
        o.near = c.near;
        auto r = lookup(*idx, c.query, o);
        INFO(c.query);
        REQUIRE(!r.empty());
        INFO("first: " << r[0].place.id << " " << r[0].place.name << " " << r[0].place.lat << "," << r[0].place.lon);
        CHECK(haversine_km(r[0].place.lat, r[0].place.lon, c.lat, c.lon) < 10);
    }
}

TEST_CASE("reverse look-up names the country from the Natural Earth polygons", "[lookup][data]") {
    const Index* idx = default_index();
    if (!idx) {
        GAZETTEER_SKIP("default index not built");
    }
    CHECK(reverse(*idx, 43.1, 131.9).country == "RU");
    CHECK(reverse(*idx, 39.03, 125.75).country == "KP");
    CHECK(reverse(*idx, 37.57, 126.98).country == "KR");
    CHECK(reverse(*idx, 48.85, 2.35).country == "FR");
    CHECK(reverse(*idx, 0, -30).country == "");
    auto r = reverse(*idx, 42.43, 130.64, 1, 20);
    REQUIRE(!r.nearest.empty());
    CHECK(r.nearest[0].place.name == "Khasan");
}

TEST_CASE("a route stop names one place, and every suggested fix resolves", "[lookup][data]") {
    const Index* idx = default_index();
    if (!idx) {
        WARN("default index not built: skipped");
        return;
    }
    // The capital, not the prefecture around it, in every spelling.
    for (const char* text : {"Tokyo", "Tokyo@JP", "Tokyo, Tokyo", "Paris", "Moscow"}) {
        INFO(text);
        auto r = resolve_unique(*idx, text);
        REQUIRE(!r.candidates.empty());
        CHECK_FALSE(r.ambiguous);
        CHECK(r.candidates[0].place.feature_code == "PPLC");
    }
    // Names shared by far-apart cities stay ambiguous; what is suggested works.
    std::size_t fixes = 0;
    for (const char* text : {"Springfield", "Portland", "Georgetown", "San Jose"}) {
        INFO(text);
        auto r = resolve_unique(*idx, text);
        REQUIRE(!r.candidates.empty());
        if (!r.ambiguous) continue;
        for (const auto& fix : r.fixes) {
            INFO(fix);
            auto f = resolve_unique(*idx, fix);
            CHECK_FALSE(f.ambiguous);
            REQUIRE(!f.candidates.empty());
            CHECK(f.candidates[0].place.id == r.candidates[0].place.id);
            ++fixes;
        }
    }
    CHECK(fixes > 0);
    CHECK_THROWS_AS(resolve_unique(*idx, "Tokyo@Japan"), UsageError);
    // What was resolved, for the messages of the faces: the name and the hint apart.
    auto hinted = resolve_unique(*idx, "  Khasan @ru ");
    CHECK(hinted.name == "Khasan");
    CHECK(hinted.country_hint == "RU");
    auto plain = resolve_unique(*idx, "Xqzzqx Wvvk");
    CHECK(plain.candidates.empty());
    CHECK(plain.name == "Xqzzqx Wvvk");
    CHECK(plain.country_hint.empty());
}
