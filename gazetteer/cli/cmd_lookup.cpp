// gazetteer lookup NAME / gazetteer search PREFIX.

#include "commands.hpp"
#include "output.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/lookup.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>

namespace gazetteer::cli {

namespace {

struct LookupArgs {
    std::vector<std::string> words;
    std::vector<std::string> countries;
    std::string near, bbox, feature_classes;
    std::size_t limit = 10;
    std::string format = "table";
    bool exact = false;
};

std::vector<double> parse_numbers(const std::string& s, std::size_t n, const char* what) {
    std::vector<double> v;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ',')) {
        std::size_t used = 0;
        double d = 0;
        try {
            d = std::stod(item, &used);
        } catch (const std::exception&) {  // no number at all, or out of range
            used = 0;
        }
        if (used == 0 || used != item.size() || !std::isfinite(d))
            throw UsageError(std::string(what) + " '" + s + "': '" + item + "' is not a number");
        v.push_back(d);
    }
    if (v.size() != n) throw UsageError(std::string(what) + " '" + s + "' needs " + std::to_string(n) + " comma-separated numbers");
    return v;
}

LookupOptions options_of(const LookupArgs& a) {
    LookupOptions o;
    for (auto c : a.countries) {
        std::stringstream ss(c);
        std::string item;
        while (std::getline(ss, item, ',')) {
            std::transform(item.begin(), item.end(), item.begin(), [](unsigned char ch) { return std::toupper(ch); });
            if (!item.empty()) o.countries.push_back(item);
        }
    }
    if (!a.near.empty()) {
        auto v = parse_numbers(a.near, 2, "--near");
        o.near = std::make_pair(v[0], v[1]);
    }
    if (!a.bbox.empty()) {
        auto v = parse_numbers(a.bbox, 4, "--bbox");
        o.bbox = BBox{v[0], v[1], v[2], v[3]};
    }
    o.feature_classes = a.feature_classes;
    std::transform(o.feature_classes.begin(), o.feature_classes.end(), o.feature_classes.begin(),
                   [](unsigned char ch) { return std::toupper(ch); });
    o.limit = a.limit;
    o.fuzzy = !a.exact;
    return o;
}

void add_filters(CLI::App* cmd, LookupArgs& a) {
    cmd->add_option("--country", a.countries, "Keep places in these countries (ISO alpha-2, comma-separated)");
    cmd->add_option("--near", a.near, "Prefer places near LAT,LON");
    cmd->add_option("--bbox", a.bbox, "Keep places inside WEST,SOUTH,EAST,NORTH (degrees)");
    cmd->add_option("--feature-class", a.feature_classes, "Keep these GeoNames feature classes, e.g. P or PA");
    cmd->add_option("--limit", a.limit, "Candidates at most")->check(CLI::Range(1, 1000));
    cmd->add_option("--format", a.format, "table, json or geojson")->check(CLI::IsMember({"table", "json", "geojson"}));
}

std::string joined(const std::vector<std::string>& words) {
    std::string q;
    for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
    return q;
}

void add_lookup_command(CLI::App& app, Common& common) {
    auto a = std::make_shared<LookupArgs>();
    auto* cmd = app.add_subcommand("lookup", "Resolve a place name to ranked candidates (exit 1 when nothing matches)");
    cmd->add_option("name", a->words, "Place name; 'Name, Qualifier' narrows to a country or division")->required();
    add_filters(cmd, *a);
    cmd->add_flag("--exact", a->exact, "No typo matches");
    cmd->callback([a, &common] {
        auto cands = lookup(common.index(), joined(a->words), options_of(*a));
        print_candidates(std::cout, cands, a->format);
        if (cands.empty()) throw InputError("no match for '" + joined(a->words) + "'");
    });
}

void add_search_command(CLI::App& app, Common& common) {
    auto a = std::make_shared<LookupArgs>();
    auto* cmd = app.add_subcommand("search", "Type-ahead: places whose names start with PREFIX");
    cmd->add_option("prefix", a->words, "Beginning of a place name")->required();
    add_filters(cmd, *a);
    cmd->callback([a, &common] {
        auto cands = search_prefix(common.index(), joined(a->words), options_of(*a));
        print_candidates(std::cout, cands, a->format);
    });
}

const Registrar reg_lookup{"lookup", 20, &add_lookup_command};
const Registrar reg_search{"search", 30, &add_search_command};

}  // namespace
}  // namespace gazetteer::cli
