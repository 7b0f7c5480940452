// One schema per output (schemas.hpp): the layers every engine writer produces have exactly the
// declared fields, in order, of the declared types, and every value fits its field. The faces are
// compared against the same declarations in tests/qgis/test_schemas.py.

#include <gazetteer/bulk.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/geoparse.hpp>
#include <gazetteer/itinerary.hpp>
#include <gazetteer/route.hpp>
#include <gazetteer/schemas.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

using namespace gazetteer;

namespace {

// "name:type" of every field of every layer, and the layers' names and geometry types.
std::vector<std::string> shape(const std::vector<Layer>& layers) {
    std::vector<std::string> out;
    for (const auto& l : layers) {
        out.push_back(l.name + "(" + geometry_type_name(l.geometry_type) + ")");
        for (const auto& f : l.fields) out.push_back(f.name + ":" + field_type_name(f.type) + "/" + std::to_string(f.precision));
    }
    return out;
}

void check_values_fit(const std::vector<Layer>& layers) {
    for (const auto& l : layers) {
        for (const auto& f : l.features) {
            INFO(l.name);
            CHECK(f.values.size() == l.fields.size());
        }
    }
}

Place place(const char* id, double lat, double lon) {
    Place p;
    p.id = id;
    p.name = id;
    p.lat = lat;
    p.lon = lon;
    return p;
}

}  // namespace

TEST_CASE("the declared outputs and their errors") {
    CHECK(schema_outputs() == std::vector<std::string>{"geoparse", "bulk", "route", "itinerary"});
    for (const auto& output : schema_outputs()) {
        for (const auto& l : layer_schemas(output)) {
            CHECK(l.features.empty());
            CHECK(shape({layer_schema(output, l.name)}) == shape({l}));
        }
    }
    CHECK_THROWS_WITH(layer_schemas("routes"), "unknown output 'routes': geoparse, bulk, route or itinerary");
    CHECK_THROWS_WITH(layer_schema("route", "place_notes"),
                      "the route output has no layer 'place_notes' (stops, legs, route)");
}

TEST_CASE("the route writer writes the route schema") {
    const Route route = build_route({{"A", "geonames:1", 43.1, 131.9, "2023-09-12", ""}, {"B", "", 42.4, 130.6, "", ""}},
                                    {"train"}, {"2023-09-12"});
    const auto layers = route_layers(route);
    CHECK(shape(layers) == shape(layer_schemas("route")));
    check_values_fit(layers);
}

TEST_CASE("the itinerary writer writes the itinerary schema") {
    Itinerary it;
    it.traveller = "Kim";
    for (auto [id, lat, lon] : {std::tuple{"geonames:1", 39.0, 125.7}, std::tuple{"geonames:2", 42.4, 130.6}}) {
        ItineraryStop s;
        s.seq = it.stops.size() + 1;
        s.place = place(id, lat, lon);
        s.name = s.place.name;
        s.date = "2023-09-12";
        s.date_inferred = it.stops.empty();
        it.stops.push_back(s);
    }
    it.legs.push_back({0, 1, "train", 500});
    ItineraryNote note;
    note.name = "Seoul";
    note.place = place("geonames:3", 37.5, 127.0);
    it.place_notes.push_back(note);
    const auto layers = itinerary_layers(it);
    CHECK(shape(layers) == shape(layer_schemas("itinerary")));
    check_values_fit(layers);
    // date_inferred is an Integer 0/1 in every face.
    const auto& stops = layers.front();
    std::size_t at = 0;
    while (stops.fields[at].name != "date_inferred") ++at;
    CHECK(std::get<std::int64_t>(stops.features[0].values[at]) == 1);
    CHECK(std::get<std::int64_t>(stops.features[1].values[at]) == 0);
}

TEST_CASE("the geoparse and bulk writers write their schemas") {
    GeoparseLayers acc("v");
    ArticleResult r;
    r.id = "a";
    Mention m;
    m.text = "A";
    m.place = place("geonames:1", 1, 2);
    r.mentions.push_back(m);
    r.mentions.push_back(Mention{});
    ArticlePlace ap;
    ap.place = *m.place;
    ap.count = 1;
    r.places.push_back(ap);
    acc.add(r);
    const auto layers = acc.take();
    CHECK(shape(layers) == shape(layer_schemas("geoparse")));
    check_values_fit(layers);
    CHECK(shape(bulk_layer_schemas()) == shape(layer_schemas("bulk")));
}
