// Itinerary extraction on hand-made geoparses: the narratives in tests/data/itinerary/ are our
// own invented journeys; each .json beside a .txt lists the places a perfect geoparser would find
// (surface -> coordinates) and the itinerary expected. Testing on hand-made mentions keeps these
// tests about the itinerary method (cues, dates, order, modes), not about geoparser recall.

#include "test_support.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/itinerary.hpp>
#include <gazetteer/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace gazetteer;
using nlohmann::json;

namespace {

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) >= 0x80); }

// A geoparse that finds exactly the listed surfaces (case-sensitive, whole words, longest first)
// and resolves each to its listed place.
ArticleResult fake_geoparse(const std::string& text, const json& places) {
    struct Hit { std::size_t begin, end; std::string surface; };
    std::vector<std::string> surfaces;
    for (auto it = places.begin(); it != places.end(); ++it) surfaces.push_back(it.key());
    std::sort(surfaces.begin(), surfaces.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    std::vector<Hit> hits;
    std::vector<bool> taken(text.size(), false);
    for (const auto& s : surfaces) {
        for (std::size_t pos = text.find(s); pos != std::string::npos; pos = text.find(s, pos + 1)) {
            const std::size_t end = pos + s.size();
            if ((pos > 0 && word_char(text[pos - 1])) || (end < text.size() && word_char(text[end]))) continue;
            if (std::any_of(taken.begin() + static_cast<long>(pos), taken.begin() + static_cast<long>(end), [](bool b) { return b; })) continue;
            std::fill(taken.begin() + static_cast<long>(pos), taken.begin() + static_cast<long>(end), true);
            hits.push_back({pos, end, s});
        }
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.begin < b.begin; });
    const TokenizedText tt = tokenize(text);
    ArticleResult r;
    for (const auto& h : hits) {
        const json& p = places[h.surface];
        Mention m;
        m.byte_start = h.begin;
        m.byte_end = h.end;
        m.start = code_point_count(std::string_view(text).substr(0, h.begin));
        m.end = m.start + code_point_count(h.surface);
        m.text = h.surface;
        for (const auto& s : tt.sentences) {
            if (s.begin <= h.begin && h.end <= s.end) {
                m.sentence = text.substr(s.begin, s.end - s.begin);
                m.sentence_start = s.cp_begin;
            }
        }
        Place place;
        place.id = "test:" + h.surface;
        place.name = h.surface;
        place.lat = p["lat"].get<double>();
        place.lon = p["lon"].get<double>();
        place.country = p["country"].get<std::string>();
        place.feature_class = p["class"].get<std::string>()[0];
        place.feature_code = p["code"].get<std::string>();
        if (place.feature_code.rfind("PCL", 0) == 0) place.source = Source::Country;
        m.place = place;
        m.confidence = 0.9;
        r.mentions.push_back(std::move(m));
    }
    return r;
}

struct Case {
    std::string name, text;
    json spec;
};

Case load_case(const std::string& name) {
    const auto dir = test::data_dir() / "itinerary";
    Case c;
    c.name = name;
    c.text = read_text(dir / (name + ".txt"));
    c.spec = json::parse(read_text(dir / (name + ".json")));
    return c;
}

std::vector<std::string> names_of(const Itinerary& it) {
    std::vector<std::string> v;
    for (const auto& s : it.stops) v.push_back(s.name);
    return v;
}

void check_case(const Case& c, const Itinerary& it) {
    const json& ex = c.spec["expect"];
    INFO("case " << c.name << "\n" << itinerary_json(it));
    if (ex["traveller"].is_null()) CHECK(it.traveller.empty());
    else CHECK(it.traveller == ex["traveller"].get<std::string>());
    CHECK(names_of(it) == ex["stops"].get<std::vector<std::string>>());
    if (ex.contains("modes")) {
        REQUIRE(it.legs.size() == ex["modes"].size());
        for (std::size_t i = 0; i < it.legs.size(); ++i) {
            INFO("leg " << i + 1);
            const std::string want = ex["modes"][i].is_null() ? std::string() : ex["modes"][i].get<std::string>();
            CHECK(it.legs[i].mode == want);
            CHECK(it.legs[i].distance_km > 0);
        }
    }
    if (ex.contains("dates")) {
        for (auto d = ex["dates"].begin(); d != ex["dates"].end(); ++d) {
            INFO("date of " << d.key());
            auto s = std::find_if(it.stops.begin(), it.stops.end(), [&](const ItineraryStop& st) { return st.name == d.key(); });
            REQUIRE(s != it.stops.end());
            CHECK(s->date == d.value().get<std::string>());
        }
    }
    if (ex.contains("stop_dates")) {
        std::vector<std::string> dates;
        for (const auto& s : it.stops) dates.push_back(s.date);
        CHECK(dates == ex["stop_dates"].get<std::vector<std::string>>());
    }
    // Places that are no stop are listed in place_notes with their role.
    if (ex.contains("note_roles")) {
        for (auto r = ex["note_roles"].begin(); r != ex["note_roles"].end(); ++r) {
            INFO("note of " << r.key());
            const bool noted = std::any_of(it.place_notes.begin(), it.place_notes.end(), [&](const ItineraryNote& n) {
                return n.name == r.key() && mention_role_name(n.role) == r.value().get<std::string>();
            });
            CHECK(noted);
        }
    }
    // Every place named in the text is a stop or has a note saying why it is not one.
    for (auto p = c.spec["places"].begin(); p != c.spec["places"].end(); ++p) {
        const bool stop = std::any_of(it.stops.begin(), it.stops.end(), [&](const ItineraryStop& s) { return s.name == p.key(); });
        const bool noted = std::any_of(it.place_notes.begin(), it.place_notes.end(), [&](const ItineraryNote& n) { return n.name == p.key(); });
        INFO("place " << p.key());
        CHECK((stop || noted));
    }
    if (ex.contains("roles")) {
        std::vector<std::string> roles;
        for (const auto& s : it.stops) roles.push_back(stop_role_name(s.role));
        CHECK(roles == ex["roles"].get<std::vector<std::string>>());
    }
    if (ex.contains("absent")) {
        for (const auto& a : ex["absent"]) {
            INFO("absent " << a.get<std::string>());
            CHECK(std::none_of(it.stops.begin(), it.stops.end(), [&](const ItineraryStop& s) { return s.name == a.get<std::string>(); }));
        }
    }
    // Evidence spans point at the place mention in the text.
    for (const auto& s : it.stops) {
        CHECK(s.evidence.end > s.evidence.start);
        CHECK_FALSE(s.evidence.sentence.empty());
        CHECK_FALSE(s.evidence.cue.empty());
    }
    for (std::size_t i = 0; i < it.stops.size(); ++i) CHECK(it.stops[i].seq == i + 1);
    // An undated stop says what placed it: in its placement and in a note.
    const bool no_year = std::any_of(it.notes.begin(), it.notes.end(), [](const std::string& n) { return n.find("no year") != std::string::npos; });
    for (const auto& s : it.stops) {
        if (!s.date.empty() || s.role == StopRole::Origin || no_year) continue;
        INFO("undated stop " << s.name);
        CHECK(s.placed_by != Placement::Date);
        const std::string note = s.name + ": undated, placed by " + placement_name(s.placed_by);
        CHECK(std::find(it.notes.begin(), it.notes.end(), note) != it.notes.end());
    }
}

}  // namespace

TEST_CASE("itineraries of the invented narratives", "[itinerary]") {
    for (const char* name : {"papal_pacific", "state_visit_reordered", "unnamed_delegation", "chancellor_return", "dateline_weekdays",
                             "papal_asia_2024", "state_visit_alaska_2023", "royal_samoa_2024", "summit_pyongyang_2024",
                             "summit_hanoi_2019", "europe_tour_no_year", "pacific_tour", "siberian_rail",
                             "weekday_after_dates_2023", "summit_dateline_stopover_2024", "tour_told_backwards_2025",
                             "car_and_ship_2022", "papal_present_tense", "tour_route_verbs_2024",
                             "state_visit_beijing_2023", "migrant_overland_2023", "research_ship_2024", "athlete_tour_2025"}) {
        SECTION(name) {
            const Case c = load_case(name);
            ItineraryOptions o;
            if (c.spec.contains("options") && c.spec["options"].contains("article_date")) o.article_date = c.spec["options"]["article_date"];
            const Itinerary it = extract_itinerary(fake_geoparse(c.text, c.spec["places"]), c.text, o);
            check_case(c, it);
        }
    }
}

TEST_CASE("legs crossing the antimeridian are split in the layers", "[itinerary]") {
    for (const char* name : {"papal_pacific", "dateline_weekdays", "state_visit_alaska_2023", "royal_samoa_2024", "pacific_tour",
                             "summit_dateline_stopover_2024"}) {
        const Case c = load_case(name);
        const Itinerary it = extract_itinerary(fake_geoparse(c.text, c.spec["places"]), c.text);
        const Route route = itinerary_route(it);
        for (const auto& leg_no : c.spec["expect"]["antimeridian_legs"]) {
            const auto i = leg_no.get<std::size_t>() - 1;
            REQUIRE(i < route.legs.size());
            CHECK(route.legs[i].crosses_antimeridian());
        }
        const std::vector<Layer> layers = itinerary_layers(it);
        REQUIRE(layers.size() == 4);
        CHECK(layers[0].name == "stops");
        CHECK(layers[1].name == "legs");
        CHECK(layers[2].name == "route");
        CHECK(layers[3].name == "place_notes");
        CHECK(layers[3].features.size() == it.place_notes.size());
        for (const auto& f : layers[3].features) CHECK(f.values.size() == layers[3].fields.size());
        CHECK(layers[0].features.size() == it.stops.size());
        CHECK(layers[1].features.size() == it.legs.size());
        // The stops layer carries the evidence fields after the route fields.
        const auto& fields = layers[0].fields;
        CHECK(std::any_of(fields.begin(), fields.end(), [](const Field& f) { return f.name == "evidence"; }));
        CHECK(std::any_of(fields.begin(), fields.end(), [](const Field& f) { return f.name == "date"; }));
        for (const auto& f : layers[0].features) CHECK(f.values.size() == fields.size());
    }
}

TEST_CASE("an airport merges into its city's stop but stays a stop without one", "[itinerary]") {
    const json places = {
        {"Tokyo", {{"lat", 35.6895}, {"lon", 139.69171}, {"country", "JP"}, {"class", "P"}, {"code", "PPLC"}}},
        {"Narita Airport", {{"lat", 35.7647}, {"lon", 140.3864}, {"country", "JP"}, {"class", "S"}, {"code", "AIRP"}}},
        {"Osaka", {{"lat", 34.69374}, {"lon", 135.50218}, {"country", "JP"}, {"class", "P"}, {"code", "PPLA"}}},
        {"Manila", {{"lat", 14.6042}, {"lon", 120.9822}, {"country", "PH"}, {"class", "P"}, {"code", "PPLC"}}}};
    SECTION("an airport of a city stop") {
        const std::string text = "Minister Ken Mori left Tokyo on Monday, May 5, 2025, and flew from Narita Airport to Manila.";
        const Itinerary it = extract_itinerary(fake_geoparse(text, places), text);
        CHECK(names_of(it) == std::vector<std::string>{"Tokyo", "Manila"});
        REQUIRE(it.legs.size() == 1);
        CHECK(it.legs[0].mode == "plane");
    }
    SECTION("an airport far from the city stops") {
        const std::string text = "Minister Ken Mori left Osaka on Monday, May 5, 2025, and flew from Narita Airport to Manila.";
        const Itinerary it = extract_itinerary(fake_geoparse(text, places), text);
        CHECK(names_of(it) == std::vector<std::string>{"Osaka", "Narita Airport", "Manila"});
    }
}

TEST_CASE("a bare weekday after dates told in order is the next such day", "[itinerary]") {
    // The same sentence told after a lead that went back in time keeps the look-back rule
    // (papal_asia_2024); here the text runs forward, so Wednesday follows Tuesday, Sept. 12.
    const Case c = load_case("weekday_after_dates_2023");
    const Itinerary it = extract_itinerary(fake_geoparse(c.text, c.spec["places"]), c.text);
    REQUIRE(it.stops.size() == 3);
    CHECK(it.stops[2].date == "2023-09-13");
    CHECK(it.stops[2].date_inferred);
    // With a publication date, AP style holds: a past-tense Wednesday is the one before it.
    ItineraryOptions o;
    o.article_date = "2023-09-12";
    const Itinerary published = extract_itinerary(fake_geoparse(c.text, c.spec["places"]), c.text, o);
    auto cosmodrome = std::find_if(published.stops.begin(), published.stops.end(),
                                   [](const ItineraryStop& s) { return s.name == "Vostochny Cosmodrome"; });
    REQUIRE(cosmodrome != published.stops.end());
    CHECK(cosmodrome->date == "2023-09-06");
}

TEST_CASE("a named traveller selects whose journey is extracted", "[itinerary]") {
    const Case c = load_case("chancellor_return");
    ItineraryOptions o;
    o.traveller = "Falk";
    const Itinerary it = extract_itinerary(fake_geoparse(c.text, c.spec["places"]), c.text, o);
    CHECK(it.traveller == "Jonas Falk");
    REQUIRE(it.stops.size() == 1);
    CHECK(it.stops[0].name == "Seoul");
    CHECK(it.legs.empty());
}

TEST_CASE("the JSON output has the promised shape", "[itinerary]") {
    const Case c = load_case("state_visit_reordered");
    const Itinerary it = extract_itinerary(fake_geoparse(c.text, c.spec["places"]), c.text);
    const json j = json::parse(itinerary_json(it));
    CHECK(j["traveller"] == "Grace Okafor");
    REQUIRE(j["stops"].size() == it.stops.size());
    for (const auto& s : j["stops"]) {
        for (const char* key : {"seq", "name", "place_id", "lat", "lon", "date", "evidence"}) CHECK(s.contains(key));
        CHECK(s["evidence"].contains("sentence"));
        CHECK(s["evidence"].contains("start"));
        CHECK(s["evidence"].contains("end"));
    }
    REQUIRE(j["legs"].size() == it.legs.size());
    for (const auto& l : j["legs"]) {
        for (const char* key : {"from", "to", "mode", "distance_km"}) CHECK(l.contains(key));
    }
    CHECK(j["legs"][2]["mode"].is_null());
}

TEST_CASE("an article without motion gives an empty itinerary, not an error", "[itinerary]") {
    const std::string text = "Officials in Oslo said on Monday that exports rose. Oslo's port was busy.";
    const json places = {{"Oslo", {{"lat", 59.9}, {"lon", 10.7}, {"country", "NO"}, {"class", "P"}, {"code", "PPLC"}}}};
    const Itinerary it = extract_itinerary(fake_geoparse(text, places), text);
    CHECK(it.stops.empty());
    CHECK(it.legs.empty());
    CHECK(it.traveller.empty());
    CHECK_THROWS_AS(itinerary_route(it), UsageError);
    CHECK_THROWS_AS(itinerary_layers(it), UsageError);
}

TEST_CASE("bad input gives clear errors", "[itinerary]") {
    const Case c = load_case("unnamed_delegation");
    const ArticleResult parsed = fake_geoparse(c.text, c.spec["places"]);

    SECTION("malformed article dates") {
        for (const char* bad : {"2024-13-01", "2024-02-30", "04/03/2024", "2024-3-4", "yesterday", "2024-03-04T10:00"}) {
            INFO(bad);
            ItineraryOptions o;
            o.article_date = bad;
            CHECK_THROWS_WITH(extract_itinerary(parsed, c.text, o), "article date '" + std::string(bad) + "': expected YYYY-MM-DD");
        }
    }
    SECTION("a traveller the article never mentions") {
        ItineraryOptions o;
        o.traveller = "Napoleon Bonaparte";
        CHECK_THROWS_AS(extract_itinerary(parsed, c.text, o), UsageError);
        CHECK_THROWS_WITH(extract_itinerary(parsed, c.text, o), "traveller 'Napoleon Bonaparte' is not mentioned in the article");
    }
    SECTION("a geoparse of another text") {
        CHECK_THROWS_AS(extract_itinerary(parsed, std::string_view(c.text).substr(0, 40)), UsageError);
    }
}
