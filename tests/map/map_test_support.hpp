#pragma once
// Helpers of the map tests: one QApplication for the process (headless: CTest sets
// QT_QPA_PLATFORM=offscreen), the fixture folder, and colour checks on rendered images.

#include "test_support.hpp"

#include <QApplication>
#include <QColor>
#include <QImage>

#include <cstdlib>
#include <string>

namespace gazetteer::test {

inline QApplication& qt_app() {
    if (!std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    static int argc = 1;
    static char name[] = "gazetteer-map-test";
    static char* argv[] = {name, nullptr};
    // Never destroyed: Qt's own static objects (QTest's input devices) must not outlive it.
    static QApplication* app = new QApplication(argc, argv);
    return *app;
}

/// tests/data/map
inline std::string map_fixture(const std::string& name) { return (data_dir() / "map" / name).string(); }

/// True when the pixel at (x, y) is within `tolerance` of `expected` in each channel.
inline bool pixel_is(const QImage& image, int x, int y, const QColor& expected, int tolerance = 40) {
    if (x < 0 || y < 0 || x >= image.width() || y >= image.height()) return false;
    const QColor c = image.pixelColor(x, y);
    return std::abs(c.red() - expected.red()) <= tolerance && std::abs(c.green() - expected.green()) <= tolerance &&
           std::abs(c.blue() - expected.blue()) <= tolerance;
}

}  // namespace gazetteer::test
