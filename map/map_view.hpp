#pragma once
// The viewport: which part of the projected plane a widget or an image shows. Shared by the
// renderer, the widget and the exporter so that a position lands on the same pixel everywhere
// (the tests read rendered images back at the pixels MapView predicts).

#include "geo_extent.hpp"
#include "projection.hpp"

#include <QMarginsF>
#include <QPointF>
#include <QSize>
#include <QTransform>

#include <optional>

namespace gazetteer::map {

/// A projection, a centre in projected metres, a scale in metres per pixel and a size in pixels.
/// Pixel (0,0) is the top-left corner; y grows downwards.
class MapView {
public:
    MapView(MapProjection projection, QSize size);

    const MapProjection& projection() const noexcept { return m_projection; }
    /// Replaces the projection, keeping the geographic centre and about the same ground scale.
    void set_projection(MapProjection projection);

    QSize size() const noexcept { return m_size; }
    void set_size(QSize size) { m_size = size; }
    MapXY center() const noexcept { return m_center; }
    void set_center(MapXY c) { m_center = c; }
    /// Metres of the projected plane per pixel (> 0).
    double scale() const noexcept { return m_scale; }
    void set_scale(double metres_per_pixel);

    /// Pixel of a projected position.
    QPointF to_pixel(const MapXY& xy) const noexcept;
    /// Pixel of a lon/lat position; empty when the projection has no image for it.
    std::optional<QPointF> to_pixel(double lon, double lat) const;
    /// Projected position under a pixel.
    MapXY to_map(const QPointF& pixel) const noexcept;
    /// Lon/lat under a pixel; empty off the projection's range.
    std::optional<LonLat> to_lonlat(const QPointF& pixel) const;
    /// Map metres to pixels, for drawing projected paths.
    QTransform transform() const;

    /// Centres and scales the view so `extent` fills it with `margin_px` pixels to spare on
    /// each side (the extent's outline is sampled, so curved edges of conic and azimuthal
    /// projections are taken into account).
    void fit(const GeoExtent& extent, double margin_px);
    /// As fit(), with its own margin on each side (room for a title box at the top, say).
    void fit(const GeoExtent& extent, const QMarginsF& margins);
    /// Moves the view by a pixel offset (dragging the map by `delta` moves its content by it).
    void pan_pixels(QPointF delta);
    /// Zooms by `factor` (> 1 zooms in) keeping the position under `pixel` in place.
    void zoom_at(QPointF pixel, double factor);
    /// Geodesic kilometres per pixel measured horizontally at the centre of the view.
    double km_per_pixel() const;

private:
    MapProjection m_projection;
    QSize m_size;
    MapXY m_center;
    double m_scale = 20000;
};

}  // namespace gazetteer::map
