// gazetteer-render ARTICLE|LAYER... -o map.png|map.svg : draws articles (geoparsed places and the
// itinerary) and GIS layers over the Natural Earth basemap without a display.
// Exit codes as the `gazetteer` tool: 0 ok, 1 bad input or failed job, 2 usage.

#include "basemap.hpp"
#include "exporter.hpp"
#include "map_options.hpp"
#include "scene_loader.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/version.hpp>

#include <CLI/CLI.hpp>

#include <QApplication>

#include <iostream>

namespace {

struct RenderArgs {
    std::vector<std::string> inputs;
    std::string output;
    std::string size = "1600x1000";
    std::string extent = "auto";
    std::string title;
    std::string projection = "mercator";
    std::string index;
    std::string data_dir;
    std::string resolution = "50m";
    bool no_basemap = false;
    bool no_graticule = false;
    bool quiet = false;
};

int run(const RenderArgs& a, const char* argv0) {
    using namespace gazetteer;
    using namespace gazetteer::map;
    // Check the cheap things before loading anything.
    image_format_for(a.output);
    const QSize size = parse_image_size(a.size);
    std::optional<GeoExtent> extent;
    if (a.extent != "auto") extent = parse_extent(a.extent);
    const MapProjection::Kind kind = MapProjection::parse_kind(a.projection);

    Scene scene;
    SceneLoader loader(resolve_index_path(a.index, argv0));
    for (const auto& input : a.inputs) loader.load(input, scene);
    if (!a.title.empty()) scene.title = a.title;

    if (!extent) {
        // The route when there is one (what the reader came for), else every place.
        if (auto focus = scene.focus_extent()) extent = focus->padded(0.1, 1.0);
        else extent = GeoExtent{-180, -60, 180, 78};
    }
    MapView view(MapProjection::create(kind, extent), size);
    // Room around the extent, and for the title box above it (its height at this size).
    RenderStyle style;
    const double u = style_unit(style, size);
    const double margin = std::min(size.width(), size.height()) * 0.05;
    view.fit(*extent, QMarginsF(margin, margin + 80 * u, margin, margin));

    Basemap basemap;
    if (!a.no_basemap) {
        BasemapOptions bo;
        bo.data_dir = resolve_data_dir(a.data_dir);
        bo.resolution = a.resolution;
        bo.graticule = !a.no_graticule;
        basemap = Basemap::load(bo);
    }
    if (!a.title.empty()) style.title_text = QString::fromStdString(a.title);
    export_image(a.output, view, scene, basemap, style);
    if (!a.quiet) {
        std::cerr << "render: wrote " << a.output << " (" << size.width() << "x" << size.height() << ", "
                  << scene.places.size() << " places, " << scene.legs.size() << " legs, "
                  << view.projection().description() << ")\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    gazetteer::map::choose_qt_platform(true);  // rendering never needs a display
    gazetteer::map::install_quiet_qt_messages();
    CLI::App app{"gazetteer-render " + std::string(gazetteer::version()) +
                 ": draw articles and GIS layers to PNG or SVG without a display"};
    app.set_version_flag("--version", std::string(gazetteer::version()));
    RenderArgs a;
    app.add_option("inputs", a.inputs,
                   "Articles (.txt: geoparsed, with their itinerary) and layers (GeoJSON, GeoPackage, anything GDAL reads)")
        ->required();
    app.add_option("-o,--output", a.output, "Image to write: .png or .svg")->required();
    app.add_option("--size", a.size, "Image size WIDTHxHEIGHT in pixels")->capture_default_str();
    app.add_option("--extent", a.extent,
                   "auto (the route, else all places) or lon1,lat1,lon2,lat2 (west,south,east,north; west > east crosses 180)")
        ->capture_default_str();
    app.add_option("--title", a.title, "Map title (default: the first input's name)");
    app.add_option("--projection", a.projection, "mercator (Web Mercator), equal-earth, laea (equal-area, centred) or local")
        ->capture_default_str();
    app.add_option("--index", a.index, "Index file (default: $GAZETTEER_INDEX, else the index installed beside the tool)")
        ->envname("GAZETTEER_INDEX");
    app.add_option("--data-dir", a.data_dir, "Folder with world-atlas/ (default: $GAZETTEER_DATA_DIR, else the build's)");
    app.add_option("--resolution", a.resolution, "Natural Earth scale: 110m, 50m or 10m")
        ->check(CLI::IsMember({"110m", "50m", "10m"}))
        ->capture_default_str();
    app.add_flag("--no-basemap", a.no_basemap, "Plain background, no land or borders");
    app.add_flag("--no-graticule", a.no_graticule, "No lines of latitude and longitude");
    app.add_flag("-q,--quiet", a.quiet, "No summary on stderr");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << "gazetteer-render: " << e.what() << "\n";
        return 2;
    }
    try {
        int qargc = 1;
        char* qargv[] = {argv[0], nullptr};
        QApplication qapp(qargc, qargv);
        return run(a, argv[0]);
    } catch (const gazetteer::UsageError& e) {
        std::cerr << "gazetteer-render: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "gazetteer-render: " << e.what() << "\n";
        return 1;
    }
}
