#include "geo_extent.hpp"

#include <gazetteer/error.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace gazetteer::map {

namespace {
double wrap_lon(double lon) {
    double l = std::fmod(lon + 180.0, 360.0);
    if (l < 0) l += 360.0;
    return l - 180.0;
}
}  // namespace

double GeoExtent::lon_span() const noexcept {
    double span = east - west;
    if (span <= 0) span += 360;
    return std::min(span, 360.0);
}

double GeoExtent::center_lon() const noexcept { return wrap_lon(west + lon_span() / 2); }

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
        e.west = wrap_lon(west - dlon);
        e.east = wrap_lon(east + dlon);
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
        lons.push_back(wrap_lon(p.lon));
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

GeoExtent parse_extent(const std::string& text) {
    std::vector<double> v;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        std::string item = text.substr(start, comma - start);
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        const char* first = item.c_str();
        if (*first == '+') ++first;
        double d = 0;
        auto [end, ec] = std::from_chars(first, item.c_str() + item.size(), d);
        if (item.empty() || ec != std::errc() || end != item.c_str() + item.size() || !std::isfinite(d)) {
            throw UsageError("--extent '" + text + "': expected auto or lon1,lat1,lon2,lat2 in decimal degrees");
        }
        v.push_back(d);
        start = comma + 1;
    }
    if (v.size() != 4) throw UsageError("--extent '" + text + "': expected four numbers lon1,lat1,lon2,lat2");
    GeoExtent e{v[0], v[1], v[2], v[3]};
    if (std::abs(e.west) > 180 || std::abs(e.east) > 180 || std::abs(e.south) > 90 || std::abs(e.north) > 90) {
        throw UsageError("--extent '" + text + "': longitudes must lie in [-180, 180] and latitudes in [-90, 90]");
    }
    if (e.south >= e.north || e.west == e.east) {
        throw UsageError("--extent '" + text + "': the box is empty (lat1 must be below lat2, lon1 differ from lon2)");
    }
    return e;
}

}  // namespace gazetteer::map
