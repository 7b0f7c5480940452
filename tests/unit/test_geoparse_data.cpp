// The geoparser on the seed article from ../shared with the default index: everything in
// must_find is found and placed within tolerance, nothing in must_not_find is reported as a
// place. The article is copyrighted and stays in ../shared; the test skips (passes with a
// warning) when it or the default index is absent.

#include <gazetteer/geoparse.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/lookup.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace gazetteer;

TEST_CASE("seed article: Kim Jong Un's trip to Russia", "[geoparse][data]") {
    auto shared = test::shared_dir();
    auto article = shared / "articles" / "kim-putin-vostochny-2023.txt";
    auto expected = shared / "articles" / "kim-putin-vostochny-2023.expected.json";
    std::string index_path = test::default_index();
    if (shared.empty() || !std::filesystem::exists(article) || !std::filesystem::exists(expected) || index_path.empty()) {
        GAZETTEER_SKIP("needs ../shared/articles/kim-putin-vostochny-2023.{txt,expected.json} and the default index");
    }
    std::ifstream tin(article, std::ios::binary);
    std::stringstream ss;
    ss << tin.rdbuf();
    std::ifstream ein(expected);
    auto exp = nlohmann::json::parse(ein);

    auto index = Index::open(index_path);
    Geoparser gp(index);
    auto r = gp.parse("kim-putin-vostochny-2023", ss.str());

    for (const auto& want : exp["must_find"]) {
        std::string name = want["name"];
        INFO("must find " << name);
        bool ok = false;
        for (const auto& m : r.mentions) {
            if (!m.place) continue;
            bool named = m.text == name || m.place->name == name;
            if (!named) continue;
            if (want.contains("country")) ok = ok || (m.place->country == want["country"].get<std::string>() &&
                                                      m.place->feature_code.rfind("PCL", 0) == 0);
            else ok = ok || haversine_km(m.place->lat, m.place->lon, want["lat"], want["lon"]) <= want["tolerance_km"].get<double>();
        }
        CHECK(ok);
    }
    for (const auto& bad : exp["must_not_find"]) {
        std::string word = bad;
        INFO("must not find " << word);
        for (const auto& m : r.mentions) {
            bool hit = m.text == word || m.text.rfind(word + " ", 0) == 0;
            CHECK_FALSE((hit && m.place));
        }
    }
}
