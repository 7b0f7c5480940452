#pragma once
// The map's geographic extents: the engine's GeoExtent and extent_of (gazetteer/geo_extent.hpp,
// shared with the QGIS plugin through the Python module) plus the --extent parser of the tools.

#include <gazetteer/geo_extent.hpp>

#include <string>

namespace gazetteer::map {

using gazetteer::extent_of;
using gazetteer::GeoExtent;

/// Parses "lon1,lat1,lon2,lat2" (west, south, east, north; west > east crosses the
/// antimeridian). Throws UsageError naming the text when malformed or out of range.
GeoExtent parse_extent(const std::string& text);

}  // namespace gazetteer::map
