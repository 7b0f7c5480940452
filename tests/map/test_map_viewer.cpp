// The viewer headless: it starts, loads layers (GeoJSON, and GeoPackage in another CRS) and the
// seed article, offers type-ahead from the gazetteer, highlights the mentions of a clicked place,
// and draws the article's itinerary stops where the projection puts them.

#include "map_test_support.hpp"

#include "exporter.hpp"
#include "scene_loader.hpp"
#include "viewer_window.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/layers.hpp>

#include <catch2/catch.hpp>

#include <QImage>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace gazetteer;
using namespace gazetteer::map;
using gazetteer::test::map_fixture;
using gazetteer::test::pixel_is;

namespace {
const ScenePlace* find_place(const Scene& s, const std::string& name) {
    for (const auto& p : s.places)
        if (p.name == name) return &p;
    return nullptr;
}
}  // namespace

TEST_CASE("viewer starts headless and loads a layer", "[map][viewer]") {
    gazetteer::test::qt_app();
    ViewerWindow window(gazetteer::test::default_index());
    window.show();
    window.loadInputs({map_fixture("route.geojson")});
    const Scene& scene = *window.mapWidget()->scene();
    CHECK(scene.layers.size() == 1);
    CHECK(scene.places.size() == 3);
    CHECK(scene.legs.size() == 2);
    const QImage shot = window.mapWidget()->grab().toImage();
    REQUIRE(!shot.isNull());
    CHECK(shot.width() >= 320);

    // Every stop is inside the view after loading (zoomed to the route).
    for (const auto& p : scene.places) {
        const auto px = window.mapWidget()->view().to_pixel(p.lon, p.lat);
        REQUIRE(px);
        CHECK(QRectF(QPointF(0, 0), QSizeF(window.mapWidget()->size())).contains(*px));
    }
    CHECK(window.mapWidget()->placeTooltip(1).contains(QStringLiteral("Khasan")));
    CHECK(window.suggestions(QStringLiteral("khas")).contains(QStringLiteral("Khasan")));
    CHECK(window.goTo(QStringLiteral("Vladivostok")));
    CHECK(window.mapWidget()->selectedPlace() == 2);

    // Exports of the current view.
    gazetteer::test::TempDir tmp;
    window.mapWidget()->exportView((tmp.path / "view.png").string());
    window.mapWidget()->exportView((tmp.path / "view.svg").string());
    CHECK(QImage(QString::fromStdString((tmp.path / "view.png").string())).size() == window.mapWidget()->size());
    CHECK(std::filesystem::file_size(tmp.path / "view.svg") > 1000);
}

TEST_CASE("layers in another CRS are read back in WGS84", "[map][viewer]") {
    gazetteer::test::qt_app();
    gazetteer::test::TempDir tmp;
    Layer layer;
    layer.name = "stops";
    layer.geometry_type = GeometryType::Point;
    layer.fields = {{"seq", FieldType::Integer}, {"name", FieldType::String}};
    layer.features.push_back({{{{131.87353, 43.10562}}}, {std::int64_t{1}, std::string("Vladivostok")}});
    layer.features.push_back({{{{128.334, 51.884}}}, {std::int64_t{2}, std::string("Vostochny")}});
    WriteOptions wo;
    wo.crs = "EPSG:3857";
    const std::string gpkg = (tmp.path / "stops.gpkg").string();
    write_layers(gpkg, {layer}, wo);

    Scene scene;
    SceneLoader loader;
    loader.load_layer(gpkg, scene);
    REQUIRE(scene.places.size() == 2);
    CHECK(scene.places[0].name == "Vladivostok");
    CHECK(scene.places[0].lon == Approx(131.87353).margin(1e-6));
    CHECK(scene.places[0].lat == Approx(43.10562).margin(1e-6));
    CHECK(scene.places[1].stop_seq == 2);

    CHECK_THROWS_AS(loader.load_layer((tmp.path / "none.geojson").string(), scene), IoError);
}

TEST_CASE("a binary file opened as an article is refused by name", "[map][viewer]") {
    gazetteer::test::TempDir tmp;
    const auto path = (tmp.path / "photo.txt").string();
    {
        std::ofstream out(path, std::ios::binary);
        out.write("GIF89a\x01\x00\x01\x00\x80\x00\x00Ak Dhaka", 20);
    }
    Scene scene;
    SceneLoader loader(gazetteer::test::default_index());
    CHECK_THROWS_WITH(loader.load(path, scene), Catch::StartsWith(path + ": not text: NUL byte"));
    CHECK(scene.places.empty());
}

TEST_CASE("viewer loads the seed article, highlights mentions and draws the itinerary", "[map][viewer][data]") {
    gazetteer::test::qt_app();
    const std::string index = gazetteer::test::default_index();
    const auto shared = gazetteer::test::shared_dir();
    const auto article = shared / "articles" / "kim-putin-vostochny-2023.txt";
    if (index.empty() || shared.empty() || !std::filesystem::exists(article)) {
        GAZETTEER_SKIP("needs the default index and ../shared/articles");
    }
    ViewerWindow window(index);
    window.show();
    window.loadInputs({article.string()});
    const Scene& scene = *window.mapWidget()->scene();
    REQUIRE(scene.places.size() >= 5);
    CHECK(!scene.article_text.empty());

    const ScenePlace* vladivostok = find_place(scene, "Vladivostok");
    REQUIRE(vladivostok);
    CHECK(vladivostok->lat == Approx(43.10562).margin(0.1));
    CHECK(vladivostok->lon == Approx(131.87353).margin(0.1));
    CHECK(!vladivostok->sentences.empty());
    CHECK(!vladivostok->mention_spans.empty());
    CHECK(window.mapWidget()->placeTooltip(static_cast<std::size_t>(vladivostok - scene.places.data())).contains(QStringLiteral("&ldquo;")));
    const int index_of = static_cast<int>(vladivostok - scene.places.data());
    CHECK(!window.articleHtml().contains(QStringLiteral("ffc107")));
    // Hovering the marker marks it; clicking it highlights its mentions in the article panel.
    MapWidget* map = window.mapWidget();
    const QPoint at = map->view().to_pixel(vladivostok->lon, vladivostok->lat)->toPoint();
    QTest::mouseMove(map, at);
    CHECK(map->style().hovered_place == index_of);
    QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, at);
    CHECK(map->selectedPlace() == index_of);
    CHECK(window.articleHtml().contains(QStringLiteral("ffc107")));
    CHECK(window.suggestions(QStringLiteral("Vladiv")).contains(QStringLiteral("Vladivostok")));
    // Type-ahead from the gazetteer itself, beyond the article's places.
    CHECK(!window.suggestions(QStringLiteral("Novosib")).isEmpty());

    std::vector<const ScenePlace*> stops;
    for (const auto& p : scene.places)
        if (p.stop_seq > 0) stops.push_back(&p);
    std::sort(stops.begin(), stops.end(), [](auto a, auto b) { return a->stop_seq < b->stop_seq; });
    REQUIRE(stops.size() >= 2);
    CHECK(scene.legs.size() == stops.size() - 1);
    std::string names;
    for (auto* s : stops) names += s->name + "; ";
    INFO("stops: " << names);
    CHECK(stops.size() == 5);

    // The command-line rendering: 1600x1000, every stop badge where the projection puts it.
    gazetteer::test::TempDir tmp;
    const GeoExtent extent = scene.focus_extent()->padded(0.1, 1.0);
    MapView view(MapProjection::create(MapProjection::Kind::WebMercator, extent), QSize(1600, 1000));
    view.fit(extent, 80);
    RenderStyle style;
    const std::string png = (tmp.path / "kim.png").string();
    export_image(png, view, scene, Basemap(), style);
    const QImage image(QString::fromStdString(png));
    REQUIRE(image.size() == QSize(1600, 1000));
    const double u = style_unit(style, image.size());
    for (auto* s : stops) {
        INFO(s->name);
        const QPointF c = *view.to_pixel(s->lon, s->lat);
        CHECK(QRectF(0, 0, 1600, 1000).contains(c));
        CHECK(pixel_is(image, static_cast<int>(c.x()), static_cast<int>(c.y() - 8 * u), style.route));
    }
}

TEST_CASE("map widget pans, zooms and picks places with mouse and keys", "[map][viewer]") {
    gazetteer::test::qt_app();
    ViewerWindow window(gazetteer::test::default_index());
    window.resize(1000, 700);
    window.show();
    window.loadInputs({map_fixture("route.geojson"), map_fixture("points.geojson")});
    MapWidget* map = window.mapWidget();
    REQUIRE(window.mapWidget()->scene()->layers.size() == 2);

    // Zoom to a layer: all its places are in view.
    map->zoomToLayer(1);
    for (const auto& p : map->scene()->places) {
        if (p.layer != 1) continue;
        INFO(p.name);
        CHECK(QRectF(QPointF(0, 0), QSizeF(map->size())).contains(*map->view().to_pixel(p.lon, p.lat)));
    }
    map->zoomToScene();
    const double scale = map->view().scale();
    QTest::keyClick(map, Qt::Key_Plus);
    CHECK(map->view().scale() == Approx(scale / 1.5));
    QTest::keyClick(map, Qt::Key_Minus);
    CHECK(map->view().scale() == Approx(scale));

    // Dragging moves the map content with the mouse.
    const ScenePlace& khasan = map->scene()->places[1];
    const QPointF before = *map->view().to_pixel(khasan.lon, khasan.lat);
    const QPoint from(map->width() / 2, map->height() / 2);
    QTest::mousePress(map, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(map, from + QPoint(40, 25));
    QTest::mouseRelease(map, Qt::LeftButton, Qt::NoModifier, from + QPoint(40, 25));
    const QPointF after = *map->view().to_pixel(khasan.lon, khasan.lat);
    CHECK(after.x() - before.x() == Approx(40).margin(0.5));
    CHECK(after.y() - before.y() == Approx(25).margin(0.5));

    // Clicking a marker selects its place.
    const QPoint at = map->view().to_pixel(khasan.lon, khasan.lat)->toPoint();
    QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, at);
    CHECK(map->selectedPlace() == 1);
    QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, QPoint(3, 3));
    CHECK(map->selectedPlace() == -1);

    // Another projection keeps the places in view.
    map->setProjectionKind(MapProjection::Kind::Local);
    map->zoomToScene();
    CHECK(map->view().projection().description().find("Lambert conformal conic") != std::string::npos);
    CHECK(QRectF(QPointF(0, 0), QSizeF(map->size())).contains(*map->view().to_pixel(khasan.lon, khasan.lat)));
}
