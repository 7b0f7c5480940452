// Geoparsing Russian and Korean texts with the default index. The texts are written for this test
// (not taken from any article): inflected Russian names and multi-word names, Korean nouns with
// particles, place suffixes, persons and words that only look like places. Skips when the default
// index has not been built.

#include <gazetteer/error.hpp>
#include <gazetteer/geoparse.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/lookup.hpp>
#include <gazetteer/text.hpp>

#include "test_skip.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace gazetteer;

namespace {

const std::string k_russian =
    "Губернатор края встретился с делегацией из Пекина. Поезд из Москвы прибыл во Владивосток в четверг, "
    "а затем отправился в Хабаровск.\n"
    "На Дальнем Востоке ждут открытия нового моста. Делегация посетила Комсомольск-на-Амуре и космодром "
    "Восточный в Амурской области.\n"
    "Российские чиновники заявили, что новые рейсы свяжут Сеул и Новосибирск. Владимир Путин выступил с речью, "
    "а ракета «Ангара» стартовала позже. Часть груза ушла через Heihe.";

const std::string k_korean =
    "대표단은 서울에서 출발해 부산을 거쳐 제주도로 향했다. 한편 중국 베이징과 러시아 블라디보스토크를 잇는 "
    "항공편이 늘었다.\n"
    "평양에서는 새 역이 문을 열었고, 신의주시 주민들은 압록강 건너 단둥으로 물건을 실어 날랐다. "
    "블라디미르 푸틴 대통령은 회담을 위해 모스크바를 떠났다.";

struct Expect {
    const char* surface;
    double lat, lon, km;
};

const Mention* find(const ArticleResult& r, std::string_view surface) {
    for (const auto& m : r.mentions)
        if (m.text == surface) return &m;
    return nullptr;
}

void check_places(const std::string& text, const ArticleResult& r, const std::vector<Expect>& expected) {
    for (const auto& e : expected) {
        INFO(e.surface);
        const Mention* m = find(r, e.surface);
        REQUIRE(m != nullptr);
        REQUIRE(m->place);
        CHECK(haversine_km(m->place->lat, m->place->lon, e.lat, e.lon) < e.km);
        // Offsets are code points into the text and cover exactly the surface.
        CHECK(text.substr(m->byte_start, m->byte_end - m->byte_start) == e.surface);
        CHECK(code_point_count(std::string_view(text).substr(0, m->byte_start)) == m->start);
        CHECK(m->end - m->start == code_point_count(e.surface));
    }
}

}  // namespace

TEST_CASE("Russian: inflected, multi-word and hyphenated names", "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    auto r = gp.parse("ru", k_russian);
    CHECK(r.language == "ru");
    check_places(k_russian, r,
                 {{"Пекина", 39.9, 116.4, 50},
                  {"Москвы", 55.75, 37.62, 50},
                  {"Владивосток", 43.12, 131.89, 30},
                  {"Хабаровск", 48.48, 135.08, 30},
                  {"Дальнем Востоке", 60.0, 140.0, 1500},
                  {"Комсомольск-на-Амуре", 50.55, 137.0, 30},
                  {"Восточный", 51.88, 128.33, 30},  // the cosmodrome, not a namesake village
                  {"Амурской области", 52.5, 128.0, 400},
                  {"Сеул", 37.57, 126.98, 30},
                  {"Новосибирск", 55.03, 82.92, 30},
                  {"Heihe", 50.24, 127.49, 50}});
    // Adjectival demonyms, people and the rocket named after a river are no places.
    for (const char* no : {"Российские", "Владимир", "Путин", "Ангара"}) {
        INFO(no);
        CHECK(find(r, no) == nullptr);
    }
}

TEST_CASE("Korean: particles split off, place suffixes kept", "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    auto r = gp.parse("ko", k_korean);
    CHECK(r.language == "ko");
    check_places(k_korean, r,
                 {{"서울", 37.57, 126.98, 30},
                  {"부산", 35.18, 129.08, 30},
                  {"중국", 35.0, 105.0, 800},
                  {"베이징", 39.9, 116.4, 50},
                  {"러시아", 60.0, 100.0, 1500},
                  {"블라디보스토크", 43.12, 131.89, 30},
                  {"평양", 39.03, 125.75, 30},
                  {"신의주시", 40.1, 124.4, 30},
                  {"압록강", 40.5, 125.0, 300},
                  {"단둥", 40.12, 124.38, 30},
                  {"모스크바", 55.75, 37.62, 50}});
    // No mention keeps its particle; the person and the word "위해" (for) are no places.
    for (const char* no : {"서울에서", "부산을", "단둥으로", "블라디미르", "위해"}) {
        INFO(no);
        CHECK(find(r, no) == nullptr);
    }
}

TEST_CASE("the language can be given and is detected otherwise", "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    // Read with the English rules, Korean finds nothing and Russian loses its inflected names.
    auto ko_as_en = gp.parse("ko", k_korean, "en");
    CHECK(ko_as_en.language == "en");
    CHECK(ko_as_en.mentions.empty());
    auto ru_as_en = gp.parse("ru", k_russian, "en");
    CHECK(find(ru_as_en, "Дальнем Востоке") == nullptr);
    CHECK(find(ru_as_en, "Амурской области") == nullptr);
    CHECK(find(gp.parse("ru", k_russian, "auto"), "Дальнем Востоке") != nullptr);
    // Options set the default; an unknown code is a usage error.
    GeoparseOptions o;
    o.language = "ru";
    CHECK(Geoparser(idx, o).parse("x", "Поезд прибыл во Владивосток.").language == "ru");
    o.language = "de";
    CHECK_THROWS_AS(Geoparser(idx, o), UsageError);
    CHECK_THROWS_AS(gp.parse("x", "text", "xx"), UsageError);
}

// Issue 16, second pass: whole categories of names (federal subjects, provinces, country
// initialisms, seas and regions) in every case, from sentences written for this test.
TEST_CASE("Russian: federal subjects, initialisms and seas in their cases", "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    const std::string text =
        "Паводок затопил несколько сёл в Еврейской автономной области и в Приморском крае. Делегация КНДР "
        "прибыла в Республику Саха, а представители США и РФ встретились в Ханты-Мансийском автономном округе.\n"
        "Учения прошли на Корейском полуострове и в Охотском море, а ледокол вышел по Северному Ледовитому "
        "океану к Чукотке. Власти Татарстана и Подмосковья подписали соглашение.";
    auto r = gp.parse("ru", text);
    check_places(text, r,
                 {{"Еврейской автономной области", 48.5, 132.5, 200},
                  {"Приморском крае", 45.0, 134.0, 300},
                  {"КНДР", 40.0, 127.0, 300},
                  {"Республику Саха", 64.0, 128.0, 600},
                  {"США", 38.0, -97.0, 2000},  // the country, not Salvador's code "SSA"
                  {"РФ", 60.0, 100.0, 2000},
                  {"Ханты-Мансийском автономном округе", 62.0, 70.0, 400},
                  {"Корейском полуострове", 38.5, 127.6, 300},
                  {"Охотском море", 53.0, 150.0, 500},
                  {"Северному Ледовитому океану", 85.0, 0.0, 1500},
                  {"Чукотке", 66.0, 172.0, 800},
                  {"Татарстана", 55.5, 51.0, 300},
                  {"Подмосковья", 55.7, 37.5, 200}});
    // Initialisms stay out of the person names the article teaches ("Делегация КНДР" opens a
    // sentence like "Владимир Путин" does).
    CHECK(find(r, "Делегация") == nullptr);
}

TEST_CASE("Korean: provinces of both Koreas and China with their suffixes", "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    const std::string text =
        "북한은 자강도와 양강도에 새 공장을 지었고 함경북도 청진에서는 항구를 넓혔다. 중국 랴오닝성과 "
        "헤이룽장성 기업들이 참여했으며 지린성 훈춘을 거쳐 연해주로 가는 길도 열렸다.\n"
        "경기도와 충청북도, 전남에 눈이 내렸다. 금강산과 한라산, 대동강 일대에도 관광객이 늘었다.";
    auto r = gp.parse("ko", text);
    check_places(text, r,
                 {{"북한", 40.0, 127.0, 300},
                  {"자강도", 40.8, 126.5, 150},
                  {"양강도", 41.3, 128.3, 200},
                  {"함경북도", 41.8, 129.5, 200},
                  {"청진", 41.8, 129.78, 30},
                  {"랴오닝성", 41.0, 122.6, 250},
                  {"헤이룽장성", 47.9, 127.8, 350},
                  {"지린성", 43.5, 126.0, 300},
                  {"훈춘", 42.87, 130.36, 30},  // a Chinese name whose key is its pinyin
                  {"연해주", 45.0, 134.0, 300},
                  {"경기도", 37.5, 127.2, 100},
                  {"충청북도", 36.8, 127.7, 100},
                  {"전남", 34.8, 126.9, 100},
                  {"금강산", 38.6, 128.1, 50},
                  {"한라산", 33.36, 126.53, 30},
                  {"대동강", 39.0, 125.7, 100}});
    for (const char* no : {"자강도와", "랴오닝성과", "훈춘을", "연해주로", "경기도와"}) {
        INFO(no);
        CHECK(find(r, no) == nullptr);
    }
}

// The names are added as complete categories, so the tests check the categories: every curated
// geography row (regions, seas, rivers, lakes, mountains, deserts, islands) has a Russian and a
// Korean name; every first-level division of Russia has a Russian one; every division of North
// Korea, South Korea and China a Korean one, and China's a Russian one; every US state both.
TEST_CASE("Russian and Korean names cover whole categories of places", "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    std::size_t geography = 0, divisions = 0, states = 0;
    for (std::uint32_t i = 0; i < idx.size(); ++i) {
        Source src = idx.place(i).source;
        if (src != Source::Curated && src != Source::Admin1) continue;
        Place p = idx.place(i, true);
        bool ru = false, ko = false;
        for (const auto& a : p.alt_names) {
            ru = ru || a.lang == "ru";
            ko = ko || a.lang == "ko";
        }
        INFO(p.id << " " << p.name);
        // The feature codes of places-geography.csv (places-facilities.csv uses others).
        static const std::set<std::string> geography_codes = {"BAY", "CONT", "DSRT", "GULF", "ISL", "ISLS", "LK", "MT",
                                                              "MTS", "OCN", "PEN", "PLN", "RGN", "SEA", "STM", "STRT"};
        if (src == Source::Curated && geography_codes.count(p.feature_code)) {
            ++geography;
            CHECK(ru);
            CHECK(ko);
        } else if (src == Source::Admin1) {
            if (p.country == "RU" || p.country == "CN") {
                ++divisions;
                // Moscow and Saint Petersburg are their cities; Beijing, Shanghai, Tianjin and
                // Chongqing likewise in Russian.
                bool city = p.id == "admin1:RU.48" || p.id == "admin1:RU.66" || p.id == "admin1:CN.22" ||
                            p.id == "admin1:CN.23" || p.id == "admin1:CN.28" || p.id == "admin1:CN.33";
                if (!city) CHECK(ru);
            }
            if (p.country == "KP" || p.country == "KR" || p.country == "CN") {
                ++divisions;
                CHECK(ko);
            }
            // The fifty states of the United States (not the District of Columbia, which its
            // city names).
            if (p.country == "US" && p.id != "admin1:US.DC") {
                ++states;
                CHECK(ru);
                CHECK(ko);
            }
        }
    }
    CHECK(geography >= 220);
    CHECK(divisions >= 80 + 30 + 13 + 17);
    CHECK(states == 50);
}

// Issue 16, third pass: rules of the language, not of single names.
TEST_CASE("Russian: initialisms before a person, inflected short names, the kind a place noun names",
          "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    const std::string text =
        "Константин Циолковский мечтал о космосе. Президент встретил лидера КНДР Ким Чен Ына, а потом улетел "
        "в Туве. Город на реке Урал затопило, а рядом с городом Циолковский строят жильё. Губернатор Мэриленда "
        "прилетел в Невада-Сити.";
    auto r = gp.parse("ru", text);
    check_places(text, r,
                 {{"КНДР", 40.0, 127.0, 300},          // an initialism is no part of "Ким Чен Ын"
                  {"Туве", 51.5, 94.0, 300},           // "Туве" is Тува, not the code "тув"
                  {"Циолковский", 51.76, 128.12, 50},  // a town after "городом", though a person's name too
                  {"Мэриленда", 39.0, -76.8, 200}});   // US states have their Russian names
    // The index has no Ural River: a village named Ural is no answer to "на реке Урал".
    CHECK(find(r, "Урал") == nullptr);
    // The person is still a person.
    CHECK(std::count_if(r.mentions.begin(), r.mentions.end(), [](const Mention& m) { return m.text == "Циолковский"; }) == 1);
}

TEST_CASE("Korean: 상 (on) before a particle, US states with 주", "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    const std::string text = "북한은 평양 일대에서 동해상으로 미사일을 쏘았다. 훈련은 미국 메릴랜드주와 네바다주에서 열렸다.";
    auto r = gp.parse("ko", text);
    check_places(text, r,
                 {{"동해", 40.0, 135.0, 300},  // the span is the sea without 상으로
                  {"메릴랜드주", 39.0, -76.8, 200},
                  {"네바다주", 39.0, -117.0, 300}});  // the state, not Nevada, Iowa
}

TEST_CASE("Korean: the object of a verb of travel is a place when the article supports it", "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    // The issue's own example: 하산 has no Korean name in the index, only Latin namesakes.
    const std::string text = "김정은 위원장은 평양에서 열차를 타고 하산을 거쳐 블라디보스토크에 도착했다.";
    auto r = gp.parse("ko", text);
    check_places(text, r, {{"평양", 39.03, 125.75, 20}, {"하산", 42.42, 130.65, 30}, {"블라디보스토크", 43.1, 131.9, 20}});
    // Abstract objects take the same verbs and stay words.
    const std::string words = "법안은 검토를 거쳐 국회를 통과했다. 대표단은 절차를 거쳐 서울을 떠나 도쿄로 향했다.";
    auto w = gp.parse("ko", words);
    CHECK(find(w, "검토") == nullptr);
    CHECK(find(w, "절차") == nullptr);
    CHECK(find(w, "국회") == nullptr);
    check_places(words, w, {{"서울", 37.57, 126.98, 20}, {"도쿄", 35.69, 139.69, 30}});
}

TEST_CASE("Korean: a province's short name that is also a word counts before a town of the province",
          "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    const std::string text = "경기 수원에 본사를 둔 회사는 경기 침체에도 투자를 늘렸다. 경기 결과는 좋았다.";
    auto r = gp.parse("ko", text);
    check_places(text, r, {{"경기", 37.6, 127.1, 100}, {"수원", 37.29, 127.01, 20}});
    // Only the first 경기 is the province; "경기 침체" (downturn) and "경기 결과" (a match) are words.
    CHECK(std::count_if(r.mentions.begin(), r.mentions.end(), [](const Mention& m) { return m.text == "경기"; }) == 1);
}

TEST_CASE("Russian: an adjective of a country before the name says which namesake", "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    // Without its adjective "Хасан" is nearer Hassan in India by the index's priors.
    const std::string text =
        "Линия ведёт от российской пограничной станции Хасан через мост. Делегация посетила австралийский "
        "город Перт, а затем австрийский Грац.";
    auto r = gp.parse("ru", text);
    check_places(text, r, {{"Хасан", 42.42, 130.65, 30}, {"Перт", -31.95, 115.86, 50}, {"Грац", 47.07, 15.44, 30}});
    const Mention* m = find(r, "Хасан");
    REQUIRE(m != nullptr);
    CHECK(std::find(m->reasons.begin(), m->reasons.end(), "country from 'российской'") != m->reasons.end());
}

TEST_CASE("Korean: a name written with its own kind (산, 강) says place without a locative particle",
          "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    const std::string text = "기념식수에는 백두산과 한라산의 흙을 섞어 썼다.";
    auto r = gp.parse("ko", text);
    check_places(text, r, {{"백두산", 42.0, 128.06, 30}, {"한라산", 33.36, 126.53, 30}});
}

TEST_CASE("Korean: a foreign name the index has only in Latin letters, with a place suffix and the article's support",
          "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    const std::string text = "열차는 이날 오전 베트남 랑선성의 동당역에 도착했다. 일행은 동당역에서 차로 갈아탔다.";
    auto r = gp.parse("ko", text);
    // "langson" is Lạng Sơn's key but for the word break; so is "dongdang" Đồng Đăng's.
    check_places(text, r, {{"랑선성", 21.85, 106.76, 30}, {"동당역", 21.95, 106.70, 10}});
    // Without an article that supports the country, such a name is not reported.
    const std::string alone = "일행은 동당역에서 차로 갈아탔다.";
    auto a = gp.parse("ko", alone);
    CHECK(find(a, "동당역") == nullptr);
}

TEST_CASE("Russian: heavenly bodies are no places on Earth", "[geoparse][language][data]") {
    std::string path = test::default_index();
    if (path.empty()) GAZETTEER_SKIP("the default index has not been built");
    Index idx = Index::open(path);
    Geoparser gp(idx);
    const std::string text = "С космодрома Восточный ракета полетит к Луне, а затем миссия отправится на Марс.";
    auto r = gp.parse("ru", text);
    check_places(text, r, {{"Восточный", 51.88, 128.33, 30}});
    CHECK(find(r, "Луне") == nullptr);  // Luna in Romania or the Philippines
    CHECK(find(r, "Марс") == nullptr);  // Mars, Pennsylvania
}
