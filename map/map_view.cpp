#include "map_view.hpp"

#include <gazetteer/lookup.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gazetteer::map {

namespace {
// Bounds of the projected plane: scales beyond these are pointless (about 1 m per pixel to
// about the whole Earth on a few pixels).
constexpr double kMinScale = 1.0;
constexpr double kMaxScale = 2e6;
}  // namespace

MapView::MapView(MapProjection projection, QSize size) : m_projection(std::move(projection)), m_size(size) {}

void MapView::set_projection(MapProjection projection) {
    const std::optional<LonLat> c = to_lonlat(QPointF(m_size.width() / 2.0, m_size.height() / 2.0));
    const double km = km_per_pixel();
    m_projection = std::move(projection);
    if (c) {
        if (auto xy = m_projection.forward(c->lon, c->lat)) m_center = *xy;
    }
    // Re-measure the ground scale in the new projection and correct for the difference.
    const double km_new = km_per_pixel();
    if (std::isfinite(km) && std::isfinite(km_new) && km > 0 && km_new > 0) set_scale(m_scale * km / km_new);
}

void MapView::set_scale(double metres_per_pixel) {
    if (std::isfinite(metres_per_pixel)) m_scale = std::clamp(metres_per_pixel, kMinScale, kMaxScale);
}

QPointF MapView::to_pixel(const MapXY& xy) const noexcept {
    return {m_size.width() / 2.0 + (xy.x - m_center.x) / m_scale, m_size.height() / 2.0 - (xy.y - m_center.y) / m_scale};
}

std::optional<QPointF> MapView::to_pixel(double lon, double lat) const {
    auto xy = m_projection.forward(lon, lat);
    if (!xy) return std::nullopt;
    return to_pixel(*xy);
}

MapXY MapView::to_map(const QPointF& p) const noexcept {
    return {m_center.x + (p.x() - m_size.width() / 2.0) * m_scale, m_center.y - (p.y() - m_size.height() / 2.0) * m_scale};
}

std::optional<LonLat> MapView::to_lonlat(const QPointF& pixel) const { return m_projection.inverse(to_map(pixel)); }

QTransform MapView::transform() const {
    // x_px = w/2 + (x - cx)/s ; y_px = h/2 - (y - cy)/s
    const double s = 1.0 / m_scale;
    return QTransform(s, 0, 0, -s, m_size.width() / 2.0 - m_center.x * s, m_size.height() / 2.0 + m_center.y * s);
}

void MapView::fit(const GeoExtent& extent, double margin_px) {
    fit(extent, QMarginsF(margin_px, margin_px, margin_px, margin_px));
}

void MapView::fit(const GeoExtent& extent, const QMarginsF& margins) {
    double minx = std::numeric_limits<double>::infinity(), miny = minx;
    double maxx = -minx, maxy = -minx;
    constexpr int kSteps = 24;
    const double span = extent.lon_span();
    for (int i = 0; i <= kSteps; ++i) {
        for (int j = 0; j <= kSteps; ++j) {
            const double lon = extent.west + span * i / kSteps;
            const double lat = extent.south + (extent.north - extent.south) * j / kSteps;
            const double wrapped = lon > 180 ? lon - 360 : lon;
            auto xy = m_projection.forward(wrapped, lat);
            if (!xy) continue;
            minx = std::min(minx, xy->x);
            maxx = std::max(maxx, xy->x);
            miny = std::min(miny, xy->y);
            maxy = std::max(maxy, xy->y);
        }
    }
    if (!std::isfinite(minx) || !std::isfinite(maxx)) return;
    const double w = std::max(1.0, m_size.width() - margins.left() - margins.right());
    const double h = std::max(1.0, m_size.height() - margins.top() - margins.bottom());
    // A single point (or a tiny extent) still gets a sensible town-sized view.
    set_scale(std::max({(maxx - minx) / w, (maxy - miny) / h, 20.0}));
    // The extent's middle goes to the middle of the area inside the margins.
    m_center = {(minx + maxx) / 2 - (margins.left() - margins.right()) / 2 * m_scale,
                (miny + maxy) / 2 + (margins.top() - margins.bottom()) / 2 * m_scale};
}

void MapView::pan_pixels(QPointF delta) {
    m_center.x -= delta.x() * m_scale;
    m_center.y += delta.y() * m_scale;
}

void MapView::zoom_at(QPointF pixel, double factor) {
    if (!(factor > 0)) return;
    const MapXY anchor = to_map(pixel);
    set_scale(m_scale / factor);
    // Keep `anchor` under `pixel`.
    const MapXY now = to_map(pixel);
    m_center.x += anchor.x - now.x;
    m_center.y += anchor.y - now.y;
}

double MapView::km_per_pixel() const {
    const QPointF c(m_size.width() / 2.0, m_size.height() / 2.0);
    constexpr double kHalf = 50;
    auto a = to_lonlat(c - QPointF(kHalf, 0));
    auto b = to_lonlat(c + QPointF(kHalf, 0));
    if (!a || !b) return std::numeric_limits<double>::quiet_NaN();
    return haversine_km(a->lat, a->lon, b->lat, b->lon) / (2 * kHalf);
}

}  // namespace gazetteer::map
