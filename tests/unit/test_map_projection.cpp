// Framing a map: the smallest extent around positions (the longitude gap rule, across 180
// degrees) and the projection chosen for it, shared by the Qt map and the QGIS plugin.

#include <gazetteer/geo_extent.hpp>
#include <gazetteer/map_projection.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace gazetteer;

TEST_CASE("extent_of leaves out the widest gap of longitudes") {
    CHECK_FALSE(extent_of({}).has_value());

    // Pyongyang, Vladivostok, Komsomolsk-on-Amur: an ordinary box.
    auto e = extent_of({{125.75, 39.03}, {131.87, 43.11}, {137.0, 50.55}});
    REQUIRE(e);
    CHECK(e->west == Approx(125.75));
    CHECK(e->east == Approx(137.0));
    CHECK(e->south == Approx(39.03));
    CHECK(e->north == Approx(50.55));
    CHECK_FALSE(e->crosses_antimeridian());

    // Tokyo, Honolulu, San Francisco: the box runs over the Pacific, across 180 degrees.
    e = extent_of({{139.69, 35.69}, {-157.86, 21.31}, {-122.42, 37.77}});
    REQUIRE(e);
    CHECK(e->crosses_antimeridian());
    CHECK(e->west == Approx(139.69));
    CHECK(e->east == Approx(-122.42));
    CHECK(e->lon_span() == Approx(360 - 139.69 - 122.42));
    CHECK(e->center_lon() == Approx(wrap_longitude(139.69 + (360 - 139.69 - 122.42) / 2)));
    CHECK(e->center_lon() < -160);

    // A single point is an empty box; padding gives it room.
    e = extent_of({{10, 20}});
    REQUIRE(e);
    const GeoExtent p = e->padded(0.1, 2);
    CHECK(p.west == Approx(8));
    CHECK(p.east == Approx(12));
    CHECK(p.south == Approx(18));
    CHECK(p.north == Approx(22));
}

TEST_CASE("padded extents wrap across 180 degrees and stop at the poles") {
    const GeoExtent e{170, 80, -170, 88};
    const GeoExtent p = e.padded(0.5, 1);
    CHECK(p.crosses_antimeridian());
    CHECK(p.west == Approx(160));
    CHECK(p.east == Approx(-160));
    CHECK(p.north == 90);
    CHECK(GeoExtent{-170, 0, 170, 1}.padded(0.1, 1).lon_span() == 360);
}

TEST_CASE("choose_projection centres a local projection on the extent") {
    SECTION("mid latitudes: Lambert conformal conic") {
        const auto c = choose_projection(ProjectionKind::Local, GeoExtent{125, 39, 137, 51});
        CHECK(c.chosen == ProjectionKind::Local);
        CHECK(c.definition.rfind("+proj=lcc +lat_0=45.0000 +lon_0=131.0000 +lat_1=41.0000 +lat_2=49.0000", 0) == 0);
        CHECK(c.domain.central_lon == 131);
    }
    SECTION("a box across 180 degrees: centred on it, so it is drawn whole") {
        const GeoExtent pacific{139.69, 21.31, -122.42, 37.77};  // Tokyo, Honolulu, San Francisco
        const auto c = choose_projection(ProjectionKind::Local, pacific);
        CHECK(c.chosen == ProjectionKind::Local);
        CHECK(c.definition.find("+proj=lcc +lat_0=29.5400 +lon_0=-171.3650 ") == 0);
        CHECK(c.domain.central_lon == Approx(pacific.center_lon()).margin(1e-4));
    }
    SECTION("too wide for a local projection: Equal Earth centred on the extent") {
        const auto c = choose_projection(ProjectionKind::Local, GeoExtent{100, -40, -60, 60});
        CHECK(c.chosen == ProjectionKind::EqualEarth);
        CHECK(c.definition.find("+proj=eqearth +lon_0=-160.0000 ") == 0);
        CHECK(c.description.find("too large") != std::string::npos);
    }
    SECTION("near the equator: transverse Mercator; near a pole: polar stereographic") {
        CHECK(choose_projection(ProjectionKind::Local, GeoExtent{100, -5, 110, 5}).definition.find("+proj=tmerc") == 0);
        CHECK(choose_projection(ProjectionKind::Local, GeoExtent{-20, 75, 20, 85}).definition.find("+proj=stere +lat_0=90") == 0);
    }
    SECTION("Web Mercator stays EPSG:3857 unless the extent crosses 180 degrees") {
        CHECK(choose_projection(ProjectionKind::WebMercator, GeoExtent{10, 10, 20, 20}).definition == "EPSG:3857");
        const auto c = choose_projection(ProjectionKind::WebMercator, GeoExtent{170, 10, -170, 20});
        CHECK(c.definition.find("+proj=merc") == 0);
        CHECK(c.definition.find("+lon_0=-180.0000 ") != std::string::npos);
        CHECK(c.clamp_lat);
    }
    SECTION("no extent: the world") {
        CHECK(choose_projection(ProjectionKind::Local).definition == "EPSG:8857");
    }
}
