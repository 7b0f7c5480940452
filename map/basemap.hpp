#pragma once
// The basemap: Natural Earth land and country outlines (the world-atlas TopoJSON files that
// scripts/fetch-data.sh puts in the data folder, read with GDAL's TopoJSON driver) and an
// optional graticule. Geometry is kept in lon/lat and projected on demand: for each projection
// it is cut at the projection's back meridian and clipped to its domain (so no polygon smears
// across the map), densified along the cuts, projected and cached as QPainterPaths in metres.
// GDAL types stay in basemap.cpp.

#include "projection.hpp"

#include <QPainterPath>
#include <QRectF>

#include <memory>
#include <string>
#include <vector>

namespace gazetteer::map {

/// One projected polygon or line with its bounds, projected metres (drawn through
/// MapView::transform()). Shapes off the view are skipped by their bounds.
struct BasemapShape {
    QPainterPath path;     ///< filled area (polygons) or the line itself
    QPainterPath outline;  ///< what to stroke: the polygon's rings without the edges made by cutting
    QRectF bounds;
};

/// The basemap in one projection.
struct ProjectedBasemap {
    std::vector<BasemapShape> land;       ///< filled polygons
    std::vector<BasemapShape> countries;  ///< country polygons, stroked as borders
    std::vector<BasemapShape> graticule;  ///< lines of equal latitude and longitude
};

/// What to load.
struct BasemapOptions {
    /// Folder holding world-atlas/package/*.json (GAZETTEER_DATA_DIR).
    std::string data_dir;
    /// Natural Earth scale of the files: "110m", "50m" or "10m".
    std::string resolution = "50m";
    bool land = true;
    bool countries = true;
    bool graticule = true;
    /// Spacing of the graticule lines, degrees.
    double graticule_step_deg = 10;
};

/// Natural Earth basemap layers in lon/lat. Cheap to copy (shared, immutable data).
class Basemap {
public:
    /// A basemap without layers (plain background).
    Basemap();
    /// Reads the layers `options` asks for. Throws IoError naming the file (and how to get the
    /// data) when a file is missing or GDAL cannot read it.
    static Basemap load(const BasemapOptions& options);

    /// True when it has no layer at all.
    bool empty() const noexcept;
    /// The basemap in `projection`, computed on first use and cached by the projection's
    /// definition. Not thread safe.
    std::shared_ptr<const ProjectedBasemap> project(const MapProjection& projection) const;

private:
    struct Impl;
    std::shared_ptr<Impl> m_impl;
};

/// The data folder: `override_dir` when not empty, else $GAZETTEER_DATA_DIR, else the folder
/// compiled in (GAZETTEER_DATA_DIR of the build).
std::string resolve_data_dir(const std::string& override_dir = {});

}  // namespace gazetteer::map
