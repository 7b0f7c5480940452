// Merge stage: one place per country, from world-countries and GeoNames country rows.

#include "index/build_stages.hpp"

#include <gazetteer/place.hpp>

#include <cmath>
#include <map>

namespace gazetteer::detail {

void merge_countries(Drafts& st) {
    auto& places = st.places;
    // Countries: one place "country:XX" each. A GeoNames row naming the same country as it is
    // today gives its coordinates and names and is then dropped, so a country is never listed
    // twice; a historical entity (PCLH) under the same code is kept apart (place.hpp).
    std::map<std::string, std::size_t> country_row;
    for (std::size_t i = 0; i < places.size(); ++i)
        if (places[i].source == Source::GeoNames && places[i].feature_class == 'A' &&
            is_current_country_feature_code(places[i].feature_code) && !places[i].country.empty() &&
            !country_row.count(places[i].country))
            country_row[places[i].country] = i;
    for (auto& [iso2, c] : st.countries) {
        Draft d;
        d.id = "country:" + iso2;
        d.name = c.name.empty() ? iso2 : c.name;
        d.ascii_name = d.name;
        d.lat = c.lat;
        d.lon = c.lon;
        d.feature_class = 'A';
        d.feature_code = "PCLI";
        d.country = iso2;
        d.population = c.population;
        d.source = Source::Country;
        d.alts = c.names;
        d.alts.push_back({iso2, "", MatchKind::Abbreviation});
        if (auto it = country_row.find(iso2); it != country_row.end()) {
            Draft& g = places[it->second];
            // world-countries' point is the one rule for every country (README "Where areas
            // sit on the map"); a GeoNames country row places only a country it lacks.
            if (std::isnan(d.lat) || std::isnan(d.lon)) {
                d.lat = g.lat;
                d.lon = g.lon;
            }
            d.feature_code = g.feature_code;
            if (g.population) d.population = g.population;
            d.alts.push_back({g.name, "", MatchKind::AltName});
            for (auto& a : g.alts) d.alts.push_back(a);
            g.dropped = true;
        }
        if (std::isnan(d.lat) || std::isnan(d.lon)) continue;  // no coordinates from any source
        places.push_back(std::move(d));
    }
}

}  // namespace gazetteer::detail
