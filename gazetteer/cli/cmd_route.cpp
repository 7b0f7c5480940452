// gazetteer route STOP... : geodesic legs between ordered stops, as GIS layers or GeoJSON.

#include "commands.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/layers.hpp>
#include <gazetteer/lookup.hpp>
#include <gazetteer/route.hpp>
#include <gazetteer/text.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazetteer::cli {

namespace {

// Rivals listed in an "ambiguous stop" message (the engine's resolve_unique owns the rule).
constexpr std::size_t kCandidatesShown = 5;

struct RouteArgs {
    std::vector<std::string> stops;
    std::string modes;
    std::string dates;
    std::string format;
    std::string crs;
    std::string output;
};

// "lat,lon" in decimal degrees (latitude first, as people write them).
std::optional<std::pair<double, double>> parse_lat_lon(std::string_view s) {
    const std::size_t comma = s.find(',');
    if (comma == std::string_view::npos || s.find(',', comma + 1) != std::string_view::npos) return std::nullopt;
    auto lat = parse_decimal(s.substr(0, comma));
    auto lon = parse_decimal(s.substr(comma + 1));
    if (!lat || !lon) return std::nullopt;
    return std::make_pair(*lat, *lon);
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string describe(const Candidate& c) {
    const Place& p = c.place;
    std::string where;
    if (!p.admin1_name.empty()) where = p.admin1_name;
    if (!p.country.empty()) where += (where.empty() ? "" : ", ") + p.country;
    return p.name + (where.empty() ? "" : " (" + where + ")") + ", " + fixed(p.lat, 5) + ", " +
           fixed(p.lon, 5) + ", score " + fixed(c.score, 3);
}

// Resolves a place-name stop, "Name", "Name@CC" or "Name, Qualifier", through the index.
Stop resolve_name(const std::string& text, Common& common) {
    UniqueResolution r;
    try {
        r = resolve_unique(common.index(), text);
    } catch (const UsageError& e) {
        throw UsageError("stop " + std::string(e.what()));
    }
    if (r.candidates.empty()) {
        throw InputError("unknown stop '" + text + "': no place of that name" +
                         (r.country_hint.empty() ? "" : " in " + r.country_hint) + " in the index; give its position as '" +
                         r.name + "=LAT,LON'");
    }
    const Candidate& best = r.candidates.front();
    if (r.ambiguous) {
        std::string msg = "ambiguous stop '" + text + "': " + std::to_string(r.candidates.size()) +
                          " places far apart match about equally well:\n";
        for (std::size_t i = 0; i < r.candidates.size() && i < kCandidatesShown; ++i) msg += "  " + describe(r.candidates[i]) + "\n";
        // The engine checked every fix it suggests; a position always works.
        msg += "  choose the first with ";
        for (const auto& fix : r.fixes) msg += "'" + fix + "', ";
        msg += std::string(r.fixes.empty() ? "" : "or ") + "its position ('" + r.name + "=" + fixed(best.place.lat, 5) + "," +
               fixed(best.place.lon, 5) + "')";
        throw InputError(msg);
    }
    Stop stop;
    stop.name = best.place.name;
    stop.place_id = best.place.id;
    stop.lat = best.place.lat;
    stop.lon = best.place.lon;
    return stop;
}

// A stop argument: "LAT,LON", "Name=LAT,LON", "Name" or "Name@CC".
Stop parse_stop(const std::string& arg, Common& common) {
    const std::string text(trim_space(arg));
    if (text.empty()) throw UsageError("empty stop");
    if (auto ll = parse_lat_lon(text)) {
        Stop s;
        s.name = text;
        s.lat = ll->first;
        s.lon = ll->second;
        return s;
    }
    const std::size_t eq = text.rfind('=');
    if (eq != std::string::npos) {
        auto ll = parse_lat_lon(std::string_view(text).substr(eq + 1));
        if (!ll) throw UsageError("stop '" + text + "': expected NAME=LAT,LON with decimal degrees");
        Stop s;
        s.name = trim_space(std::string_view(text).substr(0, eq));
        if (s.name.empty()) s.name = trim_space(std::string_view(text).substr(eq + 1));
        s.lat = ll->first;
        s.lon = ll->second;
        return s;
    }
    return resolve_name(text, common);
}

bool is_wgs84_name(std::string crs) {
    std::transform(crs.begin(), crs.end(), crs.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return crs.empty() || crs == "EPSG:4326" || crs == "OGC:CRS84" || crs == "WGS84";
}

void run_route(const RouteArgs& a, Common& common) {
    const std::vector<std::string> modes = split_comma_list(a.modes);
    const std::vector<std::string> dates = split_comma_list(a.dates);
    if (a.output.empty()) {
        // stdout carries one RFC 7946 FeatureCollection; other formats need a file.
        if (!a.format.empty() && resolve_format("", a.format) != "GeoJSON") {
            throw UsageError("--format " + a.format + " needs -o FILE (stdout is GeoJSON)");
        }
        if (!is_wgs84_name(a.crs)) {
            throw UsageError("--crs " + a.crs + " needs -o FILE: GeoJSON on stdout is always EPSG:4326 (RFC 7946 section 4)");
        }
    }
    if (a.stops.size() < 2) {
        throw UsageError("a route needs at least two stops, got " + std::to_string(a.stops.size()));
    }
    // Check the counts before resolving names, so a usage error does not wait for the index.
    const std::size_t legs = a.stops.size() - 1;
    if (!modes.empty() && modes.size() != legs) {
        throw UsageError("--modes has " + std::to_string(modes.size()) + (modes.size() == 1 ? " entry" : " entries") + " for " + std::to_string(legs) +
                         (legs == 1 ? " leg" : " legs") + " (give one per leg, empty for unknown: train,,plane)");
    }
    if (!dates.empty() && dates.size() != legs) {
        throw UsageError("--dates has " + std::to_string(dates.size()) + (dates.size() == 1 ? " entry" : " entries") + " for " + std::to_string(legs) +
                         (legs == 1 ? " leg" : " legs") + " (give one per leg, empty for unknown)");
    }

    std::vector<Stop> stops;
    stops.reserve(a.stops.size());
    for (const auto& s : a.stops) stops.push_back(parse_stop(s, common));
    const Route route = build_route(std::move(stops), modes, dates);
    std::vector<Layer> layers = route_layers(route);

    if (a.output.empty()) {
        layers.pop_back();  // the stops and the legs; the whole-route line repeats the legs
        std::cout << write_geojson_string(layers);
        std::cout.flush();
        return;
    }
    WriteOptions options;
    options.format = a.format;
    if (!a.crs.empty()) options.crs = a.crs;
    const std::vector<std::string> files = write_layers(a.output, layers, options);
    if (!common.quiet) {
        std::cerr << "route: " << route.stops.size() << " stops, " << route.legs.size()
                  << (route.legs.size() == 1 ? " leg, " : " legs, ")
                  << fixed(route.total_km(), 1) << " km; wrote";
        for (const auto& f : files) std::cerr << " " << f;
        std::cerr << "\n";
    }
}

void add_route_command(CLI::App& app, Common& common) {
    auto a = std::make_shared<RouteArgs>();
    auto* cmd = app.add_subcommand(
        "route", "Geodesic legs between ordered stops (WGS84 ellipsoid), as GIS layers stops, legs and route");
    cmd->add_option("stops", a->stops,
                    "Stops in order: LAT,LON, NAME=LAT,LON, a place name, or NAME@CC with a country hint "
                    "(put -- before a first stop that starts with '-')")
        ->required();
    cmd->add_option("--modes", a->modes, "Mode of each leg, comma-separated: train, plane, car, ship or empty");
    cmd->add_option("--dates", a->dates, "Date of each leg, comma-separated YYYY-MM-DD or empty");
    cmd->add_option("--format", a->format,
                    "geojson, gpkg, csv, fgb, kml, shp (default: from the -o extension; stdout is geojson)");
    cmd->add_option("--crs", a->crs, "CRS of the output file, e.g. EPSG:3857 (default EPSG:4326)");
    cmd->add_option("-o,--output", a->output,
                    "Output file; single-layer formats write the legs and route layers beside it as "
                    "STEM.legs.EXT and STEM.route.EXT (default: GeoJSON of stops and legs on stdout)");
    cmd->callback([a, &common] { run_route(*a, common); });
}

}  // namespace

static const Registrar reg{"route", 50, &add_route_command};

}  // namespace gazetteer::cli
