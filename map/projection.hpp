#pragma once
// The map projection: a small wrapper over a PROJ transformation from WGS84 lon/lat to
// projected metres. PROJ types stay in projection.cpp.
//
// Which projection suits an extent is the engine's rule (gazetteer/map_projection.hpp, shared
// with the QGIS plugin); this class builds it with PROJ and projects.

#include "geo_extent.hpp"

#include <gazetteer/layers.hpp>
#include <gazetteer/map_projection.hpp>

#include <memory>
#include <optional>
#include <string>

namespace gazetteer::map {

/// A projected position, metres (x east, y north).
struct MapXY {
    double x = 0;
    double y = 0;
};

using gazetteer::ProjectionDomain;

/// A projection from WGS84 lon/lat. Cheap to copy (shares the PROJ object); not thread safe
/// (PROJ objects are per thread): use one per thread.
class MapProjection {
public:
    using Kind = gazetteer::ProjectionKind;

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
