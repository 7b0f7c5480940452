// The geoparser over a tiny index built from tests/data/geoparse: recognition, rejection,
// resolution with and without context, abstention, the JSON Lines contract and layer writing.

#include <gazetteer/build.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/geoparse.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/layers.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <gdal/ogr_api.h>
#include <gdal/ogrsf_frmts.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <memory>

using namespace gazetteer;

namespace {

const Index& fixture_index() {
    static test::TempDir dir;
    static std::unique_ptr<Index> idx = [] {
        auto data = test::data_dir() / "geoparse";
        IndexBuilder b;
        b.add_geonames((data / "places.txt").string());
        b.add_admin1_codes((data / "admin1CodesASCII.txt").string());
        b.add_world_countries((data / "countries.json").string());
        std::string out = (dir.path / "geoparse.gzidx").string();
        b.write(out);
        return std::make_unique<Index>(Index::open(out));
    }();
    return *idx;
}

const Mention* find(const ArticleResult& r, std::string_view surface, std::size_t nth = 0) {
    for (const auto& m : r.mentions)
        if (m.text == surface && nth-- == 0) return &m;
    return nullptr;
}

}  // namespace

TEST_CASE("recognition: names, possessives, hyphens, codes and demonyms", "[geoparse]") {
    Geoparser gp(fixture_index());
    std::string text = "Russia's army moved. A Seoul-based analyst said the US and the UK agreed. "
                       "North Korean troops were seen near Pyongyang.";
    auto r = gp.parse("a1", text);
    CHECK(r.id == "a1");
    const Mention* ru = find(r, "Russia");
    REQUIRE(ru);
    CHECK(ru->start == 0);
    CHECK(ru->end == 6);
    REQUIRE(ru->place);
    CHECK(ru->place->id == "country:RU");
    const Mention* seoul = find(r, "Seoul");
    REQUIRE(seoul);
    REQUIRE(seoul->place);
    CHECK(seoul->place->country == "KR");
    const Mention* us = find(r, "US");
    REQUIRE(us);
    REQUIRE(us->place);
    CHECK(us->place->id == "country:US");
    REQUIRE(find(r, "UK"));
    const Mention* nk = find(r, "North Korean");
    REQUIRE(nk);
    CHECK(nk->kind == MentionKind::Demonym);
    REQUIRE(nk->place);
    CHECK(nk->place->country == "KP");
    const Mention* py = find(r, "Pyongyang");
    REQUIRE(py);
    CHECK(py->sentence == "North Korean troops were seen near Pyongyang.");
    CHECK(text.substr(py->byte_start, py->byte_end - py->byte_start) == "Pyongyang");
}

TEST_CASE("rejection: people, organisations, common words, sentence-initial capitals", "[geoparse]") {
    Geoparser gp(fixture_index());
    auto r = gp.parse("a2",
                      "Kim Jong Un met President Vladimir Putin in Vladivostok. Kim said little. "
                      "Keir Giles of Chatham House said the Wagner group was gone. "
                      "Reading the report, officials in Moscow were calm.");
    for (const auto& m : r.mentions) {
        INFO(m.text);
        CHECK(m.text != "Kim");
        CHECK(m.text != "Chatham");
        CHECK(m.text != "Reading");
        if (m.text == "Wagner") CHECK_FALSE(m.place);
    }
    REQUIRE(find(r, "Vladivostok"));
    REQUIRE(find(r, "Moscow"));
}

TEST_CASE("resolution: context, qualifiers and one sense per name", "[geoparse]") {
    Geoparser gp(fixture_index());
    SECTION("without context the prior wins") {
        auto r = gp.parse("b1", "He flew to Moscow on Monday.");
        const Mention* m = find(r, "Moscow");
        REQUIRE(m);
        REQUIRE(m->place);
        CHECK(m->place->country == "RU");
        CHECK(m->alternatives.size() >= 2);
    }
    SECTION("an explicit qualifier overrides the prior") {
        auto r = gp.parse("b2", "The festival in Moscow, Idaho drew crowds. Later, Moscow was quiet again.");
        const Mention* m = find(r, "Moscow");
        REQUIRE(m);
        REQUIRE(m->place);
        CHECK(m->place->country == "US");
        // One sense per name per article: the second Moscow follows the first.
        const Mention* m2 = find(r, "Moscow", 1);
        REQUIRE(m2);
        REQUIRE(m2->place);
        CHECK(m2->place->id == m->place->id);
        REQUIRE(find(r, "Idaho"));
    }
    SECTION("countries named in the article pull ambiguous names") {
        auto r = gp.parse("b3", "The United States and Texas officials met in Paris, where the American team played.");
        const Mention* m = find(r, "Paris");
        REQUIRE(m);
        REQUIRE(m->place);
        CHECK(m->place->country == "US");
        auto r2 = gp.parse("b4", "France said officials met in Paris with French ministers.");
        const Mention* m2 = find(r2, "Paris");
        REQUIRE(m2);
        REQUIRE(m2->place);
        CHECK(m2->place->country == "FR");
    }
    SECTION("metonymy") {
        auto r = gp.parse("b5", "Observers noted that Moscow said it would respond.");
        const Mention* m = find(r, "Moscow");
        REQUIRE(m);
        CHECK(m->kind == MentionKind::Metonymy);
    }
    SECTION("the object of a preposition is the place itself, whatever verb follows") {
        auto r = gp.parse("b6", "Officials in Moscow said the talks would resume. Shop owners in Vladivostok said little.");
        const Mention* m = find(r, "Moscow");
        REQUIRE(m);
        CHECK(m->kind == MentionKind::Literal);
        const Mention* v = find(r, "Vladivostok");
        REQUIRE(v);  // not taken for a person ("Johnson said")
        CHECK(v->kind == MentionKind::Literal);
    }
}

TEST_CASE("kinds filter the mentions and the places", "[geoparse]") {
    const std::string text = "Moscow said it would respond. French diplomats met in Seoul.";
    Geoparser all(fixture_index());
    auto r = all.parse("k", text);
    REQUIRE(find(r, "Moscow"));
    REQUIRE(find(r, "French"));
    CHECK(find(r, "Moscow")->kind == MentionKind::Metonymy);
    CHECK(find(r, "French")->kind == MentionKind::Demonym);

    GeoparseOptions o;
    o.kinds = MentionKinds::parse("literal");
    auto lit = Geoparser(fixture_index(), o).parse("k", text);
    CHECK_FALSE(find(lit, "Moscow"));
    CHECK_FALSE(find(lit, "French"));
    REQUIRE(find(lit, "Seoul"));
    CHECK(lit.places.size() == 1);
    CHECK(lit.places[0].place.name == "Seoul");

    o.kinds = MentionKinds::parse("metonymy, demonym");
    auto md = Geoparser(fixture_index(), o).parse("k", text);
    CHECK(find(md, "Moscow"));
    CHECK(find(md, "French"));
    CHECK_FALSE(find(md, "Seoul"));

    CHECK(MentionKinds::parse("demonym,literal").to_string() == "literal,demonym");
    CHECK(MentionKinds().all());
    CHECK_THROWS_WITH(MentionKinds::parse("literal,toponym"),
                      "unknown mention kind 'toponym' (expected literal, metonymy or demonym)");
    CHECK_THROWS_AS(MentionKinds::parse(""), UsageError);
}

TEST_CASE("abstention keeps the candidates with a low confidence", "[geoparse]") {
    GeoparseOptions strict;
    strict.abstain_below = 0.95;
    Geoparser gp(fixture_index(), strict);
    auto r = gp.parse("c1", "Officials travelled to Springfield for the hearing.");
    const Mention* m = find(r, "Springfield");
    REQUIRE(m);
    CHECK_FALSE(m->place);
    CHECK(m->confidence < 0.95);
    CHECK(m->alternatives.size() == 2);
    CHECK(r.unresolved() == 1);
    CHECK(r.places.empty());
    // Two equally plausible towns weigh less than one clear capital.
    Geoparser normal(fixture_index());
    auto r2 = normal.parse("c2", "Officials travelled to Springfield and to Seoul.");
    REQUIRE(find(r2, "Springfield"));
    REQUIRE(find(r2, "Seoul"));
    CHECK(find(r2, "Springfield")->confidence < find(r2, "Seoul")->confidence);
}

TEST_CASE("code point offsets after non-ASCII text", "[geoparse]") {
    Geoparser gp(fixture_index());
    std::string text = "Café owners in Пхеньян and in Seoul";
    auto r = gp.parse("d1", text);
    const Mention* p = find(r, "Пхеньян");
    REQUIRE(p);
    CHECK(p->start == 15);
    CHECK(p->end == 22);
    REQUIRE(p->place);
    CHECK(p->place->name == "Pyongyang");
    const Mention* s = find(r, "Seoul");
    REQUIRE(s);
    CHECK(s->start == 30);
}

TEST_CASE("JSON Lines contract", "[geoparse]") {
    GeoparseOptions strict;
    Geoparser gp(fixture_index(), strict);
    auto r = gp.parse("e\"1", "Officials in Moscow and Springfield met. Moscow agreed.");
    std::string line;
    ArticleMeta meta;
    meta.title = "T";
    append_json_line(line, r, meta);
    CHECK(line.find('\n') == std::string::npos);
    auto j = nlohmann::json::parse(line);
    CHECK(j["id"] == "e\"1");
    CHECK(j["title"] == "T");
    REQUIRE(j["mentions"].is_array());
    REQUIRE(j["mentions"].size() == r.mentions.size());
    for (const auto& m : j["mentions"]) {
        for (const char* k : {"start", "end", "text", "lat", "lon", "place_id", "name", "country", "feature_code",
                              "confidence", "kind", "sentence", "alternatives"})
            CHECK(m.contains(k));
        CHECK(m["confidence"].get<double>() >= 0);
        CHECK(m["confidence"].get<double>() <= 1);
        if (m["place_id"].is_null()) CHECK(m["lat"].is_null());
    }
    CHECK(j["mentions"][0]["text"] == "Moscow");
    CHECK(j["mentions"][0]["start"] == 13);
    CHECK(j["mentions"][0]["end"] == 19);
    REQUIRE(j["places"].is_array());
    const auto& moscow = j["places"][0];
    CHECK(moscow["place_id"] == "geonames:524901");
    CHECK(moscow["count"] == 2);
    CHECK(moscow["first_start"] == 13);
    CHECK(moscow.contains("max_confidence"));
    CHECK(moscow.contains("mean_confidence"));
}

TEST_CASE("layers: places and mentions written and read back with GDAL", "[geoparse]") {
    Geoparser gp(fixture_index());
    GeoparseLayers acc("test-version");
    acc.add(gp.parse("f1", "Officials in Moscow met envoys from Seoul. Moscow agreed."));
    acc.add(gp.parse("f2", "Nothing here."));
    auto layers = acc.take();
    REQUIRE(layers.size() == 2);
    CHECK(layers[0].name == "places");
    CHECK(layers[0].features.size() == 2);
    CHECK(layers[1].features.size() == 3);
    test::TempDir dir;
    GDALAllRegister();
    for (const char* ext : {"geojson", "gpkg"}) {
        std::string path = (dir.path / (std::string("out.") + ext)).string();
        write_layers(path, layers);
        std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)));
        REQUIRE(ds);
        OGRLayer* places = ds->GetLayer(0);
        REQUIRE(places);
        CHECK(places->GetFeatureCount() == 2);
        places->ResetReading();
        std::unique_ptr<OGRFeature> f(places->GetNextFeature());
        REQUIRE(f);
        CHECK(std::string(f->GetFieldAsString("article_id")) == "f1");
        CHECK(std::string(f->GetFieldAsString("name")) == "Moscow");
        CHECK(f->GetFieldAsInteger("mentions") == 2);
        CHECK(std::string(f->GetFieldAsString("gazetteer_version")) == "test-version");
        auto* pt = f->GetGeometryRef()->toPoint();
        CHECK(pt->getX() == Approx(37.61556));
        CHECK(pt->getY() == Approx(55.75222));
    }
    // RFC 7946: a GeoJSON file has no "crs" member and lon/lat order.
    std::ifstream in(dir.path / "out.geojson");
    auto j = nlohmann::json::parse(in);
    CHECK_FALSE(j.contains("crs"));
}

TEST_CASE("options are validated", "[geoparse]") {
    GeoparseOptions bad;
    bad.abstain_below = 2;
    CHECK_THROWS_AS(Geoparser(fixture_index(), bad), UsageError);
    Geoparser gp(fixture_index());
    CHECK(gp.parse("g", "").mentions.empty());
    CHECK(gp.parse("g", "\xff\xfe Moscow").mentions.size() == 1);
}

TEST_CASE("long texts are parsed in windows: every mention once, whole-text offsets", "[geoparse]") {
    GeoparseOptions small;
    small.window_bytes = 4096;
    small.window_overlap_bytes = 256;
    Geoparser windowed(fixture_index(), small);
    Geoparser whole(fixture_index());

    // Non-ASCII before the places, so code points and bytes differ; no line breaks, so the cuts
    // fall at sentence ends, and in the second text at plain spaces (names straddle the cuts).
    std::string sentences, words;
    for (int i = 0; i < 800; ++i) sentences += "Délégués flew from Vladivostok to Pyongyang via Seoul. ";
    for (int i = 0; i < 1500; ++i) words += "déjà Vladivostok and Komsomolsk-on-Amur ";
    for (const std::string& text : {sentences, words}) {
        REQUIRE(text.size() > 8 * small.window_bytes);
        auto a = windowed.parse("w", text);
        auto b = whole.parse("w", text);
        REQUIRE(a.mentions.size() == b.mentions.size());
        for (std::size_t i = 0; i < a.mentions.size(); ++i) {
            CHECK(a.mentions[i].start == b.mentions[i].start);
            CHECK(a.mentions[i].end == b.mentions[i].end);
            CHECK(a.mentions[i].byte_start == b.mentions[i].byte_start);
            CHECK(a.mentions[i].text == text.substr(a.mentions[i].byte_start, a.mentions[i].byte_end - a.mentions[i].byte_start));
        }
        REQUIRE(a.places.size() == b.places.size());
        for (std::size_t i = 0; i < a.places.size(); ++i) {
            CHECK(a.places[i].place.id == b.places[i].place.id);
            CHECK(a.places[i].count == b.places[i].count);
            CHECK(a.places[i].first_start == b.places[i].first_start);
        }
    }

    // parse_streaming hands the mentions over window by window and keeps none.
    std::size_t calls = 0, streamed = 0, last_end = 0;
    bool ordered = true;
    auto r = windowed.parse_streaming("s", sentences, [&](std::vector<Mention>& ms) {
        ++calls;
        for (const auto& m : ms) {
            ordered = ordered && m.start >= last_end;
            last_end = m.end;
        }
        streamed += ms.size();
    });
    CHECK(calls > 8);
    CHECK(ordered);
    CHECK(r.mentions.empty());
    CHECK(streamed == 2400);
    GeoparseOptions bad = small;
    bad.window_overlap_bytes = 2048;
    CHECK_THROWS_AS(Geoparser(fixture_index(), bad), UsageError);
}

TEST_CASE("a long parse reports its progress and stops when asked", "[geoparse]") {
    Geoparser parser(fixture_index());
    std::string text;
    while (text.size() < 600000)
        text += "The delegation flew from Vladivostok to Pyongyang on Monday. Talks went on all week.\n";
    const auto plain = parser.parse("a", text);

    std::vector<double> seen;
    const auto reported = parser.parse("a", text, [&](double f) {
        seen.push_back(f);
        return true;
    });
    // The same result, and progress from 0 to 1 that never goes back, several times per stage.
    CHECK(reported.mentions.size() == plain.mentions.size());
    CHECK(reported.places.size() == plain.places.size());
    REQUIRE(seen.size() > 20);
    CHECK(seen.front() == 0.0);
    CHECK(seen.back() == 1.0);
    CHECK(std::is_sorted(seen.begin(), seen.end()));

    std::size_t calls = 0;
    CHECK_THROWS_AS(parser.parse("a", text, [&](double f) {
        ++calls;
        return f < 0.3;
    }), Cancelled);
    CHECK(calls < seen.size());
    // An empty callback is no callback.
    CHECK(parser.parse("a", "Officials in Pyongyang said nothing.", ParseProgress{}).mentions.size() == 1);

    // A text longer than one window reports over all its windows, from 0 to 1.
    GeoparseOptions small;
    small.window_bytes = 65536;
    small.window_overlap_bytes = 1024;
    std::vector<double> windowed;
    const auto split = Geoparser(fixture_index(), small).parse("a", text, [&](double f) {
        windowed.push_back(f);
        return true;
    });
    CHECK(split.mentions.size() == plain.mentions.size());
    REQUIRE(windowed.size() > seen.size());
    CHECK(windowed.front() == 0.0);
    CHECK(windowed.back() == 1.0);
    CHECK(std::is_sorted(windowed.begin(), windowed.end()));
}
