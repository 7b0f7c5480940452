// Containment and merging: events grouped into stops by place (a city's airport or station is
// the city), roles of the groups (origin, visit, planned, return), containers (a country, a
// region or an island around a city stop) dropped into the stop they hold.

#include "itinerary/extractor.hpp"

#include "geoparse/lexicon.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/lookup.hpp>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace gazetteer::detail {

// Transport facilities (GeoNames feature codes, https://www.geonames.org/export/codes.html):
// airports and airfields, railway and bus stations, ports and landings. A traveller passing
// through one of a city's is at the city.
bool is_transport_facility(const Place& p) {
    static const std::set<std::string> codes = {"AIRP", "AIRF", "AIRH", "AIRB", "AIRQ", "RSTN", "RSTP",
                                                "BUSTN", "BUSTP", "PRT", "MAR", "PIER", "LDNG", "FY"};
    return codes.count(p.feature_code) != 0;
}

// Great-circle distance in km: enough to tell a city's airport from another city's (the
// reported leg lengths use the ellipsoid, route.hpp).
double sphere_km(const Place& a, const Place& b) { return haversine_km(a.lat, a.lon, b.lat, b.lon); }

// A populated place named as an installation ("Elmendorf Air Force Base" is a GeoNames PPL).
bool named_as_venue(const Place& p) {
    const std::size_t space = p.name.rfind(' ');
    if (space == std::string::npos) return false;
    std::string last = p.name.substr(space + 1);
    for (char& c : last) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return cues::kVenueNouns.count(last) != 0;
}



std::vector<StopGroup> Extractor::merge_stops(std::vector<Event>& kept) {
    std::sort(kept.begin(), kept.end(), [](const Event& a, const Event& b) { return a.first < b.first; });

    // A city's airport, station or port is the city: "left Tokyo ... flew overnight from Haneda
    // Airport" leaves one place. The facility joins the nearest city stop within reach of an
    // airport (Narita lies 60 km from central Tokyo); a facility without one stays a stop.
    constexpr double kFacilityKm = 80;
    // Venues (a palace, a hall, an air base, a memorial: GeoNames class S, and parks and
    // landmarks of class L) are in the city that holds them: "banquets at the Great Hall of the
    // People" is a stop in Beijing. A venue joins the nearest city stop within kVenueKm, since a
    // city's venues lie within its built-up area; one with no city stop near stays a stop.
    constexpr double kVenueKm = 40;
    for (auto& e : kept) {
        const bool facility = is_transport_facility(e.place);
        const bool venue = facility || ((e.place.feature_class == 'S' || e.place.feature_class == 'L') &&
                                        e.place.source != Source::Country && e.place.source != Source::Admin1) ||
                           named_as_venue(e.place);
        if (!venue) continue;
        std::optional<Place> city;
        double best_km = facility ? kFacilityKm : kVenueKm;
        for (const auto& o : kept) {
            if (o.place.feature_class != 'P' || o.place.id == e.place.id || named_as_venue(o.place)) continue;
            const double km = sphere_km(e.place, o.place);
            if (km <= best_km) {
                best_km = km;
                city = o.place;
            }
        }
        if (!city) continue;
        note_place(e, e.role, facility ? "a transport facility of the city" : "a venue in the city", city->name);
        e.place = *city;
    }

    // Group events into stops: one per place, split when two stated dates differ, and a
    // return to the place of departure is a stop of its own.
    std::vector<StopGroup> groups;
    for (std::size_t i = 0; i < kept.size(); ++i) {
        const Event& e = kept[i];
        StopGroup* into = nullptr;
        for (auto& g : groups) {
            if (g.place.id != e.place.id) continue;
            const bool g_return = std::any_of(g.events.begin(), g.events.end(), [&](std::size_t k) { return kept[k].ret; });
            if (e.ret != g_return && (e.ret || g_return)) {
                const bool g_departs = std::all_of(g.events.begin(), g.events.end(), [&](std::size_t k) { return kept[k].dir == Direction::Depart; });
                if (g_departs || e.dir == Direction::Depart) continue;
            }
            if (g.date && e.date && g.date_level <= 1 && e.date_level <= 1 && *g.date != *e.date) continue;
            into = &g;
            break;
        }
        if (!into) {
            groups.push_back({});
            into = &groups.back();
            into->place = e.place;
            into->pos = e.cp_start;
        }
        into->events.push_back(i);
        if (e.home) into->home = true;
        // A stop is dated by its arrival: an arrival or stay before a departure, a stated or
        // anchored day before an inferred one, then the earliest day.
        if (e.date) {
            const auto rank = [](bool depart, int level, long day) { return std::make_tuple(depart, level >= 2, day); };
            const bool depart = e.dir == Direction::Depart;
            if (!into->date || rank(depart, e.date_level, *e.date) < rank(into->date_depart, into->date_level, *into->date)) {
                into->date = e.date;
                into->date_level = e.date_level;
                into->date_depart = depart;
            }
        }
    }
    // A stop left without a day whose motion continues one dated in its own sentence ("on the
    // morning of Feb. 21 flew to Shanghai, where ..., before continuing to Peking") took place
    // that day or later: the day orders it, but is not reported as its date.
    std::map<std::size_t, std::vector<std::size_t>> kept_in;  // sentence -> kept events
    for (std::size_t k = 0; k < kept.size(); ++k) kept_in[kept[k].sentence].push_back(k);
    for (auto& g : groups) {
        if (g.date) continue;
        for (std::size_t k : g.events) {
            const Event& e = kept[k];
            if (e.before_that || e.pluperfect || e.dir == Direction::Depart || e.planned) continue;
            for (std::size_t j : kept_in[e.sentence]) {
                const Event& o = kept[j];
                if (o.first >= e.first || !o.date || o.date_level > 1 || o.dir == Direction::Depart) continue;
                if (!g.date || *o.date > *g.date) {
                    g.date = o.date;
                    g.date_level = 2;
                    g.date_order_only = true;
                }
            }
        }
    }
    bool origin_taken = false;
    for (auto& g : groups) {
        bool all_depart = true, all_planned = true, any_return = false;
        for (std::size_t k : g.events) {
            const Event& e = kept[k];
            if (e.dir != Direction::Depart) all_depart = false;
            if (!e.planned) all_planned = false;
            if (e.ret) any_return = true;
            if (e.homeward) g.homeward = true;
            if (!e.mode.empty()) {
                if (e.dir == Direction::Depart) { if (g.departure_mode.empty()) g.departure_mode = e.mode; }
                else if (g.arrival_mode.empty()) g.arrival_mode = e.mode;
            }
        }
        if (all_depart && !origin_taken && !any_return) {
            g.role = StopRole::Origin;
            origin_taken = true;
        } else if (any_return && !all_depart) {
            g.role = StopRole::Return;
        } else if (all_planned) {
            g.role = StopRole::Planned;
        }
    }
    // A return only makes sense to a place the journey started from or passed; "returned to
    // Vladivostok" of a place not seen before is a visit.
    for (auto& g : groups) {
        if (g.role != StopRole::Return) continue;
        const bool seen = std::any_of(groups.begin(), groups.end(), [&](const StopGroup& o) { return &o != &g && o.place.id == g.place.id; });
        const bool home = g.home;
        if (!seen && !home) g.role = StopRole::Visit;
    }
    // Containers and areas: a country around a city stop, a region, a sea.
    for (auto& g : groups) {
        const Place& p = g.place;
        if (p.feature_class == 'L' || p.feature_class == 'H') {
            g.dropped = true;
            for (std::size_t k : g.events) note_place(kept[k], kept[k].role, "a region or water body, not a stop");
            continue;
        }
        // An island around a city stop ("a refuelling stopover in Tahiti ... touched down in
        // Papeete"): the city is the stop. Without outlines, "around" is the same country and
        // within the reach of a large island.
        if (p.feature_class == 'T' && (p.feature_code == "ISL" || p.feature_code == "ISLS" || p.feature_code == "ATOL")) {
            for (const auto& o : groups) {
                if (&o == &g || o.dropped || o.place.feature_class != 'P' || o.place.country != p.country) continue;
                if (sphere_km(o.place, p) > 150) continue;
                g.dropped = true;
                for (std::size_t k : g.events) note_place(kept[k], kept[k].role, "it contains the stop", o.place.name);
                break;
            }
            if (g.dropped) continue;
        }
        if (p.feature_class == 'A' || p.source == Source::Country || p.source == Source::Admin1) {
            const bool country = is_country(p);
            for (const auto& o : groups) {
                if (&o == &g || is_country(o.place) || o.dropped) continue;
                if (!country && (o.place.feature_class == 'A' || o.place.source == Source::Admin1)) continue;
                if (o.place.country != p.country) continue;
                if (country || p.admin1_code.empty() || o.place.admin1_code == p.admin1_code) {
                    g.dropped = true;
                    // "crossed into Kenya in a motorcade, stopping in Kisumu": what the container
                    // says about the arrival belongs to the first stop inside it that follows.
                    // The stop inside it named next in the same sentence takes it; failing that
                    // ("arrived in Vietnam on Tuesday ... traveled by car to Hanoi"), the next one
                    // named after it, but only where that stop says nothing itself.
                    const Event& outer = kept[g.events.front()];
                    StopGroup* same_sentence = nullptr;
                    StopGroup* later = nullptr;
                    for (auto& inner : groups) {
                        if (inner.place.country != p.country || &inner == &g || is_country(inner.place)) continue;
                        for (std::size_t k : inner.events) {
                            if (kept[k].first <= outer.first) continue;
                            if (kept[k].sentence == outer.sentence && !same_sentence) same_sentence = &inner;
                            if (!later || kept[k].first < kept[later->events.front()].first) later = &inner;
                        }
                    }
                    const std::string mode = outer.dir == Direction::Depart ? std::string() : outer.mode;
                    if (same_sentence) {
                        if (same_sentence->arrival_mode.empty()) same_sentence->arrival_mode = mode;
                        // ... unless the stop has a day of its own ("bound for the Seychelles and
                        // reached Victoria two days later").
                        if (outer.date && (!same_sentence->date || (outer.date_level < same_sentence->date_level &&
                                                                    same_sentence->date_level >= 2))) {
                            same_sentence->date = outer.date;
                            same_sentence->date_level = outer.date_level;
                        }
                        // An arrival in the country before a stay in its city is the city's
                        // arrival ("flew to Eswatini that evening, where on Tuesday he held talks
                        // in Mbabane"), unless the city has an arrival of its own.
                        const bool city_arrival = std::any_of(same_sentence->events.begin(), same_sentence->events.end(),
                                                              [&](std::size_t k) { return kept[k].dir == Direction::Arrive; });
                        if (outer.date && outer.dir == Direction::Arrive && outer.date_level <= 1 && !city_arrival &&
                            same_sentence->date && *outer.date < *same_sentence->date) {
                            same_sentence->date = outer.date;
                            same_sentence->date_level = outer.date_level;
                        }
                    } else if (later) {
                        if (later->arrival_mode.empty()) later->arrival_mode = mode;
                        if (outer.date && !later->date) {
                            later->date = outer.date;
                            later->date_level = std::max(outer.date_level, 1);
                        }
                    }
                    for (std::size_t k : g.events) note_place(kept[k], kept[k].role, "it contains the stop", o.place.name);
                    break;
                }
            }
        }
    }
    return groups;
}

}  // namespace gazetteer::detail
