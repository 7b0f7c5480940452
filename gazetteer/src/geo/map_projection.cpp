#include <gazetteer/map_projection.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gazetteer {

namespace {

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

std::string lat_text(double lat) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f°%c", std::abs(lat), lat >= 0 ? 'N' : 'S');
    return buf;
}

std::string lon_text(double lon) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f°%c", std::abs(lon), lon >= 0 ? 'E' : 'W');
    return buf;
}

}  // namespace

ProjectionChoice choose_projection(ProjectionKind kind, const std::optional<GeoExtent>& extent) {
    ProjectionChoice c;
    c.kind = kind;
    const GeoExtent e = extent.value_or(GeoExtent{});
    // Rounded as written into the PROJ string, so a basemap can be cut exactly at the meridian
    // opposite the one PROJ centres on.
    const double lon0 = extent ? std::round(e.center_lon() * 1e4) / 1e4 : 0.0;
    const double lat0 = extent ? std::round(e.center_lat() * 1e4) / 1e4 : 0.0;
    const double lat_span = e.north - e.south;
    // Ground size of the extent in degrees of arc, to decide what a local projection can cover.
    const double lon_arc = e.lon_span() * std::cos(lat0 * M_PI / 180);
    ProjectionDomain& d = c.domain;
    d.central_lon = lon0;

    ProjectionKind chosen = kind;
    if (kind == ProjectionKind::Local && (!extent || lon_arc > 120 || lat_span > 90)) chosen = ProjectionKind::EqualEarth;
    if (kind == ProjectionKind::Laea && !extent) chosen = ProjectionKind::EqualEarth;
    c.chosen = chosen;

    switch (chosen) {
        case ProjectionKind::WebMercator:
            if (extent && e.crosses_antimeridian()) {
                c.definition = "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=" + num(lon0) +
                               " +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs +type=crs";
                c.description = "Web Mercator, centred on " + lon_text(lon0);
            } else {
                c.definition = "EPSG:3857";
                c.description = "Web Mercator (EPSG:3857)";
                d.central_lon = 0;
            }
            d.min_lat = -kMercatorMaxLat;
            d.max_lat = kMercatorMaxLat;
            c.clamp_lat = true;
            break;
        case ProjectionKind::EqualEarth:
            if (std::abs(lon0) < 1e-9) {
                c.definition = "EPSG:8857";
                c.description = "Equal Earth (EPSG:8857)";
            } else {
                c.definition = "+proj=eqearth +lon_0=" + num(lon0) + " +datum=WGS84 +units=m +no_defs +type=crs";
                c.description = "Equal Earth, centred on " + lon_text(lon0);
            }
            break;
        case ProjectionKind::Laea:
            c.definition = "+proj=laea +lat_0=" + num(lat0) + " +lon_0=" + num(lon0) +
                           " +datum=WGS84 +units=m +no_defs +type=crs";
            c.description = "Lambert azimuthal equal-area, centred on " + lat_text(lat0) + " " + lon_text(lon0);
            // Keep away from the antipode, where the azimuthal projection explodes.
            d.half_lon_span = 100;
            d.min_lat = std::max(-90.0, lat0 - 100);
            d.max_lat = std::min(90.0, lat0 + 100);
            break;
        case ProjectionKind::Local:
            if (std::abs(lat0) > 70) {
                const bool north = lat0 > 0;
                c.definition = std::string("+proj=stere +lat_0=") + (north ? "90" : "-90") + " +lat_ts=" +
                               (north ? "71" : "-71") + " +lon_0=" + num(lon0) + " +datum=WGS84 +units=m +no_defs +type=crs";
                c.description = std::string("Polar stereographic (") + (north ? "north" : "south") + "), " + lon_text(lon0) + " up";
                d.min_lat = north ? 0 : -90;
                d.max_lat = north ? 90 : 0;
            } else if (std::abs(lat0) < 15 && lat_span < 40) {
                c.definition = "+proj=tmerc +lat_0=0 +lon_0=" + num(lon0) + " +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs";
                c.description = "Transverse Mercator, central meridian " + lon_text(lon0);
                d.half_lon_span = 75;
            } else {
                // Standard parallels at 1/6 and 5/6 of the span keep scale error small over it.
                double lat1 = e.south + lat_span / 6;
                double lat2 = e.north - lat_span / 6;
                if (lat1 * lat2 <= 0 || std::abs(lat1 - lat2) < 1) {
                    const double s = lat0 >= 0 ? 1 : -1;
                    lat1 = s * std::max(5.0, std::abs(lat0) - 5);
                    lat2 = s * std::min(85.0, std::abs(lat0) + 5);
                }
                c.definition = "+proj=lcc +lat_0=" + num(lat0) + " +lon_0=" + num(lon0) + " +lat_1=" + num(lat1) +
                               " +lat_2=" + num(lat2) + " +datum=WGS84 +units=m +no_defs +type=crs";
                c.description = "Lambert conformal conic (" + lat_text(std::min(lat1, lat2)) + ", " +
                                lat_text(std::max(lat1, lat2)) + ")";
                d.half_lon_span = 110;
                // The cone's far pole is at infinity.
                if (lat0 >= 0) d.min_lat = -30; else d.max_lat = 30;
            }
            break;
    }
    if (kind == ProjectionKind::Local && chosen == ProjectionKind::EqualEarth) {
        c.description += " (extent too large for a local projection)";
    }
    return c;
}

}  // namespace gazetteer
