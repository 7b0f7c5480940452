// Routes from stops: geodesic lengths and bearings against published values, antimeridian
// splitting (RFC 7946 section 3.1.9), polar and zero-length legs, the route layers.

#include <gazetteer/error.hpp>
#include <gazetteer/route.hpp>

#include <catch2/catch.hpp>
#include <geodesic.h>

#include <cmath>
#include <string>
#include <vector>

using namespace gazetteer;

namespace {

const geod_geodesic& wgs84() {
    static const geod_geodesic g = [] {
        geod_geodesic init{};
        geod_init(&init, 6378137.0, 1.0 / 298.257223563);
        return init;
    }();
    return g;
}

double geodesic_m(double lat1, double lon1, double lat2, double lon2) {
    double s12 = 0;
    geod_inverse(&wgs84(), lat1, lon1, lat2, lon2, &s12, nullptr, nullptr);
    return s12;
}

double dms(double d, double m, double s) { return d + m / 60 + s / 3600; }

// Every vertex of the leg lies on the geodesic between its ends: going through it is no longer
// than the geodesic itself (to 1 mm), which also checks the crossing latitudes are exact.
void require_on_geodesic(const Leg& leg, double lat1, double lon1, double lat2, double lon2) {
    const double total = geodesic_m(lat1, lon1, lat2, lon2);
    for (const auto& part : leg.parts) {
        for (const auto& p : part) {
            const double via = geodesic_m(lat1, lon1, p.lat, p.lon) + geodesic_m(p.lat, p.lon, lat2, lon2);
            REQUIRE(via - total < 1e-3);
        }
    }
}

void require_valid_parts(const Leg& leg) {
    REQUIRE_FALSE(leg.parts.empty());
    for (const auto& part : leg.parts) {
        REQUIRE(part.size() >= 2);
        for (const auto& p : part) {
            REQUIRE(std::isfinite(p.lon));
            REQUIRE(std::isfinite(p.lat));
            REQUIRE(p.lon >= -180.0);
            REQUIRE(p.lon <= 180.0);
            REQUIRE(p.lat >= -90.0);
            REQUIRE(p.lat <= 90.0);
        }
    }
}

// An antimeridian split: part i ends exactly on +-180 and part i+1 starts on the opposite sign
// at the same latitude.
void require_split_at_antimeridian(const Leg& leg) {
    REQUIRE(leg.parts.size() >= 2);
    REQUIRE(leg.crosses_antimeridian());
    for (std::size_t i = 0; i + 1 < leg.parts.size(); ++i) {
        const LonLat end = leg.parts[i].back();
        const LonLat start = leg.parts[i + 1].front();
        REQUIRE(std::abs(end.lon) == 180.0);
        REQUIRE(start.lon == -end.lon);
        REQUIRE(start.lat == end.lat);
    }
}

Stop stop(const char* name, double lat, double lon) {
    Stop s;
    s.name = name;
    s.lat = lat;
    s.lon = lon;
    return s;
}

}  // namespace

TEST_CASE("geodesic lengths and azimuths match published WGS84 values", "[route]") {
    SECTION("JFK to Paris CDG, the GeodSolve manual example: 53.47022 deg, 5853226 m") {
        const Leg leg = geodesic_leg(40.6, -73.8, dms(49, 1, 0), dms(2, 33, 0));
        CHECK(leg.distance_km == Approx(5853.226).margin(0.0005));
        REQUIRE(leg.initial_bearing_deg);
        CHECK(*leg.initial_bearing_deg == Approx(53.47022).margin(5e-6));
    }
    SECTION("Flinders Peak to Buninyong (Vincenty 1975, Geoscience Australia): 54972.271 m, 306 52 05.37") {
        // Published on GRS80; WGS84's flattening differs by 1e-11, far below the millimetre.
        const Leg leg = geodesic_leg(-dms(37, 57, 3.72030), dms(144, 25, 29.52440),
                                     -dms(37, 39, 10.15610), dms(143, 55, 35.38390));
        CHECK(leg.distance_km == Approx(54.972271).margin(1e-6));
        REQUIRE(leg.initial_bearing_deg);
        CHECK(*leg.initial_bearing_deg == Approx(dms(306, 52, 5.37)).margin(1e-5));
    }
    SECTION("the WGS84 quarter meridian is 10001965.729 m") {
        const Leg leg = geodesic_leg(0, 0, 90, 0);
        CHECK(leg.distance_km == Approx(10001.965729).margin(1e-6));
        CHECK(*leg.initial_bearing_deg == 0.0);
    }
    SECTION("one degree along the equator is a * pi / 180") {
        const Leg leg = geodesic_leg(0, 10, 0, 11);
        CHECK(leg.distance_km == Approx(6378137.0 * M_PI / 180 / 1000).margin(1e-9));
    }
    SECTION("JFK to Singapore Changi, the geodesic.h example: 15347512.941 m") {
        // Checked with PROJ's `geod -I +ellps=WGS84`: 15347512.941 m, azimuth 3.305773 deg.
        const Leg leg = geodesic_leg(40.64, -73.78, 1.36, 103.99);
        CHECK(leg.distance_km == Approx(15347.512941).margin(1e-6));
        CHECK(leg.distance_km * 1000 == Approx(geodesic_m(40.64, -73.78, 1.36, 103.99)).margin(1e-6));
        CHECK(*leg.initial_bearing_deg == Approx(3.305773).margin(1e-6));
        REQUIRE(leg.parts.size() == 1);
        require_valid_parts(leg);
        require_on_geodesic(leg, 40.64, -73.78, 1.36, 103.99);
    }
}

TEST_CASE("initial bearings point the right way", "[route]") {
    CHECK(*geodesic_leg(0, 0, 0, 1).initial_bearing_deg == Approx(90));
    CHECK(*geodesic_leg(0, 0, 1, 0).initial_bearing_deg == Approx(0));
    CHECK(*geodesic_leg(0, 1, 0, 0).initial_bearing_deg == Approx(270));
    CHECK(*geodesic_leg(1, 0, 0, 0).initial_bearing_deg == Approx(180));
    // Always in [0, 360), never -0.
    const double north_over_pole = *geodesic_leg(80, 10, 80, -170).initial_bearing_deg;
    CHECK(north_over_pole == 0.0);
    CHECK_FALSE(std::signbit(north_over_pole));
}

TEST_CASE("legs are densified along the geodesic", "[route]") {
    SECTION("steps of at most max_segment_km") {
        DensifyOptions options;
        options.max_segment_km = 50;
        const Leg leg = geodesic_leg(40.64, -73.78, 1.36, 103.99, options);
        const auto& part = leg.parts.at(0);
        REQUIRE(part.size() >= static_cast<std::size_t>(15347.5 / 50) + 1);
        for (std::size_t i = 1; i < part.size(); ++i) {
            CHECK(geodesic_m(part[i - 1].lat, part[i - 1].lon, part[i].lat, part[i].lon) <= 50000.001);
        }
        CHECK(part.front().lon == -73.78);
        CHECK(part.front().lat == 40.64);
        CHECK(part.back().lon == 103.99);
        CHECK(part.back().lat == 1.36);
    }
    SECTION("short legs still get min_segments steps") {
        const Leg leg = geodesic_leg(52.52, 13.405, 52.39, 13.065);  // Berlin to Potsdam, ~27 km
        REQUIRE(leg.parts.size() == 1);
        CHECK(leg.parts[0].size() == DensifyOptions{}.min_segments + 1);
    }
    SECTION("bad options are refused") {
        DensifyOptions options;
        options.max_segment_km = 0;
        REQUIRE_THROWS_AS(geodesic_leg(0, 0, 1, 1, options), UsageError);
    }
}

TEST_CASE("legs crossing the antimeridian are split exactly at +-180", "[route]") {
    SECTION("Hanoi to Anchorage") {
        const Leg leg = geodesic_leg(21.0285, 105.8542, 61.2181, -149.9003);
        require_valid_parts(leg);
        require_split_at_antimeridian(leg);
        REQUIRE(leg.parts.size() == 2);
        CHECK(leg.parts[0].back().lon == 180.0);
        CHECK(leg.parts[0].front().lon == 105.8542);
        CHECK(leg.parts[1].back().lon == -149.9003);
        require_on_geodesic(leg, 21.0285, 105.8542, 61.2181, -149.9003);
    }
    SECTION("Anchorage to Hanoi crosses westwards at the same latitude") {
        const Leg east = geodesic_leg(21.0285, 105.8542, 61.2181, -149.9003);
        const Leg west = geodesic_leg(61.2181, -149.9003, 21.0285, 105.8542);
        require_split_at_antimeridian(west);
        CHECK(west.parts[0].back().lon == -180.0);
        CHECK(west.parts[0].back().lat == Approx(east.parts[0].back().lat).margin(1e-9));
    }
    SECTION("Tokyo to Honolulu") {
        const Leg leg = geodesic_leg(35.6762, 139.6503, 21.3069, -157.8583);
        require_valid_parts(leg);
        require_split_at_antimeridian(leg);
        REQUIRE(leg.parts.size() == 2);
        require_on_geodesic(leg, 35.6762, 139.6503, 21.3069, -157.8583);
        // Lengths are unaffected by the cut.
        CHECK(leg.distance_km * 1000 == Approx(geodesic_m(35.6762, 139.6503, 21.3069, -157.8583)).margin(1e-6));
    }
    SECTION("a short hop across it in Fiji") {
        const Leg leg = geodesic_leg(-17.7, 178.0, -16.5, -179.9);
        require_split_at_antimeridian(leg);
        require_on_geodesic(leg, -17.7, 178.0, -16.5, -179.9);
    }
    SECTION("a leg along the antimeridian is not split") {
        const Leg along = geodesic_leg(-10, 180, 50, 180);
        require_valid_parts(along);
        REQUIRE(along.parts.size() == 1);
        for (const auto& p : along.parts[0]) CHECK(p.lon == 180.0);
        const Leg mixed = geodesic_leg(-10, -180, 50, 180);  // the same meridian written twice
        REQUIRE(mixed.parts.size() == 1);
        CHECK(mixed.distance_km == Approx(along.distance_km));
    }
    SECTION("a leg starting on the antimeridian takes the sign of the side it runs on") {
        const Leg east = geodesic_leg(10, 180, 20, -170);
        REQUIRE(east.parts.size() == 1);
        CHECK(east.parts[0].front().lon == -180.0);
        const Leg west = geodesic_leg(10, -180, 20, 170);
        REQUIRE(west.parts.size() == 1);
        CHECK(west.parts[0].front().lon == 180.0);
    }
    SECTION("legs that stay on one side are not split") {
        CHECK(geodesic_leg(35.6762, 139.6503, -33.8688, 151.2093).parts.size() == 1);  // Tokyo-Sydney
        CHECK(geodesic_leg(61.2181, -149.9003, 21.3069, -157.8583).parts.size() == 1);  // Anchorage-Honolulu
    }
}

TEST_CASE("legs near and over the poles", "[route]") {
    SECTION("over the North Pole along a meridian") {
        const Leg leg = geodesic_leg(80, 10, 80, -170);
        require_valid_parts(leg);
        const double half = geodesic_m(80, 10, 90, 10);
        CHECK(leg.distance_km * 1000 == Approx(2 * half).margin(1e-3));
        double max_lat = -90;
        for (const auto& part : leg.parts)
            for (const auto& p : part) max_lat = std::max(max_lat, p.lat);
        CHECK(max_lat == 90.0);  // the pole itself is a vertex
        require_on_geodesic(leg, 80, 10, 80, -170);
    }
    SECTION("close to the pole the vertices are refined in longitude") {
        const Leg leg = geodesic_leg(85, 0, 85, 179);
        require_valid_parts(leg);
        REQUIRE(leg.parts.size() == 1);
        const auto& part = leg.parts[0];
        CHECK(part.size() > 30);  // 1117 km would be 12 steps without the refinement
        for (std::size_t i = 1; i < part.size(); ++i) {
            // Steps under 100 m are left alone (longitude means little metres from the pole).
            const bool narrow = std::abs(part[i].lon - part[i - 1].lon) <= DensifyOptions{}.max_longitude_step_deg + 1e-9;
            CHECK((narrow || geodesic_m(part[i - 1].lat, part[i - 1].lon, part[i].lat, part[i].lon) < 100));
        }
        require_on_geodesic(leg, 85, 0, 85, 179);
    }
    SECTION("across the antimeridian near the South Pole") {
        const Leg leg = geodesic_leg(-85, 170, -85, -100);
        require_valid_parts(leg);
        require_split_at_antimeridian(leg);
        require_on_geodesic(leg, -85, 170, -85, -100);
    }
    SECTION("from the pole itself") {
        const Leg leg = geodesic_leg(90, 0, 60, -170);
        require_valid_parts(leg);
        CHECK(leg.distance_km * 1000 == Approx(geodesic_m(90, 0, 60, -170)).margin(1e-6));
        CHECK(leg.parts.front().front().lat == 90.0);
        CHECK(leg.parts.back().back().lon == -170.0);
    }
}

TEST_CASE("zero-length legs keep a valid geometry and no bearing", "[route]") {
    SECTION("the same position twice") {
        const Leg leg = geodesic_leg(43.1155, 131.885, 43.1155, 131.885);
        CHECK(leg.distance_km == 0.0);
        CHECK_FALSE(leg.initial_bearing_deg);
        REQUIRE(leg.parts.size() == 1);
        REQUIRE(leg.parts[0].size() == 2);
        CHECK(leg.parts[0][0].lon == 131.885);
        CHECK(leg.parts[0][1].lat == 43.1155);
    }
    SECTION("the pole under two longitudes") {
        const Leg leg = geodesic_leg(90, 10, 90, -120);
        CHECK(leg.distance_km == 0.0);
        CHECK_FALSE(leg.initial_bearing_deg);
        require_valid_parts(leg);
    }
    SECTION("a route visiting the same stop twice") {
        const Route route = build_route({stop("A", 10, 20), stop("A again", 10, 20), stop("B", 11, 20)});
        REQUIRE(route.legs.size() == 2);
        CHECK(route.legs[0].distance_km == 0.0);
        CHECK_FALSE(route.legs[0].initial_bearing_deg);
        CHECK(route.legs[1].distance_km > 100);
        CHECK(route.total_km() == route.legs[1].distance_km);
    }
}

TEST_CASE("build_route ties stops, modes and dates together", "[route]") {
    const Route route = build_route({stop("Pyongyang", 39.0392, 125.7625), stop("Khasan", 42.4297, 130.6464),
                                     stop("Vostochny", 51.8844, 128.3339)},
                                    {"train", ""}, {"2023-09-10", "2023-09-12"});
    REQUIRE(route.legs.size() == 2);
    CHECK(route.legs[0].from == 0);
    CHECK(route.legs[0].to == 1);
    CHECK(route.legs[1].from == 1);
    CHECK(route.legs[1].to == 2);
    CHECK(route.legs[0].mode == "train");
    CHECK(route.legs[1].mode.empty());
    CHECK(route.legs[1].date == "2023-09-12");
    CHECK(route.total_km() == Approx(route.legs[0].distance_km + route.legs[1].distance_km));
    // Consecutive legs meet exactly at the shared stop.
    CHECK(route.legs[0].parts.back().back().lon == route.legs[1].parts.front().front().lon);
    CHECK(route.legs[0].parts.back().back().lat == route.legs[1].parts.front().front().lat);
}

TEST_CASE("build_route refuses bad input with a message naming it", "[route]") {
    const std::vector<Stop> two{stop("A", 1, 2), stop("B", 3, 4)};
    struct Case {
        std::vector<Stop> stops;
        std::vector<std::string> modes, dates;
        std::string message;
    };
    const std::vector<Case> cases{
        {{stop("A", 1, 2)}, {}, {}, "a route needs at least two stops, got 1"},
        {two, {"train", "plane"}, {}, "got 2 modes for 1 leg (give one per leg, or none)"},
        {two, {}, {"2023-09-12", "", ""}, "got 3 dates for 1 leg (give one per leg, or none)"},
        {two, {"bus"}, {}, "leg 1: unknown mode 'bus' (expected train, plane, car, ship or empty)"},
        {two, {}, {"2023-02-30"}, "leg 1 date: '2023-02-30' is not a date YYYY-MM-DD"},
        {two, {}, {"12.09.2023"}, "leg 1 date: '12.09.2023' is not a date YYYY-MM-DD"},
        {{stop("A", 1, 2), stop("Nowhere", 91, 0)}, {}, {}, "stop 2 (Nowhere): latitude 91 is outside [-90, 90]"},
        {{stop("A", 1, 2), stop("", 0, -180.5)}, {}, {}, "stop 2: longitude -180.5 is outside [-180, 180]"},
        {{stop("A", 1, NAN), stop("B", 0, 0)}, {}, {}, "stop 1 (A): longitude nan is outside [-180, 180]"},
    };
    for (const auto& c : cases) {
        INFO(c.message);
        REQUIRE_THROWS_AS(build_route(c.stops, c.modes, c.dates), UsageError);
        REQUIRE_THROWS_WITH(build_route(c.stops, c.modes, c.dates), c.message);
    }
    Stop bad_arrival = stop("B", 3, 4);
    bad_arrival.arrival = "2023-13-01";
    REQUIRE_THROWS_WITH(build_route({stop("A", 1, 2), bad_arrival}),
                        "stop 2 (B) arrival: '2023-13-01' is not a date YYYY-MM-DD");
}

TEST_CASE("route_layers gives stops, legs and the whole route", "[route]") {
    Stop a = stop("Hanoi", 21.0285, 105.8542);
    a.place_id = "geonames:1581130";
    a.departure = "2023-09-01";
    const Route route = build_route({a, stop("Anchorage", 61.2181, -149.9003), stop("Anchorage", 61.2181, -149.9003),
                                     stop("Honolulu", 21.3069, -157.8583)},
                                    {"plane", "", "plane"}, {"2023-09-01", "", ""});
    const std::vector<Layer> layers = route_layers(route);
    REQUIRE(layers.size() == 3);

    const Layer& stops = layers[0];
    CHECK(stops.name == "stops");
    CHECK(stops.geometry_type == GeometryType::Point);
    REQUIRE(stops.fields.size() == 5);
    CHECK(stops.fields[0].name == "seq");
    CHECK(stops.fields[3].type == FieldType::Date);
    REQUIRE(stops.features.size() == 4);
    CHECK(std::get<std::int64_t>(stops.features[0].values[0]) == 1);
    CHECK(std::get<std::string>(stops.features[0].values[1]) == "Hanoi");
    CHECK(std::get<std::string>(stops.features[0].values[2]) == "geonames:1581130");
    CHECK(std::holds_alternative<std::monostate>(stops.features[0].values[3]));
    CHECK(std::get<std::string>(stops.features[0].values[4]) == "2023-09-01");
    CHECK(std::holds_alternative<std::monostate>(stops.features[1].values[2]));
    CHECK(stops.features[0].parts[0][0].lon == 105.8542);
    CHECK(stops.features[0].parts[0][0].lat == 21.0285);

    const Layer& legs = layers[1];
    CHECK(legs.name == "legs");
    std::vector<std::string> names;
    for (const auto& f : legs.fields) names.push_back(f.name);
    CHECK(names == std::vector<std::string>{"seq", "from", "to", "mode", "date", "distance_km", "bearing_deg"});
    REQUIRE(legs.features.size() == 3);
    CHECK(legs.features[0].parts.size() == 2);  // split at the antimeridian
    CHECK(std::get<std::int64_t>(legs.features[2].values[1]) == 3);
    CHECK(std::get<std::int64_t>(legs.features[2].values[2]) == 4);
    CHECK(std::get<std::string>(legs.features[0].values[3]) == "plane");
    CHECK(std::holds_alternative<std::monostate>(legs.features[1].values[3]));
    CHECK(std::get<double>(legs.features[0].values[5]) == route.legs[0].distance_km);
    CHECK(std::holds_alternative<std::monostate>(legs.features[1].values[6]));  // zero-length: no bearing

    const Layer& whole = layers[2];
    CHECK(whole.name == "route");
    CHECK(whole.geometry_type == GeometryType::MultiLineString);
    REQUIRE(whole.features.size() == 1);
    // Hanoi -> (cut) -> Anchorage -> Anchorage -> Honolulu: two stretches either side of the cut.
    CHECK(whole.features[0].parts.size() == 2);
    CHECK(std::get<double>(whole.features[0].values[0]) == Approx(route.total_km()));
    CHECK(std::get<std::int64_t>(whole.features[0].values[1]) == 4);
}
