// The renderer, the projection and the exporters: points land on the pixels the projection
// predicts (read back from the PNG), routes are drawn between stops, PNG and SVG exports are
// complete and legible-sized, and the pieces they rest on (extents, labels) behave.

#include "map_test_support.hpp"

#include "exporter.hpp"
#include "geo_extent.hpp"
#include "label_layout.hpp"
#include "map_options.hpp"
#include "projection.hpp"
#include "scene_loader.hpp"

#include <gazetteer/error.hpp>

#include <catch2/catch.hpp>

#include <QFile>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>

#include <cmath>
#include <filesystem>

using namespace gazetteer;
using namespace gazetteer::map;
using gazetteer::test::map_fixture;
using gazetteer::test::pixel_is;

namespace {

const QColor kRed(255, 0, 0);
const QColor kWhite(255, 255, 255);

// A style that draws only markers and lines on white, in pure colours, so pixels can be checked.
RenderStyle plain_style() {
    RenderStyle s;
    s.basemap = s.labels = s.title = s.legend = s.scale_bar = s.attribution = false;
    s.marker_outline = false;
    s.sea = kWhite;
    s.place = kRed;
    s.area = kRed;
    s.route = QColor(0, 0, 255);
    s.unit = 1;
    return s;
}

// EPSG:3857 by its closed form (spherical Mercator on the WGS84 semi-major axis), independent of
// PROJ and of MapView.
MapXY web_mercator(double lon, double lat) {
    constexpr double R = 6378137.0;
    return {R * lon * M_PI / 180, R * std::log(std::tan(M_PI / 4 + lat * M_PI / 360))};
}

QImage render_png(const std::string& path, const MapView& view, const Scene& scene, const RenderStyle& style,
                  const Basemap& basemap = Basemap()) {
    export_image(path, view, scene, basemap, style);
    QImage image(QString::fromStdString(path));
    REQUIRE(!image.isNull());
    return image;
}

}  // namespace

TEST_CASE("renderer draws known points at the pixels Web Mercator predicts", "[map][render]") {
    gazetteer::test::qt_app();
    gazetteer::test::TempDir tmp;
    Scene scene;
    SceneLoader loader;
    loader.load_layer(map_fixture("points.geojson"), scene);
    REQUIRE(scene.places.size() == 4);

    MapView view(MapProjection::create(MapProjection::Kind::WebMercator), QSize(640, 480));
    view.fit(scene.extent()->padded(0.1, 1), 30);
    const QImage image = render_png((tmp.path / "points.png").string(), view, scene, plain_style());
    REQUIRE(image.size() == QSize(640, 480));

    for (const ScenePlace& p : scene.places) {
        INFO(p.name);
        const MapXY xy = web_mercator(p.lon, p.lat);
        const double px = 320 + (xy.x - view.center().x) / view.scale();
        const double py = 240 - (xy.y - view.center().y) / view.scale();
        // MapView agrees with the closed form to a hundredth of a pixel...
        const auto predicted = view.to_pixel(p.lon, p.lat);
        REQUIRE(predicted);
        CHECK(std::abs(predicted->x() - px) < 0.01);
        CHECK(std::abs(predicted->y() - py) < 0.01);
        // ...and the marker is there in the image, with white around it.
        const int x = static_cast<int>(std::lround(px)), y = static_cast<int>(std::lround(py));
        CHECK(pixel_is(image, x, y, kRed));
        CHECK(pixel_is(image, x + 1, y - 1, kRed));
        const int r = static_cast<int>(std::ceil(marker_radius(p, 1))) + 3;
        CHECK(pixel_is(image, x + r, y, kWhite));
        CHECK(pixel_is(image, x, y - r, kWhite));
    }
    // Nothing else was drawn: the corners are white.
    CHECK(pixel_is(image, 2, 2, kWhite));
    CHECK(pixel_is(image, 637, 477, kWhite));
}

TEST_CASE("renderer follows equal-area and local projections", "[map][render]") {
    gazetteer::test::qt_app();
    gazetteer::test::TempDir tmp;
    Scene scene;
    SceneLoader loader;
    loader.load_layer(map_fixture("points.geojson"), scene);
    for (auto kind : {MapProjection::Kind::EqualEarth, MapProjection::Kind::Laea, MapProjection::Kind::Local}) {
        INFO(MapProjection::kind_name(kind));
        const GeoExtent extent = scene.extent()->padded(0.1, 1);
        MapView view(MapProjection::create(kind, extent), QSize(500, 400));
        view.fit(extent, 30);
        const QImage image =
            render_png((tmp.path / (std::string(MapProjection::kind_name(kind)) + ".png")).string(), view, scene, plain_style());
        for (const ScenePlace& p : scene.places) {
            INFO(p.name);
            const auto xy = view.projection().forward(p.lon, p.lat);
            REQUIRE(xy);
            const QPointF px = view.to_pixel(*xy);
            CHECK(pixel_is(image, static_cast<int>(std::lround(px.x())), static_cast<int>(std::lround(px.y())), kRed));
        }
    }
}

TEST_CASE("renderer draws route stops and the legs between them", "[map][render]") {
    gazetteer::test::qt_app();
    gazetteer::test::TempDir tmp;
    Scene scene;
    SceneLoader loader;
    loader.load_layer(map_fixture("route.geojson"), scene);
    REQUIRE(scene.places.size() == 3);
    REQUIRE(scene.legs.size() == 2);
    REQUIRE(scene.has_route());
    for (std::size_t i = 0; i < 3; ++i) CHECK(scene.places[i].stop_seq == static_cast<int>(i + 1));

    const RenderStyle style = plain_style();
    MapView view(MapProjection::create(MapProjection::Kind::WebMercator), QSize(800, 600));
    view.fit(scene.focus_extent()->padded(0.1, 0.5), 40);
    const QImage image = render_png((tmp.path / "route.png").string(), view, scene, style);
    for (const ScenePlace& p : scene.places) {
        INFO(p.name);
        const QPointF c = *view.to_pixel(p.lon, p.lat);
        // The badge is route-coloured around its white order number.
        CHECK(pixel_is(image, static_cast<int>(std::lround(c.x())), static_cast<int>(std::lround(c.y() - 8)), style.route));
        CHECK(pixel_is(image, static_cast<int>(std::lround(c.x() - 8)), static_cast<int>(std::lround(c.y())), style.route));
    }
    // A quarter of the way along each leg the line is drawn.
    for (const SceneLeg& leg : scene.legs) {
        const auto& part = leg.parts.front();
        const LonLat a = part.front(), b = part.back();
        const QPointF q = *view.to_pixel(a.lon + (b.lon - a.lon) / 4, a.lat + (b.lat - a.lat) / 4);
        CHECK(pixel_is(image, static_cast<int>(std::lround(q.x())), static_cast<int>(std::lround(q.y())), style.route, 60));
    }
}

TEST_CASE("extents across the antimeridian stay small and centred", "[map][extent]") {
    gazetteer::test::qt_app();
    Scene scene;
    SceneLoader loader;
    loader.load_layer(map_fixture("pacific.geojson"), scene);
    const auto e = scene.extent();
    REQUIRE(e);
    CHECK(e->crosses_antimeridian());
    CHECK(e->lon_span() < 60);
    CHECK(std::abs(e->center_lon() - (-175.6)) < 1);
    MapView view(MapProjection::create(MapProjection::Kind::WebMercator, e), QSize(600, 400));
    view.fit(*e, 20);
    for (const ScenePlace& p : scene.places) {
        INFO(p.name);
        const auto px = view.to_pixel(p.lon, p.lat);
        REQUIRE(px);
        CHECK(QRectF(0, 0, 600, 400).contains(*px));
    }
}

TEST_CASE("PNG and SVG exports are complete and legible-sized", "[map][export]") {
    gazetteer::test::qt_app();
    gazetteer::test::TempDir tmp;
    Scene scene;
    SceneLoader loader;
    loader.load_layer(map_fixture("route.geojson"), scene);
    scene.title = "Export test";
    BasemapOptions bo;
    bo.data_dir = resolve_data_dir();
    Basemap basemap;
    if (std::filesystem::exists(std::filesystem::path(bo.data_dir) / "world-atlas")) basemap = Basemap::load(bo);
    else WARN("no Natural Earth data in " << bo.data_dir << ": exporting without basemap");

    MapView view(MapProjection::create(MapProjection::Kind::WebMercator), QSize(1600, 1000));
    view.fit(scene.focus_extent()->padded(0.1, 1), 80);
    RenderStyle style;

    const std::string png = (tmp.path / "map.png").string();
    export_image(png, view, scene, basemap, style);
    QImage image(QString::fromStdString(png));
    REQUIRE(image.size() == QSize(1600, 1000));
    // At 1600x1000 text and symbols are scaled up from the 800-pixel reference.
    CHECK(style_unit(style, image.size()) >= 1.2);
    const QPointF stop = *view.to_pixel(scene.places[0].lon, scene.places[0].lat);
    CHECK(pixel_is(image, static_cast<int>(stop.x()), static_cast<int>(stop.y() - 10), style.route));

    const std::string svg = (tmp.path / "map.svg").string();
    export_image(svg, view, scene, basemap, style);
    QFile f(QString::fromStdString(svg));
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    CHECK(text.contains(QStringLiteral("viewBox=\"0 0 1600 1000\"")));
    CHECK(text.contains(QStringLiteral("Export test")));
    CHECK(text.contains(QStringLiteral("Natural Earth, GeoNames")));
    CHECK(text.contains(QStringLiteral("Khasan")));
    // QSvgGenerator states the size in millimetres: at the 96 dpi of browsers and CSS that is
    // 1600x1000 px. (QSvgRenderer's defaultSize() reads millimetres at 90 dpi, so it is not used.)
    const QRegularExpressionMatch size =
        QRegularExpression(QStringLiteral("width=\"([0-9.]+)mm\" height=\"([0-9.]+)mm\"")).match(text);
    REQUIRE(size.hasMatch());
    CHECK(size.captured(1).toDouble() / 25.4 * 96 == Approx(1600).margin(1));
    CHECK(size.captured(2).toDouble() / 25.4 * 96 == Approx(1000).margin(1));
    QSvgRenderer renderer(QString::fromStdString(svg));
    REQUIRE(renderer.isValid());
    // Drawn back, the SVG puts the stop where the PNG has it.
    QImage back(1600, 1000, QImage::Format_ARGB32);
    back.fill(Qt::white);
    {
        QPainter p(&back);
        renderer.render(&p);
    }
    CHECK(pixel_is(back, static_cast<int>(stop.x()), static_cast<int>(stop.y() - 10), style.route));

    // No partial files: a failed export leaves nothing behind.
    CHECK_THROWS_AS(export_image((tmp.path / "map.bmp").string(), view, scene, basemap, style), UsageError);
    CHECK_THROWS_AS(export_image((tmp.path / "missing" / "map.png").string(), view, scene, basemap, style), IoError);
    CHECK(!std::filesystem::exists(tmp.path / "map.bmp"));
}

TEST_CASE("labels never overlap and yield by priority", "[map][labels]") {
    std::vector<LabelRequest> labels;
    // Five labels on one spot: only so many positions around it exist.
    for (int i = 0; i < 5; ++i) labels.push_back({QPointF(100, 100), 5, QSizeF(60, 14), static_cast<double>(i)});
    labels.push_back({QPointF(300, 100), 5, QSizeF(60, 14), 0});
    const auto placed = place_labels(labels, QRectF(0, 0, 400, 200), {QRectF(95, 95, 10, 10)});
    for (std::size_t i = 0; i < placed.size(); ++i) {
        if (!placed[i].placed) continue;
        CHECK(QRectF(0, 0, 400, 200).contains(placed[i].rect));
        CHECK(!placed[i].rect.intersects(QRectF(95, 95, 10, 10)));
        for (std::size_t j = i + 1; j < placed.size(); ++j)
            if (placed[j].placed) CHECK(!placed[i].rect.intersects(placed[j].rect));
    }
    CHECK(placed[4].placed);  // the highest priority gets its first choice
    CHECK(placed[4].rect.left() > 100);
    CHECK(placed[5].placed);
    // A label wider than the frame fits nowhere and is left out.
    const auto none = place_labels({{QPointF(50, 50), 3, QSizeF(500, 14), 1}}, QRectF(0, 0, 100, 100), {});
    CHECK(!none[0].placed);
}

TEST_CASE("projections round-trip and local projections suit their extent", "[map][projection]") {
    const GeoExtent far_east{125, 38, 138, 52};
    for (auto kind : {MapProjection::Kind::WebMercator, MapProjection::Kind::EqualEarth, MapProjection::Kind::Laea,
                      MapProjection::Kind::Local}) {
        INFO(MapProjection::kind_name(kind));
        const MapProjection p = MapProjection::create(kind, far_east);
        CHECK(MapProjection::parse_kind(MapProjection::kind_name(kind)) == kind);
        const auto xy = p.forward(131.87353, 43.10562);
        REQUIRE(xy);
        const auto back = p.inverse(*xy);
        REQUIRE(back);
        CHECK(std::abs(back->lon - 131.87353) < 1e-6);
        CHECK(std::abs(back->lat - 43.10562) < 1e-6);
    }
    CHECK(MapProjection::create(MapProjection::Kind::Local, far_east).definition().find("+proj=lcc") != std::string::npos);
    CHECK(MapProjection::create(MapProjection::Kind::Local, GeoExtent{-10, -5, 10, 5}).definition().find("+proj=tmerc") !=
          std::string::npos);
    CHECK(MapProjection::create(MapProjection::Kind::Local, GeoExtent{-180, -60, 180, 80}).description().find("Equal Earth") !=
          std::string::npos);
    CHECK(MapProjection::create(MapProjection::Kind::WebMercator).definition() == "EPSG:3857");
    CHECK(MapProjection::create(MapProjection::Kind::EqualEarth).definition() == "EPSG:8857");
    // Web Mercator centred on the Pacific when the extent crosses the antimeridian.
    CHECK(MapProjection::create(MapProjection::Kind::WebMercator, GeoExtent{160, 40, -150, 65}).definition().find("+lon_0=-175") !=
          std::string::npos);
    CHECK_THROWS_WITH(MapProjection::parse_kind("robinson"), Catch::Contains("use mercator, equal-earth, laea or local"));
}

TEST_CASE("malformed --extent and --size values are refused with the reason", "[map][options]") {
    struct Case {
        const char* text;
        const char* message;
    };
    const Case extents[] = {
        {"", "expected auto or lon1,lat1,lon2,lat2"},
        {"1,2,3", "expected four numbers"},
        {"1,2,3,4,5", "expected four numbers"},
        {"a,2,3,4", "expected auto or lon1,lat1,lon2,lat2"},
        {"-190,0,10,10", "longitudes must lie in [-180, 180]"},
        {"0,10,10,5", "the box is empty"},
        {"5,0,5,10", "the box is empty"},
    };
    for (const auto& c : extents) {
        INFO(c.text);
        CHECK_THROWS_WITH(parse_extent(c.text), Catch::Contains(c.message));
    }
    const GeoExtent e = parse_extent("170, -20, -170, 10");
    CHECK(e.crosses_antimeridian());
    CHECK(e.lon_span() == Approx(20));
    CHECK(e.center_lon() == Approx(-180).margin(1e-9));

    for (const char* bad : {"1600", "1600x", "x1000", "10x10", "1600x1000x3", "0x0", "99999x10"}) {
        INFO(bad);
        CHECK_THROWS_WITH(parse_image_size(bad), Catch::Contains("expected WIDTHxHEIGHT"));
    }
    CHECK(parse_image_size("1600x1000") == QSize(1600, 1000));
}

TEST_CASE("basemap is cut at the back meridian of every projection", "[map][basemap]") {
    // Natural Earth rings that cross the projection's back meridian (or the antimeridian, as the
    // world-atlas files let some do) would otherwise draw as strokes across the whole map.
    BasemapOptions bo;
    bo.data_dir = resolve_data_dir();
    bo.resolution = "110m";
    if (!std::filesystem::exists(std::filesystem::path(bo.data_dir) / "world-atlas")) {
        WARN("no Natural Earth data in " << bo.data_dir);
        return;
    }
    const Basemap basemap = Basemap::load(bo);
    struct Case {
        MapProjection::Kind kind;
        GeoExtent extent;
    };
    const Case cases[] = {
        {MapProjection::Kind::WebMercator, GeoExtent{-180, -80, 180, 80}},
        {MapProjection::Kind::WebMercator, GeoExtent{160, 40, -150, 65}},  // centred on 175W
        {MapProjection::Kind::EqualEarth, GeoExtent{100, -40, 160, 60}},   // centred on 130E
        {MapProjection::Kind::Laea, GeoExtent{125, 38, 138, 52}},
        {MapProjection::Kind::Local, GeoExtent{125, 38, 138, 52}},
    };
    for (const Case& c : cases) {
        const MapProjection projection = MapProjection::create(c.kind, c.extent);
        INFO(projection.description());
        const auto projected = basemap.project(projection);
        REQUIRE(!projected->land.empty());
        REQUIRE(!projected->countries.empty());
        // The world is about 40,000 km around: no stroke may jump a third of that.
        double longest = 0;
        for (const auto* shapes : {&projected->land, &projected->countries}) {
            for (const BasemapShape& s : *shapes) {
                const QPainterPath& o = s.outline;
                for (int i = 1; i < o.elementCount(); ++i) {
                    if (o.elementAt(i).isMoveTo()) continue;
                    longest = std::max(longest, std::hypot(o.elementAt(i).x - o.elementAt(i - 1).x,
                                                           o.elementAt(i).y - o.elementAt(i - 1).y));
                }
            }
        }
        CHECK(longest < 13e6);
    }
}
