// Itineraries as a Route, as GIS layers (route_layers plus the evidence fields) and as JSON.

#include <gazetteer/error.hpp>
#include <gazetteer/itinerary.hpp>
#include <gazetteer/route.hpp>
#include <gazetteer/schemas.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace gazetteer {

namespace {

nlohmann::json json_or_null(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

nlohmann::json evidence_json(const ItineraryEvidence& e) {
    return {{"sentence", e.sentence}, {"sentence_start", e.sentence_start}, {"start", e.start},
            {"end", e.end},           {"cue", json_or_null(e.cue)},         {"role", mention_role_name(e.role)}};
}

}  // namespace

Route itinerary_route(const Itinerary& itinerary) {
    if (itinerary.stops.size() < 2) {
        throw UsageError("the itinerary has " + std::to_string(itinerary.stops.size()) +
                         (itinerary.stops.size() == 1 ? " stop" : " stops") + "; a route needs at least two");
    }
    std::vector<Stop> stops;
    for (const auto& s : itinerary.stops) {
        Stop stop;
        stop.name = s.name;
        stop.place_id = s.place.id;
        stop.lat = s.place.lat;
        stop.lon = s.place.lon;
        stop.arrival = s.date;
        stops.push_back(std::move(stop));
    }
    std::vector<std::string> modes, dates;
    for (const auto& leg : itinerary.legs) {
        modes.push_back(leg.mode);
        // A leg is dated by its arrival when stated; an inferred day is left to the stop.
        const auto& to = itinerary.stops[leg.to];
        dates.push_back(to.date_inferred ? std::string() : to.date);
    }
    return build_route(std::move(stops), modes, dates);
}

std::vector<Layer> itinerary_layers(const Itinerary& itinerary) {
    std::vector<Layer> layers = route_layers(itinerary_route(itinerary));
    Layer& stops = layers.front();
    const std::size_t route_fields = stops.fields.size();
    stops.fields = layer_schema("itinerary", "stops").fields;
    for (std::size_t i = 0; i < stops.features.size() && i < itinerary.stops.size(); ++i) {
        const ItineraryStop& s = itinerary.stops[i];
        auto& v = stops.features[i].values;
        v.resize(route_fields);
        // Built in place: GCC 12 warns (falsely) about copying std::string alternatives here.
        auto text = [&v](const std::string& t) {
            if (t.empty()) v.emplace_back();
            else v.emplace_back(std::in_place_type<std::string>, t);
        };
        text(itinerary.traveller);
        text(s.date);
        v.emplace_back(std::in_place_type<std::int64_t>, s.date_inferred ? 1 : 0);
        text(stop_role_name(s.role));
        text(placement_name(s.placed_by));
        text(s.evidence.cue);
        text(mention_role_name(s.evidence.role));
        text(s.evidence.sentence);
        v.emplace_back(std::in_place_type<std::int64_t>, static_cast<std::int64_t>(s.evidence.start));
        v.emplace_back(std::in_place_type<std::int64_t>, static_cast<std::int64_t>(s.evidence.end));
    }
    // The place mentions that are no stop of their own, with their role, so a map shows why a
    // place the article names is not on the route.
    Layer notes = layer_schema("itinerary", "place_notes");
    for (const ItineraryNote& n : itinerary.place_notes) {
        Feature f;
        double lon = n.place.lon;
        while (lon > 180) lon -= 360;
        while (lon < -180) lon += 360;
        f.parts = {{{lon, n.place.lat}}};
        auto text = [&f](const std::string& t) {
            if (t.empty()) f.values.emplace_back();
            else f.values.emplace_back(std::in_place_type<std::string>, t);
        };
        text(n.name);
        text(n.place.id);
        text(mention_role_name(n.role));
        text(n.merged_into);
        text(n.reason);
        text(n.evidence.cue);
        text(n.evidence.sentence);
        f.values.emplace_back(std::in_place_type<std::int64_t>, static_cast<std::int64_t>(n.evidence.start));
        f.values.emplace_back(std::in_place_type<std::int64_t>, static_cast<std::int64_t>(n.evidence.end));
        notes.features.push_back(std::move(f));
    }
    layers.push_back(std::move(notes));
    return layers;
}

namespace {

// nlohmann::json objects keep their keys sorted, so the JSON's key order is alphabetical
// whatever order they are set in here.

/// A stop's or a note's name and place: name, place_id, lat, lon, country.
nlohmann::json named_place_json(const std::string& name, const Place& place) {
    return {{"name", name},
            {"place_id", json_or_null(place.id)},
            {"lat", place.lat},
            {"lon", place.lon},
            {"country", json_or_null(place.country)}};
}

nlohmann::json stop_json(const ItineraryStop& s) {
    nlohmann::json o = named_place_json(s.name, s.place);
    o["seq"] = s.seq;
    o["date"] = json_or_null(s.date);
    o["date_inferred"] = s.date_inferred;
    o["role"] = stop_role_name(s.role);
    o["placed_by"] = placement_name(s.placed_by);
    o["evidence"] = evidence_json(s.evidence);
    return o;
}

nlohmann::json leg_json(const Itinerary& itinerary, const ItineraryLeg& l) {
    return {{"from", itinerary.stops.at(l.from).name},
            {"to", itinerary.stops.at(l.to).name},
            {"from_seq", l.from + 1},
            {"to_seq", l.to + 1},
            {"mode", json_or_null(l.mode)},
            // 1 m, as the legs layer.
            {"distance_km", std::round(l.distance_km * 1000) / 1000}};
}

nlohmann::json place_note_json(const ItineraryNote& n) {
    nlohmann::json o = named_place_json(n.name, n.place);
    o["role"] = mention_role_name(n.role);
    o["merged_into"] = json_or_null(n.merged_into);
    o["reason"] = n.reason;
    o["evidence"] = evidence_json(n.evidence);
    return o;
}

std::string dump(const nlohmann::json& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string itinerary_json(const Itinerary& itinerary, int indent) {
    nlohmann::json j;
    j["traveller"] = json_or_null(itinerary.traveller);
    nlohmann::json stops = nlohmann::json::array();
    for (const auto& s : itinerary.stops) stops.push_back(stop_json(s));
    j["stops"] = std::move(stops);
    nlohmann::json legs = nlohmann::json::array();
    for (const auto& l : itinerary.legs) legs.push_back(leg_json(itinerary, l));
    j["legs"] = std::move(legs);
    j["notes"] = itinerary.notes;
    nlohmann::json place_notes = nlohmann::json::array();
    for (const auto& n : itinerary.place_notes) place_notes.push_back(place_note_json(n));
    j["place_notes"] = std::move(place_notes);
    return dump(j, indent);
}

std::string itinerary_stop_json(const Itinerary& itinerary, std::size_t i) {
    return dump(stop_json(itinerary.stops.at(i)), -1);
}

std::string itinerary_leg_json(const Itinerary& itinerary, std::size_t i) {
    return dump(leg_json(itinerary, itinerary.legs.at(i)), -1);
}

std::string itinerary_place_note_json(const Itinerary& itinerary, std::size_t i) {
    return dump(place_note_json(itinerary.place_notes.at(i)), -1);
}

}  // namespace gazetteer
