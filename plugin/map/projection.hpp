#pragma once
// The map projection: a small wrapper over a PROJ transformation from WGS84 lon/lat to
// projected metres. PROJ types stay in projection.cpp.
//
// Kinds:
//  - WebMercator (the default, EPSG:3857): what web maps use; conformal, areas grow poleward.
//    When the extent crosses the antimeridian the same spherical Mercator is centred on the
//    extent (+lon_0) so the map does not tear in the middle.
//  - EqualEarth (EPSG:8857, Savric, Patterson and Jenny 2018): equal-area world map, centred on
//    the extent's middle longitude.
//  - Laea: Lambert azimuthal equal-area centred on the extent (regional equal-area map).
//  - Local: a conformal projection chosen for the extent: Lambert conformal conic with standard
//    parallels at 1/6 and 5/6 of the latitude span (mid latitudes), transverse Mercator near
//    the equator, polar stereographic near a pole, Equal Earth when the extent is too large for
//    any of them (Snyder, "Map Projections: A Working Manual", USGS PP 1395, on choosing).

#include "geo_extent.hpp"

#include <gazetteer/layers.hpp>

#include <memory>
#include <optional>
#include <string>

namespace gazetteer::map {

/// A projected position, metres (x east, y north).
struct MapXY {
    double x = 0;
    double y = 0;
};

/// Where a projection is usable for the basemap: longitudes within `half_lon_span` degrees of
/// the central longitude and latitudes in [min_lat, max_lat]. Geometry outside is clipped away
/// before projecting (Mercator's poles, the far side of an azimuthal projection).
struct ProjectionDomain {
    double central_lon = 0;
    double half_lon_span = 180;
    double min_lat = -90;
    double max_lat = 90;
};

/// A projection from WGS84 lon/lat. Cheap to copy (shares the PROJ object); not thread safe
/// (PROJ objects are per thread): use one per thread.
class MapProjection {
public:
    enum class Kind { WebMercator, EqualEarth, Laea, Local };

    /// The projection of `kind` for a map of `extent` (ignored by WebMercator unless it crosses
    /// the antimeridian; the whole world when empty). Throws Error when PROJ refuses it.
    static MapProjection create(Kind kind, const std::optional<GeoExtent>& extent = std::nullopt);

    /// "mercator" (also "web-mercator", "EPSG:3857"), "equal-earth" ("EPSG:8857"), "laea",
    /// "local". Throws UsageError listing the names for anything else.
    static Kind parse_kind(const std::string& name);
    static const char* kind_name(Kind kind) noexcept;

    Kind kind() const noexcept;
    /// The PROJ definition ("EPSG:3857" or a +proj string).
    const std::string& definition() const noexcept;
    /// Human readable name for legends ("Web Mercator", "Lambert conformal conic (40°N, 55°N)").
    const std::string& description() const noexcept;
    const ProjectionDomain& domain() const noexcept;

    /// Projects a position; empty when it has no image (outside the projection's range).
    std::optional<MapXY> forward(double lon, double lat) const;
    std::optional<MapXY> forward(const LonLat& p) const { return forward(p.lon, p.lat); }
    /// Projects many positions in place: x holds longitudes and y latitudes on input, metres on
    /// output; a position without image gets infinite x and y.
    void forward_many(double* x, double* y, std::size_t n) const;
    /// Back to lon/lat; empty outside the projection's range.
    std::optional<LonLat> inverse(const MapXY& xy) const;

private:
    struct Impl;
    explicit MapProjection(std::shared_ptr<Impl> impl);
    std::shared_ptr<Impl> m_impl;
};

}  // namespace gazetteer::map
