// The declared layers of every output (schemas.hpp). Field order is the order of the columns in
// every written file; changing it changes every output, the QGIS layers included.

#include <gazetteer/error.hpp>
#include <gazetteer/schemas.hpp>

namespace gazetteer {

namespace {

using FT = FieldType;

Layer places_layer() {
    return {"places",
            GeometryType::Point,
            {{"article_id", FT::String},
             {"place_id", FT::String},
             {"name", FT::String},
             {"country", FT::String},
             {"feature_code", FT::String},
             {"mentions", FT::Integer},
             {"first_start", FT::Integer},
             {"max_confidence", FT::Real, 3},
             {"mean_confidence", FT::Real, 3},
             {"gazetteer_version", FT::String},
             {"source", FT::String}},
            {}};
}

Layer mentions_layer() {
    return {"mentions",
            GeometryType::Point,
            {{"article_id", FT::String},
             {"start", FT::Integer},
             {"end", FT::Integer},
             {"text", FT::String},
             {"kind", FT::String},
             {"place_id", FT::String},
             {"name", FT::String},
             {"country", FT::String},
             {"feature_code", FT::String},
             {"confidence", FT::Real, 3},
             {"sentence", FT::String}},
            {}};
}

Layer articles_layer() {
    return {"articles",
            GeometryType::Point,
            {{"article_id", FT::String},
             {"title", FT::String},
             {"url", FT::String},
             {"date", FT::String},
             {"source_file", FT::String},
             {"source_line", FT::Integer},
             {"mentions", FT::Integer},
             {"resolved", FT::Integer},
             {"places", FT::Integer},
             {"focus_place_id", FT::String},
             {"gazetteer_version", FT::String}},
            {}};
}

Layer route_stops_layer() {
    return {"stops",
            GeometryType::Point,
            {{"seq", FT::Integer},
             {"name", FT::String},
             {"place_id", FT::String},
             {"arrival", FT::Date},
             {"departure", FT::Date}},
            {}};
}

Layer legs_layer() {
    return {"legs",
            GeometryType::LineString,
            {{"seq", FT::Integer},
             {"from", FT::Integer},
             {"to", FT::Integer},
             {"mode", FT::String},
             {"date", FT::Date},
             // 1 m and 0.01 degree: finer digits would only repeat the stops' own uncertainty.
             {"distance_km", FT::Real, 3},
             {"bearing_deg", FT::Real, 2}},
            {}};
}

Layer route_layer() {
    return {"route", GeometryType::MultiLineString, {{"total_km", FT::Real, 3}, {"stop_count", FT::Integer}}, {}};
}

// The route's stops, then what the itinerary knows of each: who travels, the day (inferred
// days flagged: 1 when the day was carried over from a neighbouring stop, 0 when stated), the
// stop's role, how it was placed, and the sentence that says so.
Layer itinerary_stops_layer() {
    Layer stops = route_stops_layer();
    stops.fields.insert(stops.fields.end(), {{"traveller", FT::String},
                                             {"date", FT::Date},
                                             {"date_inferred", FT::Integer},
                                             {"role", FT::String},
                                             {"placed_by", FT::String},
                                             {"cue", FT::String},
                                             {"event_role", FT::String},
                                             {"evidence", FT::String},
                                             {"evidence_start", FT::Integer},
                                             {"evidence_end", FT::Integer}});
    return stops;
}

Layer place_notes_layer() {
    return {"place_notes",
            GeometryType::Point,
            {{"name", FT::String},
             {"place_id", FT::String},
             {"role", FT::String},
             {"merged_into", FT::String},
             {"reason", FT::String},
             {"cue", FT::String},
             {"evidence", FT::String},
             {"evidence_start", FT::Integer},
             {"evidence_end", FT::Integer}},
            {}};
}

}  // namespace

std::vector<std::string> schema_outputs() { return {"geoparse", "bulk", "route", "itinerary"}; }

std::vector<Layer> layer_schemas(std::string_view output) {
    if (output == "geoparse") return {places_layer(), mentions_layer()};
    if (output == "bulk") return {articles_layer(), places_layer(), mentions_layer()};
    if (output == "route") return {route_stops_layer(), legs_layer(), route_layer()};
    if (output == "itinerary") return {itinerary_stops_layer(), legs_layer(), route_layer(), place_notes_layer()};
    throw UsageError("unknown output '" + std::string(output) + "': geoparse, bulk, route or itinerary");
}

Layer layer_schema(std::string_view output, std::string_view layer) {
    std::vector<Layer> layers = layer_schemas(output);
    std::string known;
    for (Layer& l : layers) {
        if (l.name == layer) return std::move(l);
        known += (known.empty() ? "" : ", ") + l.name;
    }
    throw UsageError("the " + std::string(output) + " output has no layer '" + std::string(layer) + "' (" + known + ")");
}

const char* field_type_name(FieldType type) {
    switch (type) {
        case FieldType::Integer: return "integer";
        case FieldType::Real: return "real";
        case FieldType::String: return "string";
        case FieldType::Date: return "date";
    }
    return "string";
}

const char* geometry_type_name(GeometryType type) {
    switch (type) {
        case GeometryType::Point: return "Point";
        case GeometryType::LineString: return "LineString";
        case GeometryType::MultiLineString: return "MultiLineString";
    }
    return "Point";
}

}  // namespace gazetteer
