#pragma once
// A geographic extent in WGS84 degrees that may cross the antimeridian, and the smallest such
// extent around a set of positions. Longitudes are circular: the extent leaves out the widest
// empty gap of longitudes, so Vladivostok and Anchorage give a box over the Pacific, not one
// around the rest of the world. Every face that frames a view (the Qt map, the QGIS plugin
// through the Python module) asks here, so they frame the same journey the same way.

#include <gazetteer/layers.hpp>

#include <optional>
#include <vector>

namespace gazetteer {

/// Box in degrees; west > east means the box crosses the antimeridian (as RFC 7946 section 5.2
/// writes such a bbox).
struct GeoExtent {
    double west = -180, south = -90, east = 180, north = 90;

    /// Longitude span in degrees, in [0, 360] (0 for the box of one point).
    double lon_span() const noexcept;
    /// Middle longitude in [-180, 180), across the antimeridian when it is crossed.
    double center_lon() const noexcept;
    double center_lat() const noexcept { return (south + north) / 2; }
    bool crosses_antimeridian() const noexcept { return west > east; }
    /// The extent grown by `fraction` of its span on each side (at least `min_deg` degrees),
    /// clamped to the poles and to 360 degrees of longitude.
    GeoExtent padded(double fraction, double min_deg) const;
};

/// Smallest extent around `points` (longitude gap rule above); empty for no points.
std::optional<GeoExtent> extent_of(const std::vector<LonLat>& points);

/// `lon` wrapped into [-180, 180).
double wrap_longitude(double lon) noexcept;

}  // namespace gazetteer
