#include "scene.hpp"

#include <algorithm>
#include <cmath>

namespace gazetteer::map {

bool Scene::has_route() const noexcept {
    return std::any_of(legs.begin(), legs.end(), [](const SceneLeg& l) { return l.seq > 0; });
}

namespace {
template <class PlacePred, class LegPred>
std::optional<GeoExtent> extent_where(const Scene& s, PlacePred keep_place, LegPred keep_leg) {
    std::vector<LonLat> pts;
    for (const auto& p : s.places) {
        if (keep_place(p)) pts.push_back({p.lon, p.lat});
    }
    for (const auto& l : s.legs) {
        if (!keep_leg(l)) continue;
        for (const auto& part : l.parts) pts.insert(pts.end(), part.begin(), part.end());
    }
    return extent_of(pts);
}
}  // namespace

std::optional<GeoExtent> Scene::extent() const {
    return extent_where(*this, [](const ScenePlace&) { return true; }, [](const SceneLeg&) { return true; });
}

std::optional<GeoExtent> Scene::focus_extent() const {
    if (has_route()) {
        return extent_where(*this, [](const ScenePlace& p) { return p.stop_seq > 0; },
                            [](const SceneLeg& l) { return l.seq > 0; });
    }
    return extent();
}

std::optional<GeoExtent> Scene::layer_extent(std::size_t layer) const {
    return extent_where(*this, [layer](const ScenePlace& p) { return p.layer == layer; },
                        [layer](const SceneLeg& l) { return l.layer == layer; });
}

std::size_t Scene::add_layer(std::string name, std::string path, bool article) {
    layers.push_back({std::move(name), std::move(path), article});
    return layers.size() - 1;
}

GeometryPart densify_lonlat(const LonLat& a, const LonLat& b, double step_deg) {
    const double span = std::max(std::abs(b.lon - a.lon), std::abs(b.lat - a.lat));
    const int n = std::max(1, static_cast<int>(std::ceil(span / std::max(step_deg, 1e-6))));
    GeometryPart part;
    part.reserve(static_cast<std::size_t>(n) + 1);
    for (int i = 0; i <= n; ++i) {
        const double t = static_cast<double>(i) / n;
        part.push_back({a.lon + (b.lon - a.lon) * t, a.lat + (b.lat - a.lat) * t});
    }
    return part;
}

}  // namespace gazetteer::map
