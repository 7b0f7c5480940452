#pragma once
// A geographic extent in WGS84 degrees that may cross the antimeridian, and the smallest such
// extent around a set of positions (longitudes are circular: the extent leaves out the widest
// empty gap of longitudes, so Vladivostok and Anchorage give a box over the Pacific).

#include <gazetteer/layers.hpp>

#include <optional>
#include <string>
#include <vector>

namespace gazetteer::map {

/// Box in degrees; west > east means the box crosses the antimeridian.
struct GeoExtent {
    double west = -180, south = -90, east = 180, north = 90;

    /// Longitude span in degrees, in (0, 360].
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

/// Parses "lon1,lat1,lon2,lat2" (west, south, east, north; west > east crosses the
/// antimeridian). Throws UsageError naming the text when malformed or out of range.
GeoExtent parse_extent(const std::string& text);

}  // namespace gazetteer::map
