#pragma once
// Routes from ordered stops: each leg is the geodesic between two stops on the WGS84 ellipsoid
// (Karney's algorithms through PROJ's geodesic API), densified so it draws as a curve in any
// projection and split at the antimeridian as RFC 7946 section 3.1.9 asks.

#include <gazetteer/layers.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace gazetteer {

/// A stop of a route. Coordinates are WGS84 degrees.
struct Stop {
    std::string name;       ///< label shown on maps ("Vladivostok", or the text the user gave)
    std::string place_id;   ///< gazetteer id when resolved from the index ("geonames:2013348"), else ""
    double lat = 0;         ///< latitude in [-90, 90]
    double lon = 0;         ///< longitude in [-180, 180]
    std::string arrival;    ///< ISO 8601 date "YYYY-MM-DD", or "" when unknown
    std::string departure;  ///< ISO 8601 date "YYYY-MM-DD", or "" when unknown
};

/// The transport modes a leg may carry; "" is unknown.
inline constexpr const char* kLegModes[] = {"train", "plane", "car", "ship"};

/// A leg between two consecutive stops.
struct Leg {
    std::size_t from = 0;    ///< index of the start stop in Route::stops (0-based)
    std::size_t to = 0;      ///< index of the end stop in Route::stops (0-based)
    std::string mode;        ///< one of kLegModes, or "" when unknown
    std::string date;        ///< ISO 8601 date "YYYY-MM-DD" of travel, or ""
    double distance_km = 0;  ///< geodesic length on the WGS84 ellipsoid, km
    /// Initial azimuth at the start stop, degrees clockwise from true north in [0, 360);
    /// empty for a zero-length leg (same position twice), where no direction exists.
    std::optional<double> initial_bearing_deg;
    /// The densified geodesic, lon/lat: one part, or several when it crosses the antimeridian
    /// (each crossing vertex lies exactly at lon 180 / -180). A zero-length leg is one part of
    /// the same position twice (RFC 7946 section 3.1.4 asks for two positions).
    std::vector<GeometryPart> parts;

    /// True when the leg was split at the antimeridian.
    bool crosses_antimeridian() const noexcept { return parts.size() > 1; }
};

/// An ordered itinerary.
struct Route {
    std::vector<Stop> stops;
    std::vector<Leg> legs;  ///< legs[i] goes from stops[i] to stops[i + 1]

    /// Sum of the leg lengths, km.
    double total_km() const noexcept;
};

/// How finely legs are densified.
struct DensifyOptions {
    /// Longest step between vertices along the geodesic, km (> 0).
    double max_segment_km = 100;
    /// Fewest steps per non-zero leg, so that short legs still bend in a projection (>= 1).
    unsigned min_segments = 8;
    /// Further halving of a step while its longitude span exceeds this, degrees (near the poles
    /// 100 km can sweep tens of degrees of longitude, which would draw as a chord); 0 = off.
    /// Steps are not halved below 100 m, so within metres of a pole wider spans remain.
    double max_longitude_step_deg = 2;
};

/// The densified geodesic from (lat1, lon1) to (lat2, lon2): its length in km, the initial
/// azimuth (empty when the points coincide) and its parts split at the antimeridian.
/// Throws UsageError for coordinates out of range or bad options.
Leg geodesic_leg(double lat1, double lon1, double lat2, double lon2, const DensifyOptions& options = {});

/// Builds a route through `stops` in order. `modes` and `dates` are empty (all unknown) or hold
/// exactly one entry per leg (stops.size() - 1); entries may be "". Modes are kLegModes or "";
/// dates, arrivals and departures "YYYY-MM-DD" or "".
/// Throws UsageError for fewer than two stops, coordinates out of range, counts that do not
/// match the number of legs, an unknown mode or a malformed date (the message names it).
Route build_route(std::vector<Stop> stops, const std::vector<std::string>& modes = {},
                  const std::vector<std::string>& dates = {}, const DensifyOptions& options = {});

/// The route as GIS layers, as layer_schemas("route") declares them (schemas.hpp), in this order:
///  - "stops" (Point): seq (1-based), name, place_id, arrival (Date), departure (Date);
///  - "legs" (LineString, MultiLineString where split): seq (1-based), from and to (stop seq),
///    mode, date (Date), distance_km (Real, 1 m precision), bearing_deg (Real, 0.01 degree
///    precision, null for zero-length legs);
///  - "route" (MultiLineString): one feature of all legs joined, with total_km and stop_count.
std::vector<Layer> route_layers(const Route& route);

}  // namespace gazetteer
