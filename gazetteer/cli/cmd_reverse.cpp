// gazetteer reverse LAT LON: nearest places and the containing country.

#include "commands.hpp"
#include "output.hpp"

#include <gazetteer/lookup.hpp>

#include <fmt/format.h>

#include <iostream>

namespace gazetteer::cli {

namespace {

struct ReverseArgs {
    double lat = 0, lon = 0;
    std::size_t limit = 5;
    double radius = 100;
    std::string feature_classes;
    std::string format = "table";
};

void add_reverse_command(CLI::App& app, Common& common) {
    auto a = std::make_shared<ReverseArgs>();
    auto* cmd = app.add_subcommand("reverse", "Nearest places to a point and the country containing it");
    cmd->add_option("lat", a->lat, "Latitude, degrees")->required();
    cmd->add_option("lon", a->lon, "Longitude, degrees")->required();
    cmd->add_option("--limit", a->limit, "Places at most")->check(CLI::Range(1, 1000));
    cmd->add_option("--radius", a->radius, "Search radius in km")->check(CLI::PositiveNumber);
    cmd->add_option("--feature-class", a->feature_classes, "Keep these GeoNames feature classes, e.g. P");
    cmd->add_option("--format", a->format, "table, json or geojson")->check(CLI::IsMember({"table", "json", "geojson"}));
    cmd->callback([a, &common] {
        auto r = reverse(common.index(), a->lat, a->lon, a->limit, a->radius, a->feature_classes);
        if (a->format == "json") {
            nlohmann::ordered_json j;
            j["lat"] = a->lat;
            j["lon"] = a->lon;
            j["country"] = r.country;
            j["country_name"] = r.country_place ? r.country_place->name : "";
            j["nearest"] = nlohmann::ordered_json::array();
            for (auto& c : r.nearest) j["nearest"].push_back(candidate_object(c));
            std::cout << j.dump(2) << "\n";
        } else if (a->format == "geojson") {
            print_candidates(std::cout, r.nearest, "geojson");
        } else {
            std::cout << fmt::format("country: {}\n", r.country.empty() ? std::string("none (at sea or unknown)")
                                                                    : r.country + " " + (r.country_place ? r.country_place->name : ""));
            if (r.nearest.empty()) {
                std::cout << fmt::format("no place within {} km\n", a->radius);
                return;
            }
            int i = 0;
            for (auto& c : r.nearest)
                std::cout << fmt::format("{:<3} {:<30} {:<2} {:<6} {:>9.5f} {:>10.5f} {:>8.2f} km  {}\n", ++i, c.place.name,
                                         c.place.country, c.place.feature_code, c.place.lat, c.place.lon, c.distance_km, c.place.id);
        }
    });
}

const Registrar reg{"reverse", 40, &add_reverse_command};

}  // namespace
}  // namespace gazetteer::cli
