#include <gazetteer/geo_extent.hpp>

#include <algorithm>
#include <cmath>

namespace gazetteer {

double wrap_longitude(double lon) noexcept {
    double l = std::fmod(lon + 180.0, 360.0);
    if (l < 0) l += 360.0;
    return l - 180.0;
}

double GeoExtent::lon_span() const noexcept {
    // west == east is the box of a single longitude (one point), not the whole world: the world
    // is -180..180.
    double span = east - west;
    if (span < 0) span += 360;
    return std::min(span, 360.0);
}

double GeoExtent::center_lon() const noexcept { return wrap_longitude(west + lon_span() / 2); }

GeoExtent GeoExtent::padded(double fraction, double min_deg) const {
    const double dlon = std::max(lon_span() * fraction, min_deg);
    const double dlat = std::max((north - south) * fraction, min_deg);
    GeoExtent e;
    e.south = std::max(-90.0, south - dlat);
    e.north = std::min(90.0, north + dlat);
    if (lon_span() + 2 * dlon >= 360) {
        e.west = -180;
        e.east = 180;
    } else {
        e.west = wrap_longitude(west - dlon);
        e.east = wrap_longitude(east + dlon);
        if (e.east == -180) e.east = 180;
    }
    return e;
}

std::optional<GeoExtent> extent_of(const std::vector<LonLat>& points) {
    if (points.empty()) return std::nullopt;
    std::vector<double> lons;
    lons.reserve(points.size());
    GeoExtent e;
    e.south = 90;
    e.north = -90;
    for (const auto& p : points) {
        lons.push_back(wrap_longitude(p.lon));
        e.south = std::min(e.south, p.lat);
        e.north = std::max(e.north, p.lat);
    }
    std::sort(lons.begin(), lons.end());
    // The extent runs from the longitude after the widest gap to the one before it.
    double widest = lons.front() + 360 - lons.back();  // the gap across the antimeridian
    std::size_t after = 0;
    for (std::size_t i = 1; i < lons.size(); ++i) {
        const double gap = lons[i] - lons[i - 1];
        if (gap > widest) {
            widest = gap;
            after = i;
        }
    }
    e.west = lons[after];
    e.east = after == 0 ? lons.back() : lons[after - 1];
    return e;
}

}  // namespace gazetteer
