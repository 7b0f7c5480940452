#pragma once
// Python classes for the results of geoparsing and itinerary extraction: GeoparseResult with its
// Mention, MentionCandidate and ArticlePlace objects, and Itinerary with its ItineraryStop,
// ItineraryLeg and PlaceNote objects. They follow candidates.hpp: the engine's result is moved
// into one shared, immutable C++ object, and each Python object is a small view into it that
// converts a field only when it is read. A 5 MB article has tens of thousands of mentions; the
// QGIS panel lists them all and reads four fields of each, so nothing else of them is converted.
//
// For the callers written against the dicts these replaced, every class also reads as a
// read-only mapping with the dicts' keys in the dicts' order: obj["lat"], obj.get("lat"),
// "lat" in obj, keys(), dict(obj), and to_dict() for the plain nested dicts (json.dumps).

#include <gazetteer/geoparse.hpp>
#include <gazetteer/itinerary.hpp>

#include <pybind11/pybind11.h>

namespace gazetteer::python {

/// Registers GeoparseResult, Mention, MentionCandidate, ArticlePlace, Itinerary, ItineraryStop,
/// ItineraryLeg and PlaceNote on the module (after bind_candidates: they hand out Place objects).
void bind_results(pybind11::module_& m);

/// A geoparse result as a Python GeoparseResult (takes it over).
pybind11::object geoparse_result_object(ArticleResult&& result);

/// An itinerary as a Python Itinerary (takes it over). `route` is itinerary_route() of it when
/// it has two stops or more (leg dates, bearings and geometry, stop arrivals and departures).
pybind11::object itinerary_object(Itinerary&& itinerary, std::optional<Route>&& route);

}  // namespace gazetteer::python
