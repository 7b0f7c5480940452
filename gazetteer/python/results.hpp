#pragma once
// Python classes for the results of geoparsing and itinerary extraction: GeoparseResult with its
// Mention, MentionCandidate and ArticlePlace objects, and Itinerary with its ItineraryStop,
// ItineraryLeg and PlaceNote objects.
//
// One schema per output (issue 15): each object is the JSON the engine writes for the CLI
// (`gazetteer geoparse` JSON Lines, `gazetteer itinerary --format json`), taken from the
// engine's own writers (append_json_mention(), itinerary_stop_json(), ...). to_json() is that
// text, to_dict() its json.loads(), and the attributes and the read-only mapping view
// (obj["lat"], get(), keys(), "lat" in obj) have exactly its keys, order and values. Nothing
// here names a field: the keys are read from the writers' output when the classes are bound.
//
// They stay lazy: the engine's result is moved into one shared, immutable C++ object, and each
// Python object is a small view into it that asks the writer for its JSON only when a field is
// first read (then keeps the dict). Lists of sub-results (mentions, alternatives, stops, ...) are
// given as objects of these classes, made on first reading.

#include <gazetteer/geoparse.hpp>
#include <gazetteer/itinerary.hpp>
#include <gazetteer/layers.hpp>

#include <pybind11/pybind11.h>

#include <vector>

namespace gazetteer::python {

/// Registers GeoparseResult, Mention, MentionCandidate, ArticlePlace, Itinerary, ItineraryStop,
/// ItineraryLeg and PlaceNote on the module.
void bind_results(pybind11::module_& m);

/// A geoparse result as a Python GeoparseResult (takes it over).
pybind11::object geoparse_result_object(ArticleResult&& result);

/// An itinerary as a Python Itinerary (takes it over).
pybind11::object itinerary_object(Itinerary&& itinerary);

/// A layer as a dict: {'name', 'geometry', 'fields': [(name, type, precision)]} and, when
/// `with_features`, 'features': [(values, parts)] with values in field order (None, int, float
/// or str; dates as 'YYYY-MM-DD') and parts as lists of (lon, lat).
pybind11::dict layer_dict(const Layer& layer, bool with_features);

}  // namespace gazetteer::python
