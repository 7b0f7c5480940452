// Merge stage: the points of curated areas made of countries (continents, "Middle East").

#include "index/build_stages.hpp"

#include <cmath>

namespace gazetteer::detail {

void place_regions(Drafts& st) {
    auto& places = st.places;
    // Areas made of countries (continents, "Middle East", "Baltic states"): the mean of the
    // member countries' world-countries points as unit vectors, each weighted by the
    // country's area, so a region sits where most of its land is, the same rule for all of
    // them, and the antimeridian (Oceania) needs no special case.
    for (auto& p : places) {
        if (p.source != Source::Curated || p.dropped) continue;
        auto rm = st.region_members.find(p.id.substr(p.id.find(':') + 1));
        if (rm == st.region_members.end()) continue;
        double x = 0, y = 0, z = 0;
        std::string missing;
        for (const auto& iso2 : rm->second.members) {
            auto c = st.countries.find(iso2);
            if (c == st.countries.end() || std::isnan(c->second.lat) || std::isnan(c->second.area_km2)) {
                missing += (missing.empty() ? "" : " ") + iso2;
                continue;
            }
            const double phi = c->second.lat * M_PI / 180, lam = c->second.lon * M_PI / 180, w = c->second.area_km2;
            x += w * std::cos(phi) * std::cos(lam);
            y += w * std::cos(phi) * std::sin(lam);
            z += w * std::sin(phi);
        }
        if (!missing.empty())
            st.warn(rm->second.file, rm->second.line, "members without a world-countries point or area: " + missing);
        const double norm = std::sqrt(x * x + y * y + z * z);
        if (norm < 1e-9) continue;
        p.lat = std::asin(z / norm) * 180 / M_PI;
        p.lon = std::atan2(y, x) * 180 / M_PI;
    }
    for (auto& p : places) {
        if (p.source == Source::Curated && !p.dropped && (std::isnan(p.lat) || std::isnan(p.lon))) {
            if (st.options.on_warning) st.options.on_warning(p.id + ": no coordinates and no computable member countries: skipped");
            ++st.skipped;
            p.dropped = true;
        }
    }
}

}  // namespace gazetteer::detail
