#pragma once
// The QPainter renderer shared by MapWidget (screen) and the exporters (PNG through QImage, SVG
// through QSvgGenerator), so what the viewer shows is what gets exported. Draw order: sea,
// land, borders, graticule, coast, route legs (cased geodesic curves with direction arrows),
// place markers (area by mention count), labels (placed without overlaps), then the title,
// legend, scale bar and attribution on top.

#include "basemap.hpp"
#include "map_view.hpp"
#include "scene.hpp"

#include <QColor>
#include <QPainter>
#include <QString>

#include <memory>
#include <optional>

namespace gazetteer::map {

/// Colours, parts and sizes of a rendering.
struct RenderStyle {
    QColor sea{0xd5, 0xe5, 0xef};
    QColor land{0xf6, 0xf3, 0xec};
    QColor coast{0x8f, 0xa9, 0xba};
    QColor border{0xbd, 0xb2, 0xa2};
    QColor graticule{0x7f, 0x9c, 0xb0, 0x50};
    QColor place{0x1f, 0x5f, 0xa8};
    QColor area{0x6a, 0x3d, 0x9a};
    QColor route{0xc0, 0x39, 0x2b};
    QColor text{0x1d, 0x1d, 0x1f};
    QColor halo{0xff, 0xff, 0xff};
    QColor highlight{0xff, 0xb3, 0x00};

    bool basemap = true;
    bool labels = true;
    bool title = true;
    bool legend = true;
    bool scale_bar = true;
    bool attribution = true;
    /// Draw a white outline around markers (off for pixel tests that look at exact colours).
    bool marker_outline = true;

    /// Title shown in the title box; empty = Scene::title.
    QString title_text;
    /// Size unit in pixels (fonts, markers, lines); 0 = from the image size (legible at any
    /// size: about 1 at 800 px, 1.25 at 1600x1000).
    double unit = 0;
    /// Place to highlight (the one clicked), -1 = none; place under the mouse, -1 = none.
    int selected_place = -1;
    int hovered_place = -1;
};

/// Marker radius in pixels of a place for unit `u`.
double marker_radius(const ScenePlace& place, double u) noexcept;
/// The unit of `style` for a view of `size`.
double style_unit(const RenderStyle& style, QSize size) noexcept;

/// Renders `scene` over `basemap` (may be null: plain sea colour) into `painter`, whose device
/// must be `view.size()` pixels. Never throws.
void render_map(QPainter& painter, const MapView& view, const Scene& scene, const ProjectedBasemap* basemap,
                const RenderStyle& style);

/// The place whose marker is under `pixel` (within `slop` extra pixels), nearest first.
std::optional<std::size_t> place_at(const MapView& view, const Scene& scene, const RenderStyle& style, QPointF pixel,
                                    double slop = 3);

}  // namespace gazetteer::map
