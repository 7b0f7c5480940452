// Routes from stops: geodesic legs on the WGS84 ellipsoid and their GIS layers.
//
// References: C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87 (2013) 43-55, through
// PROJ's geodesic.h (geod_inverseline, geod_genposition); RFC 7946 section 3.1.9 for cutting
// lines at the antimeridian; ISO 8601 calendar dates.

#include <gazetteer/date.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/route.hpp>
#include <gazetteer/schemas.hpp>

#include <geodesic.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>

namespace gazetteer {
namespace {

// WGS84 (EPSG:7030): a = 6378137 m, 1/f = 298.257223563.
const geod_geodesic& wgs84() {
    static const geod_geodesic g = [] {
        geod_geodesic init{};
        geod_init(&init, 6378137.0, 1.0 / 298.257223563);
        return init;
    }();
    return g;
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

void check_coordinates(double lat, double lon, const std::string& what) {
    if (!std::isfinite(lat) || lat < -90 || lat > 90) {
        throw UsageError(what + ": latitude " + num(lat) + " is outside [-90, 90]");
    }
    if (!std::isfinite(lon) || lon < -180 || lon > 180) {
        throw UsageError(what + ": longitude " + num(lon) + " is outside [-180, 180]");
    }
}

void check_date(const std::string& s, const std::string& what) {
    if (!s.empty() && !is_iso_date(s)) {
        throw UsageError(what + ": '" + s + "' is not a date YYYY-MM-DD");
    }
}

// A vertex along the geodesic: distance from the start (m), latitude, and longitude unrolled
// (continuous along the line, possibly outside [-180, 180]).
struct Sample {
    double s;
    double lat;
    double lon;
};

Sample position(const geod_geodesicline& line, double s) {
    Sample p{s, 0, 0};
    // GEOD_LONG_UNROLL keeps the longitude continuous, so an antimeridian crossing shows as a
    // longitude passing 180 + 360k instead of a jump; see geodesic.h.
    geod_genposition(&line, GEOD_LONG_UNROLL, s, &p.lat, &p.lon, nullptr, nullptr, nullptr, nullptr,
                     nullptr, nullptr);
    return p;
}

// Steps shorter than this are never refined: within metres of a pole longitude is meaningless.
constexpr double kMinRefinedStepM = 100;

// Adds samples strictly between a and b while their longitude span is too wide: near a pole a
// 100 km step can sweep far in longitude and would draw as a chord in plate carree.
void refine(const geod_geodesicline& line, const Sample& a, const Sample& b, double max_dlon,
            int depth, std::vector<Sample>& out) {
    if (max_dlon <= 0 || depth <= 0 || std::abs(b.lon - a.lon) <= max_dlon || b.s - a.s < kMinRefinedStepM) return;
    const Sample mid = position(line, 0.5 * (a.s + b.s));
    if (std::abs(mid.lon - b.lon) < 1e-9 || std::abs(mid.lon - a.lon) < 1e-9) {
        // Not a sweep but a jump: the line runs along a meridian over a pole, where longitude
        // changes by 180 degrees at once. Put the pole itself in the line under both
        // longitudes, so the drawing reaches it instead of cutting across below it. (When a
        // or b is the pole, the jump is at that end and there is nothing to add.)
        if (std::abs(a.lat) == 90.0 || std::abs(b.lat) == 90.0) return;
        Sample lo = a, hi = b;
        while (hi.s - lo.s > 1e-6) {
            const Sample m = position(line, 0.5 * (lo.s + hi.s));
            (std::abs(m.lon - lo.lon) < 1e-9 ? lo : hi) = m;
        }
        const double pole = std::copysign(90.0, lo.lat);
        out.push_back({lo.s, pole, a.lon});
        out.push_back({hi.s, pole, b.lon});
        return;
    }
    refine(line, a, mid, max_dlon, depth - 1, out);
    out.push_back(mid);
    refine(line, mid, b, max_dlon, depth - 1, out);
}

// Distance along the line where the unrolled longitude reaches `boundary`, between samples a
// and b that lie on either side of it. Longitude is monotonic along a geodesic (Clairaut: the
// sign of the azimuth's sine never changes), so bisection converges; on a meridian through a
// pole, where the longitude jumps by 180 degrees, it converges to the pole.
Sample crossing(const geod_geodesicline& line, Sample a, Sample b, double boundary) {
    if (a.lon == boundary) return a;
    if (b.s - a.s <= 1e-7) return {a.s, a.lat, boundary};  // the longitude jump at a pole
    const bool a_below = a.lon < boundary;
    for (int i = 0; i < 200 && b.s - a.s > 1e-7; ++i) {
        const Sample mid = position(line, 0.5 * (a.s + b.s));
        if (mid.lon == boundary) return mid;
        ((mid.lon < boundary) == a_below ? a : b) = mid;
    }
    return position(line, 0.5 * (a.s + b.s));
}

bool on_boundary(double lon) { return std::fmod(std::abs(lon), 360.0) == 180.0; }

void append(GeometryPart& part, double lon, double lat) {
    if (!part.empty() && part.back().lon == lon && part.back().lat == lat) return;
    part.push_back({lon, lat});
}

// Cuts the unrolled samples into parts with longitudes in [-180, 180] (RFC 7946 section 3.1.9):
// at each crossing the part ends exactly at +-180 and the next starts at the opposite sign at
// the same latitude.
std::vector<GeometryPart> split_at_antimeridian(const geod_geodesicline& line,
                                                const std::vector<Sample>& samples) {
    std::vector<GeometryPart> parts(1);
    std::vector<Sample> pending;  // leading samples on the antimeridian, before the side is known
    bool have_shift = false;
    double shift = 0;             // 360 k: output longitude = unrolled - shift
    const Sample* prev = nullptr;
    for (const Sample& cur : samples) {
        if (!have_shift) {
            if (on_boundary(cur.lon)) {
                pending.push_back(cur);
                prev = &cur;
                continue;
            }
            shift = 360.0 * std::floor((cur.lon + 180.0) / 360.0);
            have_shift = true;
            for (const Sample& p : pending) append(parts.back(), p.lon - shift, p.lat);
            append(parts.back(), cur.lon - shift, cur.lat);
            prev = &cur;
            continue;
        }
        const double x = cur.lon - shift;
        if (x >= -180.0 && x <= 180.0) {
            append(parts.back(), x, cur.lat);
            prev = &cur;
            continue;
        }
        const double side = x > 180.0 ? 180.0 : -180.0;
        const Sample cut = crossing(line, *prev, cur, side + shift);
        append(parts.back(), side, cut.lat);
        if (parts.back().size() < 2) {
            // Only possible when the line starts on the cut: nothing to keep on this side.
            parts.back().clear();
        } else {
            parts.emplace_back();
        }
        shift += side > 0 ? 360.0 : -360.0;
        append(parts.back(), -side, cut.lat);
        append(parts.back(), cur.lon - shift, cur.lat);
        prev = &cur;
    }
    if (!have_shift) {
        // The whole leg runs along the antimeridian: keep the sign the caller gave.
        for (const Sample& p : pending) append(parts.back(), p.lon, p.lat);
    }
    return parts;
}

double normalize_lon(double lon) {
    // [-180, 180], keeping +180 and -180 as given.
    if (lon >= -180.0 && lon <= 180.0) return lon;
    double r = std::fmod(lon + 180.0, 360.0);
    if (r < 0) r += 360.0;
    return r - 180.0;
}

bool known_mode(const std::string& mode) {
    if (mode.empty()) return true;
    return std::any_of(std::begin(kLegModes), std::end(kLegModes),
                       [&](const char* m) { return mode == m; });
}

FieldValue text_or_null(const std::string& s) {
    return s.empty() ? FieldValue{} : FieldValue{s};
}

}  // namespace

double Route::total_km() const noexcept {
    return std::accumulate(legs.begin(), legs.end(), 0.0,
                           [](double sum, const Leg& leg) { return sum + leg.distance_km; });
}

Leg geodesic_leg(double lat1, double lon1, double lat2, double lon2, const DensifyOptions& options) {
    check_coordinates(lat1, lon1, "start of leg");
    check_coordinates(lat2, lon2, "end of leg");
    if (!(options.max_segment_km > 0) || options.min_segments < 1) {
        throw UsageError("densify options: max_segment_km must be > 0 and min_segments >= 1");
    }
    Leg leg;
    geod_geodesicline line{};
    geod_inverseline(&line, &wgs84(), lat1, lon1, lat2, lon2,
                     GEOD_LATITUDE | GEOD_LONGITUDE | GEOD_AZIMUTH | GEOD_DISTANCE_IN);
    const double length_m = line.s13;
    if (!(length_m > 0)) {
        // Same position twice (or both at one pole): no direction; keep a valid two-position line.
        leg.parts = {{{lon1, lat1}, {lon1, lat1}}};
        return leg;
    }
    leg.distance_km = length_m / 1000.0;
    double azimuth = line.azi1;  // (-180, 180]
    if (azimuth < 0) azimuth += 360.0;
    if (azimuth >= 360.0 || azimuth == 0.0) azimuth = 0.0;  // also turns -0 into 0
    leg.initial_bearing_deg = azimuth;

    const auto steps = std::max<std::size_t>(
        options.min_segments,
        static_cast<std::size_t>(std::ceil(length_m / (options.max_segment_km * 1000.0))));
    std::vector<Sample> samples;
    samples.reserve(steps + 1);
    Sample prev{0, lat1, lon1};
    samples.push_back(prev);
    for (std::size_t i = 1; i <= steps; ++i) {
        Sample cur = position(line, length_m * static_cast<double>(i) / static_cast<double>(steps));
        if (i == steps) {
            // Snap the end onto the given stop (same unrolled turn) so legs join exactly.
            cur.lat = lat2;
            cur.lon = lon2 + 360.0 * std::round((cur.lon - lon2) / 360.0);
        }
        refine(line, prev, cur, options.max_longitude_step_deg, 12, samples);
        samples.push_back(cur);
        prev = cur;
    }
    leg.parts = split_at_antimeridian(line, samples);
    return leg;
}

Route build_route(std::vector<Stop> stops, const std::vector<std::string>& modes,
                  const std::vector<std::string>& dates, const DensifyOptions& options) {
    if (stops.size() < 2) {
        throw UsageError("a route needs at least two stops, got " + std::to_string(stops.size()));
    }
    const std::size_t legs = stops.size() - 1;
    auto count_error = [&](const char* what, std::size_t n) {
        return UsageError(std::string("got ") + std::to_string(n) + " " + what + " for " +
                          std::to_string(legs) + (legs == 1 ? " leg" : " legs") +
                          " (give one per leg, or none)");
    };
    if (!modes.empty() && modes.size() != legs) throw count_error("modes", modes.size());
    if (!dates.empty() && dates.size() != legs) throw count_error("dates", dates.size());
    for (std::size_t i = 0; i < stops.size(); ++i) {
        const Stop& s = stops[i];
        const std::string what = "stop " + std::to_string(i + 1) + (s.name.empty() ? "" : " (" + s.name + ")");
        check_coordinates(s.lat, s.lon, what);
        check_date(s.arrival, what + " arrival");
        check_date(s.departure, what + " departure");
    }
    for (std::size_t i = 0; i < modes.size(); ++i) {
        if (!known_mode(modes[i])) {
            throw UsageError("leg " + std::to_string(i + 1) + ": unknown mode '" + modes[i] +
                             "' (expected train, plane, car, ship or empty)");
        }
    }
    for (std::size_t i = 0; i < dates.size(); ++i) check_date(dates[i], "leg " + std::to_string(i + 1) + " date");

    Route route;
    route.stops = std::move(stops);
    route.legs.reserve(legs);
    for (std::size_t i = 0; i < legs; ++i) {
        const Stop& a = route.stops[i];
        const Stop& b = route.stops[i + 1];
        Leg leg = geodesic_leg(a.lat, a.lon, b.lat, b.lon, options);
        leg.from = i;
        leg.to = i + 1;
        if (!modes.empty()) leg.mode = modes[i];
        if (!dates.empty()) leg.date = dates[i];
        route.legs.push_back(std::move(leg));
    }
    return route;
}

std::vector<Layer> route_layers(const Route& route) {
    Layer stops = layer_schema("route", "stops");
    for (std::size_t i = 0; i < route.stops.size(); ++i) {
        const Stop& s = route.stops[i];
        stops.features.push_back({{{{normalize_lon(s.lon), s.lat}}},
                                  {std::int64_t(i + 1), s.name, text_or_null(s.place_id),
                                   text_or_null(s.arrival), text_or_null(s.departure)}});
    }

    Layer legs = layer_schema("route", "legs");
    Feature whole;
    for (std::size_t i = 0; i < route.legs.size(); ++i) {
        const Leg& leg = route.legs[i];
        legs.features.push_back(
            {leg.parts,
             {std::int64_t(i + 1), std::int64_t(leg.from + 1), std::int64_t(leg.to + 1),
              text_or_null(leg.mode), text_or_null(leg.date), leg.distance_km,
              leg.initial_bearing_deg ? FieldValue{*leg.initial_bearing_deg} : FieldValue{}}});
        // Join parts that continue one another so the route layer has one part per stretch
        // between antimeridian crossings.
        for (const GeometryPart& part : leg.parts) {
            if (!whole.parts.empty() && !part.empty() && whole.parts.back().back().lon == part.front().lon &&
                whole.parts.back().back().lat == part.front().lat) {
                for (const LonLat& p : part) append(whole.parts.back(), p.lon, p.lat);
            } else {
                whole.parts.push_back(part);
            }
        }
    }
    whole.values = {route.total_km(), std::int64_t(route.stops.size())};
    Layer whole_route = layer_schema("route", "route");
    whole_route.features.push_back(std::move(whole));
    return {std::move(stops), std::move(legs), std::move(whole_route)};
}

}  // namespace gazetteer
