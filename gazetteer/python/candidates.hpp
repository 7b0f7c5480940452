#pragma once
// Python classes for the results of look-up, type-ahead search and reverse geocoding: Place,
// Candidate and ReverseResult. They own the engine's structs and convert a field only when it is
// read (read-only properties), so a look-up costs one small object per candidate instead of a
// dict of every field and reason (issue 15: ~15 us per look-up with dicts, 0.9 us in C++).
//
// For the callers written against the dicts these replaced, every class also reads as a
// read-only mapping: obj["name"], obj.get("name"), "name" in obj, keys(), dict(obj), and
// to_dict() for a plain dict (json.dumps, QGIS attribute maps). The keys are the dicts' keys.

#include <gazetteer/lookup.hpp>
#include <gazetteer/place.hpp>

#include <pybind11/pybind11.h>

#include <vector>

namespace gazetteer::python {

/// Registers Place, Candidate and ReverseResult on the module. Call before binding any function
/// that returns them.
void bind_candidates(pybind11::module_& m);

/// A place as a Python Place object (takes the place over).
pybind11::object place_object(Place&& place);

/// Candidates as a Python list of Candidate objects, in order (takes them over).
pybind11::list candidate_objects(std::vector<Candidate>&& candidates);

/// A reverse-geocoding result as a Python ReverseResult object (takes it over).
pybind11::object reverse_object(ReverseResult&& result);

}  // namespace gazetteer::python
