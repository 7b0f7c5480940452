#include "basemap.hpp"

#include <gazetteer/error.hpp>

#include <gdal.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

namespace gazetteer::map {

namespace {

// One polygon (rings: outer then holes) or one line, lon/lat, with its bounds.
struct Part {
    bool polygon = true;
    std::vector<std::vector<LonLat>> rings;
    double west = 180, south = 90, east = -180, north = -90;

    void grow_bounds() {
        for (const auto& r : rings)
            for (const auto& p : r) {
                west = std::min(west, p.lon);
                east = std::max(east, p.lon);
                south = std::min(south, p.lat);
                north = std::max(north, p.lat);
            }
    }
};

void register_gdal() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

std::vector<LonLat> ring_points(const OGRSimpleCurve* c) {
    std::vector<LonLat> pts;
    pts.reserve(static_cast<std::size_t>(c->getNumPoints()));
    for (int i = 0; i < c->getNumPoints(); ++i) pts.push_back({c->getX(i), c->getY(i)});
    return pts;
}

// The world-atlas files are made for d3-geo, which reads polygons on the sphere: a ring may step
// straight from 179.9 to -179.9 (Chukotka, Fiji) or run all the way round a pole (Antarctica).
// Read as plane polygons those steps are lines across the whole map. Unwrapping makes the
// longitudes continuous (a ring may then reach past 180; the clipper takes shifted copies of its
// boxes), and a ring that ends 360 degrees from its start is closed along its pole.
std::vector<LonLat> unwrap_ring(std::vector<LonLat> pts) {
    if (pts.size() < 2) return pts;
    double shift = 0;
    double lat_sum = 0;
    for (std::size_t i = 1; i < pts.size(); ++i) {
        const double step = pts[i].lon + shift - pts[i - 1].lon;
        if (step > 180) shift -= 360;
        else if (step < -180) shift += 360;
        pts[i].lon += shift;
        lat_sum += pts[i].lat;
    }
    const double turn = pts.back().lon - pts.front().lon;
    if (std::abs(turn) > 180) {
        const double pole = lat_sum >= 0 ? 90 : -90;
        const LonLat first = pts.front();
        pts.push_back({pts.back().lon, pole});
        pts.push_back({first.lon, pole});
        pts.push_back(first);
    }
    return pts;
}

// Polygons and lines of a geometry, one Part each, so clipping and culling work per part.
void explode(const OGRGeometry* g, std::vector<Part>& out) {
    if (!g || g->IsEmpty()) return;
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPolygon: {
            Part part;
            for (const OGRLinearRing* ring : *g->toPolygon()) part.rings.push_back(unwrap_ring(ring_points(ring)));
            part.grow_bounds();
            out.push_back(std::move(part));
            break;
        }
        case wkbLineString: {
            Part part;
            part.polygon = false;
            part.rings.push_back(ring_points(g->toLineString()));
            part.grow_bounds();
            out.push_back(std::move(part));
            break;
        }
        case wkbMultiPolygon:
        case wkbMultiLineString:
        case wkbGeometryCollection:
            for (const OGRGeometry* sub : *g->toGeometryCollection()) explode(sub, out);
            break;
        default:
            break;
    }
}

std::vector<Part> read_layer(const std::string& path, const char* layer_name) {
    register_gdal();
    if (!std::filesystem::exists(path)) {
        throw IoError(path + ": basemap file not found (run scripts/fetch-data.sh, or point --data-dir or "
                      "GAZETTEER_DATA_DIR at the folder holding world-atlas/, or draw without it: --no-basemap)");
    }
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw IoError(path + ": GDAL cannot read it: " + CPLGetLastErrorMsg());
    OGRLayer* layer = ds->GetLayerByName(layer_name);
    if (!layer) throw IoError(path + ": no layer '" + std::string(layer_name) + "'");
    std::vector<Part> parts;
    for (auto& feature : *layer) explode(feature->GetGeometryRef(), parts);
    return parts;
}

// Longitude intervals in [-180, 180] within `half` degrees of `center`. A hair is left out at
// the back meridian so that no vertex sits exactly on it (PROJ could send it to either edge).
std::vector<std::pair<double, double>> lon_intervals(double center, double half) {
    const double eps = half >= 180 ? 1e-5 : 0;
    double lo = center - half + eps, hi = center + half - eps;
    std::vector<std::pair<double, double>> r;
    if (lo < -180) {
        r.emplace_back(lo + 360, 180);
        r.emplace_back(-180, hi);
    } else if (hi > 180) {
        r.emplace_back(lo, 180);
        r.emplace_back(-180, hi - 360);
    } else {
        r.emplace_back(lo, hi);
    }
    return r;
}

struct Box {
    double west, south, east, north;
};

// Sutherland-Hodgman clipping of a ring against a lon/lat box (Sutherland and Hodgman 1974).
// Works on any ring, valid or not (Natural Earth has self-touching rings that make GEOS
// refuse or mangle them); where a ring leaves the box the result runs along the box edge, which
// projects to the edge of the map or beyond the view.
std::vector<LonLat> clip_ring(const std::vector<LonLat>& ring, const Box& b) {
    std::vector<LonLat> in = ring, out;
    auto clip = [&](auto inside, auto cross) {
        out.clear();
        if (in.empty()) return;
        LonLat prev = in.back();
        bool prev_in = inside(prev);
        for (const LonLat& cur : in) {
            const bool cur_in = inside(cur);
            if (cur_in != prev_in) out.push_back(cross(prev, cur));
            if (cur_in) out.push_back(cur);
            prev = cur;
            prev_in = cur_in;
        }
        in.swap(out);
    };
    auto at_lon = [](double lon) {
        return [lon](const LonLat& a, const LonLat& c) {
            const double t = (lon - a.lon) / (c.lon - a.lon);
            return LonLat{lon, a.lat + (c.lat - a.lat) * t};
        };
    };
    auto at_lat = [](double lat) {
        return [lat](const LonLat& a, const LonLat& c) {
            const double t = (lat - a.lat) / (c.lat - a.lat);
            return LonLat{a.lon + (c.lon - a.lon) * t, lat};
        };
    };
    clip([&](const LonLat& p) { return p.lon >= b.west; }, at_lon(b.west));
    clip([&](const LonLat& p) { return p.lon <= b.east; }, at_lon(b.east));
    clip([&](const LonLat& p) { return p.lat >= b.south; }, at_lat(b.south));
    clip([&](const LonLat& p) { return p.lat <= b.north; }, at_lat(b.north));
    return in;
}

// Liang-Barsky clipping of a polyline against a box: the runs of it inside.
std::vector<std::vector<LonLat>> clip_line(const std::vector<LonLat>& line, const Box& b) {
    std::vector<std::vector<LonLat>> runs;
    std::vector<LonLat> run;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const LonLat a = line[i - 1], c = line[i];
        double t0 = 0, t1 = 1;
        const double dx = c.lon - a.lon, dy = c.lat - a.lat;
        bool visible = true;
        for (auto [p, q] : {std::pair{-dx, a.lon - b.west}, std::pair{dx, b.east - a.lon}, std::pair{-dy, a.lat - b.south},
                            std::pair{dy, b.north - a.lat}}) {
            if (p == 0) {
                if (q < 0) visible = false;
                continue;
            }
            const double t = q / p;
            if (p < 0) t0 = std::max(t0, t);
            else t1 = std::min(t1, t);
        }
        if (!visible || t0 > t1) {
            if (run.size() >= 2) runs.push_back(run);
            run.clear();
            continue;
        }
        const LonLat s{a.lon + dx * t0, a.lat + dy * t0}, e{a.lon + dx * t1, a.lat + dy * t1};
        if (run.empty() || t0 > 0) {
            if (run.size() >= 2) runs.push_back(run);
            run.assign({s});
        }
        run.push_back(e);
        if (t1 < 1) {
            if (run.size() >= 2) runs.push_back(run);
            run.clear();
        }
    }
    if (run.size() >= 2) runs.push_back(run);
    return runs;
}

// Adds vertices on segments longer than `step` degrees (the cut edges) so they follow the
// projection's curved meridians and parallels.
std::vector<LonLat> densify(const std::vector<LonLat>& pts, double step) {
    std::vector<LonLat> out;
    out.reserve(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (i > 0) {
            const LonLat a = pts[i - 1], c = pts[i];
            const double span = std::max(std::abs(c.lon - a.lon), std::abs(c.lat - a.lat));
            const int n = static_cast<int>(span / step);
            for (int k = 1; k < n; ++k) {
                const double t = static_cast<double>(k) / n;
                out.push_back({a.lon + (c.lon - a.lon) * t, a.lat + (c.lat - a.lat) * t});
            }
        }
        out.push_back(pts[i]);
    }
    return out;
}

std::vector<LonLat> shifted(std::vector<LonLat> pts, double dlon) {
    if (dlon != 0)
        for (auto& p : pts) p.lon += dlon;
    return pts;
}

// The outline of a clipped ring: its runs without the edges that lie along the box (made by the
// cut, not coasts or borders), so strokes do not draw the map's seams.
std::vector<std::vector<LonLat>> outline_runs(const std::vector<LonLat>& ring, const Box& b) {
    auto on_edge = [&](const LonLat& p, const LonLat& q) {
        constexpr double e = 1e-9;
        return (std::abs(p.lon - b.west) < e && std::abs(q.lon - b.west) < e) ||
               (std::abs(p.lon - b.east) < e && std::abs(q.lon - b.east) < e) ||
               (std::abs(p.lat - b.south) < e && std::abs(q.lat - b.south) < e) ||
               (std::abs(p.lat - b.north) < e && std::abs(q.lat - b.north) < e);
    };
    std::vector<std::vector<LonLat>> runs;
    std::vector<LonLat> run;
    const std::size_t n = ring.size();
    for (std::size_t i = 0; i < n; ++i) {
        const LonLat& p = ring[i];
        const LonLat& q = ring[(i + 1) % n];  // the closing edge too
        if (on_edge(p, q)) {
            if (run.size() >= 2) runs.push_back(run);
            run.clear();
            continue;
        }
        if (run.empty()) run.push_back(p);
        run.push_back(q);
    }
    if (run.size() >= 2) runs.push_back(run);
    return runs;
}

void add_points(QPainterPath& path, const std::vector<LonLat>& pts, const MapProjection& projection, bool close) {
    if (pts.size() < 2) return;
    std::vector<double> x(pts.size()), y(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) {
        x[i] = pts[i].lon;
        y[i] = pts[i].lat;
    }
    projection.forward_many(x.data(), y.data(), x.size());
    bool pen_down = false;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!std::isfinite(x[i])) {
            pen_down = false;
            continue;
        }
        if (pen_down) path.lineTo(x[i], y[i]);
        else path.moveTo(x[i], y[i]);
        pen_down = true;
    }
    if (close) path.closeSubpath();
}

}  // namespace

struct Basemap::Impl {
    std::vector<Part> land, countries, graticule;
    mutable std::map<std::string, std::shared_ptr<const ProjectedBasemap>> cache;

    std::vector<BasemapShape> project_parts(const std::vector<Part>& parts, const MapProjection& projection) const {
        const ProjectionDomain& d = projection.domain();
        std::vector<Box> boxes;
        for (auto [w, e] : lon_intervals(d.central_lon, d.half_lon_span)) boxes.push_back({w, d.min_lat, e, d.max_lat});
        std::vector<BasemapShape> shapes;
        shapes.reserve(parts.size());
        for (const Part& part : parts) {
            QPainterPath path, outline;
            path.setFillRule(Qt::OddEvenFill);
            for (const Box& base : boxes) {
              for (double k : {0.0, -360.0, 360.0}) {
                const Box b{base.west + k, base.south, base.east + k, base.north};
                if (part.east < b.west || part.west > b.east || part.north < b.south || part.south > b.north) continue;
                const bool inside = part.west >= b.west && part.east <= b.east && part.south >= b.south && part.north <= b.north;
                for (const auto& ring : part.rings) {
                    if (inside && k == 0) {
                        add_points(path, ring, projection, part.polygon);
                        add_points(outline, ring, projection, part.polygon);
                    } else if (part.polygon) {
                        const std::vector<LonLat> clipped = clip_ring(ring, b);
                        add_points(path, shifted(densify(clipped, 1.0), -k), projection, true);
                        for (const auto& run : outline_runs(clipped, b)) add_points(outline, shifted(run, -k), projection, false);
                    } else {
                        for (const auto& run : clip_line(ring, b)) {
                            add_points(path, shifted(run, -k), projection, false);
                            add_points(outline, shifted(run, -k), projection, false);
                        }
                    }
                }
              }
            }
            if (path.isEmpty()) continue;
            // Straight meridians and parallels have bounds of zero width, which never intersect.
            shapes.push_back({path, outline, path.boundingRect().adjusted(-1, -1, 1, 1)});
        }
        return shapes;
    }
};

Basemap::Basemap() : m_impl(std::make_shared<Impl>()) {}

Basemap Basemap::load(const BasemapOptions& options) {
    Basemap b;
    const std::filesystem::path dir = std::filesystem::path(options.data_dir) / "world-atlas" / "package";
    if (options.land) b.m_impl->land = read_layer((dir / ("land-" + options.resolution + ".json")).string(), "land");
    if (options.countries) {
        b.m_impl->countries = read_layer((dir / ("countries-" + options.resolution + ".json")).string(), "countries");
    }
    if (options.graticule && options.graticule_step_deg > 0) {
        const double step = options.graticule_step_deg;
        auto add_line = [&](std::vector<LonLat> pts) {
            Part part;
            part.polygon = false;
            part.rings.push_back(std::move(pts));
            part.grow_bounds();
            b.m_impl->graticule.push_back(std::move(part));
        };
        for (double lon = -180; lon < 180 - 1e-9; lon += step) {  // -180 and 180 are one meridian
            std::vector<LonLat> pts;
            for (double lat = -90; lat <= 90 + 1e-9; lat += 1) pts.push_back({lon, lat});
            add_line(std::move(pts));
        }
        for (double lat = -90 + step; lat < 90 - 1e-9; lat += step) {
            std::vector<LonLat> pts;
            for (double lon = -180; lon <= 180 + 1e-9; lon += 1) pts.push_back({lon, lat});
            add_line(std::move(pts));
        }
    }
    return b;
}

bool Basemap::empty() const noexcept {
    return m_impl->land.empty() && m_impl->countries.empty() && m_impl->graticule.empty();
}

std::shared_ptr<const ProjectedBasemap> Basemap::project(const MapProjection& projection) const {
    auto it = m_impl->cache.find(projection.definition());
    if (it != m_impl->cache.end()) return it->second;
    auto p = std::make_shared<ProjectedBasemap>();
    p->land = m_impl->project_parts(m_impl->land, projection);
    p->countries = m_impl->project_parts(m_impl->countries, projection);
    p->graticule = m_impl->project_parts(m_impl->graticule, projection);
    m_impl->cache.emplace(projection.definition(), p);
    return p;
}

std::string resolve_data_dir(const std::string& override_dir) {
    if (!override_dir.empty()) return override_dir;
    if (const char* env = std::getenv("GAZETTEER_DATA_DIR"); env && *env) return env;
    return GAZETTEER_MAP_DATA_DIR;
}

}  // namespace gazetteer::map
