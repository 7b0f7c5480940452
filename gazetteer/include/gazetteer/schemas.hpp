#pragma once
// The layers every output of the engine writes, declared once. The engine's own writers
// (GeoparseLayers, route_layers, itinerary_layers, geoparse_batch) build their layers from these
// declarations, and the faces ask for them instead of declaring fields of their own: the Python
// module binds them as layer_schemas() / layer_schema(), and the QGIS plugin builds its QgsFields
// from them, so a GeoPackage written by `gazetteer itinerary` and a layer made by the QGIS
// algorithm have the same fields, in the same order, of the same types.
//
// Outputs and their layers, in the order the writers produce them:
//   "geoparse"  : places, mentions
//   "bulk"      : articles, places, mentions (the geoparse layers plus one row per article)
//   "route"     : stops, legs, route
//   "itinerary" : stops (the route's stops plus the itinerary's evidence), legs, route, place_notes

#include <gazetteer/layers.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace gazetteer {

/// The outputs that have declared layers: "geoparse", "bulk", "route", "itinerary".
std::vector<std::string> schema_outputs();

/// The layers of `output` with their names, geometry types and fields, and no features.
/// Throws UsageError naming the unknown output and the known ones.
std::vector<Layer> layer_schemas(std::string_view output);

/// The one layer `layer` of `output` (as layer_schemas(output)), without features.
/// Throws UsageError for an unknown output or a layer that output does not write.
Layer layer_schema(std::string_view output, std::string_view layer);

/// "integer", "real", "string" or "date": the name of a field type in bindings and messages.
const char* field_type_name(FieldType type);

/// "Point", "LineString" or "MultiLineString" (the OGC Simple Features names).
const char* geometry_type_name(GeometryType type);

}  // namespace gazetteer
