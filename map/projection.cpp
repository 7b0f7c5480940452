#include "projection.hpp"

#include <gazetteer/error.hpp>

#include <proj.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

namespace gazetteer::map {

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
    ProjectionChoice choice = choose_projection(kind, extent);
    impl->kind = kind;
    impl->definition = std::move(choice.definition);
    impl->description = std::move(choice.description);
    impl->domain = choice.domain;
    impl->clamp_lat = choice.clamp_lat;

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
