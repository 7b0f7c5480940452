#pragma once
// Which map projection suits an extent: the rule shared by the Qt map (which projects with PROJ
// itself) and the QGIS plugin (which hands the definition to QgsCoordinateReferenceSystem). Only
// the choice lives here, as PROJ strings; no PROJ object is created.
//
// Kinds:
//  - WebMercator (EPSG:3857): what web maps use; conformal, areas grow poleward. When the extent
//    crosses the antimeridian the same spherical Mercator is centred on the extent (+lon_0) so
//    the map does not tear in the middle.
//  - EqualEarth (EPSG:8857, Savric, Patterson and Jenny 2018): equal-area world map, centred on
//    the extent's middle longitude.
//  - Laea: Lambert azimuthal equal-area centred on the extent (regional equal-area map).
//  - Local: a conformal projection chosen for the extent: Lambert conformal conic with standard
//    parallels at 1/6 and 5/6 of the latitude span (mid latitudes), transverse Mercator near
//    the equator, polar stereographic near a pole, Equal Earth when the extent is too large for
//    any of them (Snyder, "Map Projections: A Working Manual", USGS PP 1395, on choosing).
// Every kind but plain Web Mercator is centred on the extent's middle longitude, so an extent
// that crosses 180 degrees is drawn whole, never torn across the map's edges.

#include <gazetteer/geo_extent.hpp>

#include <optional>
#include <string>

namespace gazetteer {

enum class ProjectionKind { WebMercator, EqualEarth, Laea, Local };

/// Where a projection is usable: longitudes within `half_lon_span` degrees of the central
/// longitude and latitudes in [min_lat, max_lat]. Geometry outside should be clipped away before
/// projecting (Mercator's poles, the far side of an azimuthal projection, the cut at the
/// meridian opposite `central_lon`).
struct ProjectionDomain {
    double central_lon = 0;
    double half_lon_span = 180;
    double min_lat = -90;
    double max_lat = 90;
};

/// The projection chosen for a map.
struct ProjectionChoice {
    ProjectionKind kind = ProjectionKind::WebMercator;    ///< what was asked for
    ProjectionKind chosen = ProjectionKind::WebMercator;  ///< what was used (Local may become EqualEarth)
    /// PROJ definition: "EPSG:3857", "EPSG:8857" or a "+proj=... +type=crs" string (lon_0 and
    /// lat_0 rounded to 1e-4 degree, as written).
    std::string definition;
    /// Human readable name for legends ("Lambert conformal conic (40°N, 55°N)").
    std::string description;
    ProjectionDomain domain;
    /// True for Mercator: latitudes beyond its square world (85.05 degrees) sit on its edge.
    bool clamp_lat = false;
};

/// Web Mercator's latitude limit: the square world of EPSG:3857, degrees.
inline constexpr double kMercatorMaxLat = 85.05112878;

/// The projection of `kind` for a map of `extent` (ignored by WebMercator unless it crosses the
/// antimeridian; the whole world when empty). Never throws.
ProjectionChoice choose_projection(ProjectionKind kind, const std::optional<GeoExtent>& extent = std::nullopt);

}  // namespace gazetteer
