// gazetteer-map [ARTICLE|LAYER...] : the interactive map viewer.
// Exit codes: 0 ok, 1 an input could not be loaded, 2 usage.

#include "basemap.hpp"
#include "map_options.hpp"
#include "viewer_window.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/version.hpp>

#include <CLI/CLI.hpp>

#include <QApplication>
#include <QTimer>

#include <iostream>

int main(int argc, char** argv) {
    using namespace gazetteer::map;
    CLI::App app{"gazetteer-map " + std::string(gazetteer::version()) + ": map viewer for articles and GIS layers"};
    app.set_version_flag("--version", std::string(gazetteer::version()));
    std::vector<std::string> inputs;
    std::string index, data_dir, projection = "mercator", screenshot;
    bool no_basemap = false, smoke = false;
    app.add_option("inputs", inputs, "Articles (.txt) and layers (GeoJSON, GeoPackage, anything GDAL reads)");
    app.add_option("--index", index, "Index file (default: $GAZETTEER_INDEX, else the index installed beside the tool)")
        ->envname("GAZETTEER_INDEX");
    app.add_option("--data-dir", data_dir, "Folder with world-atlas/ (default: $GAZETTEER_DATA_DIR, else the build's)");
    app.add_option("--projection", projection, "mercator, equal-earth, laea or local")->capture_default_str();
    app.add_flag("--no-basemap", no_basemap, "Plain background");
    app.add_flag("--smoke", smoke, "Load, show the window once, print a summary and quit (for tests)");
    app.add_option("--screenshot", screenshot, "Save the window to this PNG after loading, then quit");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << "gazetteer-map: " << e.what() << "\n";
        return 2;
    }
    choose_qt_platform(false);
    install_quiet_qt_messages();
    QApplication qapp(argc, argv);
    try {
        const MapProjection::Kind kind = MapProjection::parse_kind(projection);
        ViewerWindow window(resolve_index_path(index, argv[0]));
        if (!no_basemap) {
            try {
                BasemapOptions bo;
                bo.data_dir = resolve_data_dir(data_dir);
                window.mapWidget()->setBasemap(Basemap::load(bo));
            } catch (const gazetteer::Error& e) {
                std::cerr << "gazetteer-map: no basemap: " << e.what() << "\n";
            }
        }
        window.mapWidget()->setProjectionKind(kind);
        window.show();
        window.loadInputs(inputs);
        if (smoke || !screenshot.empty()) {
            QApplication::processEvents();
            if (!screenshot.empty() && !window.grab().save(QString::fromStdString(screenshot), "PNG")) {
                std::cerr << "gazetteer-map: cannot write " << screenshot << "\n";
                return 1;
            }
            const auto& scene = *window.mapWidget()->scene();
            std::size_t stops = 0;
            for (const auto& p : scene.places) stops += p.stop_seq > 0;
            std::cout << "loaded " << scene.layers.size() << " layers, " << scene.places.size() << " places, "
                      << stops << " stops, " << scene.legs.size() << " legs\n";
            return 0;
        }
        return QApplication::exec();
    } catch (const gazetteer::UsageError& e) {
        std::cerr << "gazetteer-map: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "gazetteer-map: " << e.what() << "\n";
        return 1;
    }
}
