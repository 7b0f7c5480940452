#include "projection.hpp"

#include <gazetteer/error.hpp>

#include <proj.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

namespace gazetteer::map {

namespace {
// Web Mercator's latitude limit: the square world of EPSG:3857.
constexpr double kMercatorMaxLat = 85.05112878;
}  // namespace

struct MapProjection::Impl {
    Kind kind = Kind::WebMercator;
    std::string definition;
    std::string description;
    ProjectionDomain domain;
    PJ_CONTEXT* ctx = nullptr;
    bool clamp_lat = false;
    PJ* pj = nullptr;  // normalised for visualisation: lon/lat in, easting/northing out

    ~Impl() {
        if (pj) proj_destroy(pj);
        if (ctx) proj_context_destroy(ctx);
    }
};

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

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

MapProjection::MapProjection(std::shared_ptr<Impl> impl) : m_impl(std::move(impl)) {}

MapProjection::Kind MapProjection::parse_kind(const std::string& name) {
    const std::string n = lower(name);
    if (n == "mercator" || n == "web-mercator" || n == "webmercator" || n == "epsg:3857") return Kind::WebMercator;
    if (n == "equal-earth" || n == "equalearth" || n == "epsg:8857") return Kind::EqualEarth;
    if (n == "laea") return Kind::Laea;
    if (n == "local" || n == "auto") return Kind::Local;
    throw UsageError("unknown projection '" + name + "': use mercator, equal-earth, laea or local");
}

const char* MapProjection::kind_name(Kind kind) noexcept {
    switch (kind) {
        case Kind::WebMercator: return "mercator";
        case Kind::EqualEarth: return "equal-earth";
        case Kind::Laea: return "laea";
        case Kind::Local: return "local";
    }
    return "?";
}

MapProjection MapProjection::create(Kind kind, const std::optional<GeoExtent>& extent) {
    auto impl = std::make_shared<Impl>();
    impl->kind = kind;
    const GeoExtent e = extent.value_or(GeoExtent{});
    // Rounded as written into the PROJ string, so the basemap is cut exactly at the meridian
    // opposite the one PROJ centres on.
    const double lon0 = extent ? std::round(e.center_lon() * 1e4) / 1e4 : 0.0;
    const double lat0 = extent ? std::round(e.center_lat() * 1e4) / 1e4 : 0.0;
    const double lat_span = e.north - e.south;
    // Ground size of the extent in degrees of arc, to decide what a local projection can cover.
    const double lon_arc = e.lon_span() * std::cos(lat0 * M_PI / 180);
    ProjectionDomain& d = impl->domain;
    d.central_lon = lon0;

    Kind chosen = kind;
    if (kind == Kind::Local && (!extent || lon_arc > 120 || lat_span > 90)) chosen = Kind::EqualEarth;
    if (kind == Kind::Laea && !extent) chosen = Kind::EqualEarth;

    switch (chosen) {
        case Kind::WebMercator:
            if (extent && e.crosses_antimeridian()) {
                impl->definition = "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=" + num(lon0) +
                                   " +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs +type=crs";
                impl->description = "Web Mercator, centred on " + lon_text(lon0);
            } else {
                impl->definition = "EPSG:3857";
                impl->description = "Web Mercator (EPSG:3857)";
                d.central_lon = 0;
            }
            d.min_lat = -kMercatorMaxLat;
            d.max_lat = kMercatorMaxLat;
            impl->clamp_lat = true;
            break;
        case Kind::EqualEarth:
            if (std::abs(lon0) < 1e-9) {
                impl->definition = "EPSG:8857";
                impl->description = "Equal Earth (EPSG:8857)";
            } else {
                impl->definition = "+proj=eqearth +lon_0=" + num(lon0) + " +datum=WGS84 +units=m +no_defs +type=crs";
                impl->description = "Equal Earth, centred on " + lon_text(lon0);
            }
            break;
        case Kind::Laea:
            impl->definition = "+proj=laea +lat_0=" + num(lat0) + " +lon_0=" + num(lon0) +
                               " +datum=WGS84 +units=m +no_defs +type=crs";
            impl->description = "Lambert azimuthal equal-area, centred on " + lat_text(lat0) + " " + lon_text(lon0);
            // Keep away from the antipode, where the azimuthal projection explodes.
            d.half_lon_span = 100;
            d.min_lat = std::max(-90.0, lat0 - 100);
            d.max_lat = std::min(90.0, lat0 + 100);
            break;
        case Kind::Local: {
            if (std::abs(lat0) > 70) {
                const bool north = lat0 > 0;
                impl->definition = std::string("+proj=stere +lat_0=") + (north ? "90" : "-90") + " +lat_ts=" +
                                   (north ? "71" : "-71") + " +lon_0=" + num(lon0) + " +datum=WGS84 +units=m +no_defs +type=crs";
                impl->description = std::string("Polar stereographic (") + (north ? "north" : "south") + "), " + lon_text(lon0) + " up";
                d.min_lat = north ? 0 : -90;
                d.max_lat = north ? 90 : 0;
            } else if (std::abs(lat0) < 15 && lat_span < 40) {
                impl->definition = "+proj=tmerc +lat_0=0 +lon_0=" + num(lon0) + " +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs";
                impl->description = "Transverse Mercator, central meridian " + lon_text(lon0);
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
                impl->definition = "+proj=lcc +lat_0=" + num(lat0) + " +lon_0=" + num(lon0) + " +lat_1=" + num(lat1) +
                                   " +lat_2=" + num(lat2) + " +datum=WGS84 +units=m +no_defs +type=crs";
                impl->description = "Lambert conformal conic (" + lat_text(std::min(lat1, lat2)) + ", " +
                                    lat_text(std::max(lat1, lat2)) + ")";
                d.half_lon_span = 110;
                // The cone's far pole is at infinity.
                if (lat0 >= 0) d.min_lat = -30; else d.max_lat = 30;
            }
            break;
        }
    }
    if (kind == Kind::Local && chosen == Kind::EqualEarth) impl->description += " (extent too large for a local projection)";
    impl->kind = kind;

    impl->ctx = proj_context_create();
    PJ* raw = proj_create_crs_to_crs(impl->ctx, "EPSG:4326", impl->definition.c_str(), nullptr);
    if (!raw) {
        throw Error("PROJ cannot create the projection '" + impl->definition + "': " +
                    proj_context_errno_string(impl->ctx, proj_context_errno(impl->ctx)));
    }
    impl->pj = proj_normalize_for_visualization(impl->ctx, raw);
    proj_destroy(raw);
    if (!impl->pj) throw Error("PROJ cannot normalise the projection '" + impl->definition + "'");
    return MapProjection(std::move(impl));
}

MapProjection::Kind MapProjection::kind() const noexcept { return m_impl->kind; }
const std::string& MapProjection::definition() const noexcept { return m_impl->definition; }
const std::string& MapProjection::description() const noexcept { return m_impl->description; }
const ProjectionDomain& MapProjection::domain() const noexcept { return m_impl->domain; }

std::optional<MapXY> MapProjection::forward(double lon, double lat) const {
    double x = lon, y = lat;
    forward_many(&x, &y, 1);
    if (!std::isfinite(x) || !std::isfinite(y)) return std::nullopt;
    return MapXY{x, y};
}

void MapProjection::forward_many(double* x, double* y, std::size_t n) const {
    // Mercator sends the poles to infinity: positions beyond its square world sit on its edge.
    if (m_impl->clamp_lat) {
        for (std::size_t i = 0; i < n; ++i) y[i] = std::clamp(y[i], -kMercatorMaxLat, kMercatorMaxLat);
    }
    proj_errno_reset(m_impl->pj);
    proj_trans_generic(m_impl->pj, PJ_FWD, x, sizeof(double), n, y, sizeof(double), n, nullptr, 0, 0, nullptr, 0, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]) || std::abs(x[i]) > 1e9 || std::abs(y[i]) > 1e9) {
            x[i] = y[i] = std::numeric_limits<double>::infinity();
        }
    }
}

std::optional<LonLat> MapProjection::inverse(const MapXY& xy) const {
    PJ_COORD c = proj_coord(xy.x, xy.y, 0, 0);
    proj_errno_reset(m_impl->pj);
    PJ_COORD r = proj_trans(m_impl->pj, PJ_INV, c);
    if (!std::isfinite(r.lp.lam) || !std::isfinite(r.lp.phi) || std::abs(r.lp.phi) > 90.0001) return std::nullopt;
    return LonLat{r.lp.lam, r.lp.phi};
}

}  // namespace gazetteer::map
