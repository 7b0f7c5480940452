// gazetteer itinerary ARTICLE: who travels in an article, where to and in which order, as JSON
// or as GIS layers (stops, legs, route).
//
// ARTICLE is a text file, "-" for stdin, or a JSON object / JSON Lines record with "text" and
// optional "date" (the publication date anchoring weekdays; --date overrides it). JSON Lines
// files take their first record: an itinerary is of one article.

#include "commands.hpp"
#include "output.hpp"

#include <gazetteer/articles.hpp>
#include <gazetteer/date.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/geoparse.hpp>
#include <gazetteer/itinerary.hpp>
#include <gazetteer/layers.hpp>
#include <gazetteer/text.hpp>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <memory>
#include <string>

namespace gazetteer::cli {

namespace {

struct ItineraryArgs {
    std::string article;
    std::string traveller;
    std::string date;
    std::string format = "json";
    std::string output;
};

// The article of `path` ("-" for stdin) as articles.hpp reads it: the first record of JSON
// Lines, or the whole text.
Article read_article(const std::string& path) {
    std::string raw = read_source_bytes(path, "the article");
    const std::string name = source_display_name(path);
    ArticleFile file = read_article_file(path, std::move(raw), ArticleFormat::Auto, 1);
    if (file.replacements)
        std::cerr << "gazetteer: warning: " << name << ": " << file.replacements << " invalid UTF-8 sequence(s) replaced with U+FFFD\n";
    Article a = std::move(file.articles.front());
    if (std::all_of(a.text.begin(), a.text.end(), [](unsigned char c) { return std::isspace(c); })) {
        throw ParseError(name, 0, "the article is empty");
    }
    try {
        a.meta.date = publication_day(a.meta.date);
    } catch (const UsageError& e) {
        throw ParseError(name, a.line, std::string("\"date\" ") + e.what());
    }
    return a;
}

void run_itinerary(const ItineraryArgs& a, Common& common) {
    std::string format = a.format;
    std::transform(format.begin(), format.end(), format.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (format != "json" && format != "geojson" && format != "gpkg") {
        throw UsageError("--format " + a.format + ": expected json, geojson or gpkg");
    }
    if (format == "gpkg" && a.output.empty()) throw UsageError("--format gpkg needs -o FILE");
    if (!a.date.empty() && !is_iso_date(a.date)) throw UsageError("--date " + a.date + ": expected YYYY-MM-DD");

    Article article = read_article(a.article);
    ItineraryOptions options;
    options.traveller = a.traveller;
    options.article_date = a.date.empty() ? article.meta.date : a.date;

    const Geoparser parser(common.index());
    const Itinerary itinerary = extract_itinerary(parser, article.text, options);

    if (format == "json") {
        const std::string text = itinerary_json(itinerary) + "\n";
        if (a.output.empty()) std::cout << text << std::flush;
        else write_text_file(a.output, text);
    } else {
        if (itinerary.stops.size() < 2) {
            throw InputError("the article gives " + std::to_string(itinerary.stops.size()) +
                        (itinerary.stops.size() == 1 ? " stop" : " stops") +
                        " for the itinerary; GIS layers need at least two (use --format json to see it)");
        }
        std::vector<Layer> layers = itinerary_layers(itinerary);
        if (a.output.empty()) {
            // Stops, legs and place notes; the whole-route line repeats the legs.
            layers.erase(std::remove_if(layers.begin(), layers.end(), [](const Layer& l) { return l.name == "route"; }),
                         layers.end());
            std::cout << write_geojson_string(layers) << std::flush;
        } else {
            WriteOptions wo;
            wo.format = format == "gpkg" ? "GPKG" : "GeoJSON";
            write_layers(a.output, layers, wo);
        }
    }
    if (!common.quiet) {
        std::cerr << "itinerary: " << (itinerary.traveller.empty() ? std::string("unnamed traveller") : itinerary.traveller) << ", "
                  << itinerary.stops.size() << (itinerary.stops.size() == 1 ? " stop" : " stops") << "\n";
    }
}

void add_itinerary_command(CLI::App& app, Common& common) {
    auto a = std::make_shared<ItineraryArgs>();
    auto* cmd = app.add_subcommand("itinerary",
                                   "Who travels in an article, the places they move between and in which order "
                                   "(stops with dates and evidence, legs with modes)");
    cmd->add_option("article", a->article,
                    "Article: a text file, '-' for stdin, or JSON with \"text\" and optional \"date\"")
        ->required();
    cmd->add_option("--traveller", a->traveller, "Who travels (default: the main traveller of the article)");
    cmd->add_option("--date", a->date, "Publication date YYYY-MM-DD anchoring weekdays (default: dateline or JSON \"date\")");
    cmd->add_option("--format", a->format, "json (default), geojson or gpkg (gpkg needs -o)");
    cmd->add_option("-o,--output", a->output,
                    "Output file (default stdout); GeoJSON files get the legs, route and place notes layers "
                    "beside them as STEM.legs.geojson, STEM.route.geojson and STEM.place_notes.geojson");
    cmd->callback([a, &common] { run_itinerary(*a, common); });
}

}  // namespace

static const Registrar reg{"itinerary", 70, &add_itinerary_command};

}  // namespace gazetteer::cli
