// Place, Candidate and ReverseResult for Python (see candidates.hpp).
//
// Each class holds the engine's struct, moved in once; a property converts its one field when
// read. The fields are listed once, in the tables below, with their documentation: the
// properties, the mapping view (obj["key"], get, keys, in, iteration) and to_dict() are all made
// from them, so the three cannot disagree.

#include "candidates.hpp"

#include <gazetteer/index.hpp>

#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace py = pybind11;

namespace gazetteer::python {
namespace {

/// One field of a result class: its name (the property and the key), how to read it, its
/// documentation, and, for a field a dict would have left out, when it is there.
template <class T>
struct Field {
    const char* name;
    py::object (*get)(const T&);
    const char* doc;
    bool (*present)(const T&) = nullptr;  // nullptr: always
};

/// One field of a Place as Python reads it: its name (the property and the mapping key), how to
/// read it, its documentation, and, for a field a dict leaves out when empty, when it is there.
/// Place and Candidate both take a place's fields from here, so a place reads alike in both.
struct PlaceField {
    const char* name;
    py::object (*get)(const Place&);
    const char* doc;
    bool (*present)(const Place&) = nullptr;  // nullptr: always
};

const PlaceField kPlaceFields[] = {
    {"place_id", [](const Place& p) -> py::object { return py::str(p.id); },
     "Stable id: 'geonames:2013348', 'curated:<slug>', 'country:RU', 'admin1:RU.59'."},
    {"name", [](const Place& p) -> py::object { return py::str(p.name); }, "Primary name as the source writes it."},
    {"ascii_name", [](const Place& p) -> py::object { return py::str(p.ascii_name); }, "ASCII form of the name."},
    {"lat", [](const Place& p) -> py::object { return py::float_(p.lat); }, "Latitude, WGS84 degrees."},
    {"lon", [](const Place& p) -> py::object { return py::float_(p.lon); }, "Longitude, WGS84 degrees."},
    {"feature_class",
     [](const Place& p) -> py::object { return py::str(p.feature_class ? std::string(1, p.feature_class) : std::string()); },
     "GeoNames feature class (A, H, L, P, R, S, T, U, V), '' when none."},
    {"feature_code", [](const Place& p) -> py::object { return py::str(p.feature_code); },
     "GeoNames feature code (PPLC, ADM1, PCLI, ...)."},
    {"country", [](const Place& p) -> py::object { return py::str(p.country); }, "ISO 3166-1 alpha-2 code, '' when none."},
    {"admin1_code", [](const Place& p) -> py::object { return py::str(p.admin1_code); },
     "GeoNames first-level division code ('59'), '' when none."},
    {"admin1_name", [](const Place& p) -> py::object { return py::str(p.admin1_name); },
     "Name of the first-level division ('Primorskiy Krai'), '' when unknown."},
    {"population", [](const Place& p) -> py::object { return py::int_(p.population); }, "Population, 0 when unknown."},
    {"source", [](const Place& p) -> py::object { return py::str(source_name(p.source)); },
     "Where the place comes from: 'geonames', 'curated', 'country' or 'admin1'."},
    {"importance", [](const Place& p) -> py::object { return py::float_(p.importance); },
     "Prior in [0, 1] from population and feature type."},
    {"alt_names",
     [](const Place& p) -> py::object {
         py::list out(p.alt_names.size());
         for (std::size_t i = 0; i < p.alt_names.size(); ++i)
             out[i] = py::make_tuple(p.alt_names[i].name, p.alt_names[i].lang);
         return out;
     },
     "Alternate names as (name, lang) pairs, lang '' when unknown, 'demonym' or 'abbr' for those\n"
     "kinds; loaded only by Index.place(..., alt_names=True), else [] (and no 'alt_names' key).",
     [](const Place& p) { return !p.alt_names.empty(); }},
};

const Field<Candidate> kCandidateFields[] = {
    {"score", [](const Candidate& c) -> py::object { return py::float_(c.score); },
     "Rank score, higher is better; comparable within one result list only."},
    {"match", [](const Candidate& c) -> py::object { return py::str(match_label(c)); },
     "How it matched as every face prints it: 'fuzzy' for a typo match, else match_kind."},
    {"match_kind", [](const Candidate& c) -> py::object { return py::str(match_kind_name(c.match)); },
     "'name', 'ascii_name', 'alt_name', 'demonym' or 'abbreviation'."},
    {"matched_name", [](const Candidate& c) -> py::object { return py::str(c.matched_name); },
     "The key or name that matched."},
    {"edit_distance", [](const Candidate& c) -> py::object { return py::int_(c.edit_distance); },
     "Typo distance of the match, 0 for an exact one."},
    {"distance_km",
     [](const Candidate& c) -> py::object { return c.distance_km >= 0 ? py::object(py::float_(c.distance_km)) : py::none(); },
     "Distance to the `near` point (look-up) or the queried point (reverse), km; None without one."},
    {"reasons", [](const Candidate& c) -> py::object { return py::cast(c.reasons); },
     "Why it ranks where it does, in words ('exact name', 'capital', ...)."},
};

// The fields of an object with their values, in table order, as (name, thunk) to `f`; a
// Candidate has its place's fields first, as the dicts had.
template <class F>
void each_field(const Place& p, F&& f) {
    for (const auto& field : kPlaceFields)
        if (!field.present || field.present(p)) f(field.name, [&] { return field.get(p); });
}

template <class F>
void each_field(const Candidate& c, F&& f) {
    each_field(c.place, f);
    for (const auto& field : kCandidateFields) f(field.name, [&] { return field.get(c); });
}

/// The reverse-geocoding result as Python holds it: the country and the Python objects of its
/// places, built once, so that reading `nearest` twice gives the same Candidate objects.
struct PyReverseResult {
    std::string country;
    py::object country_place;  // Place or None
    py::list nearest;          // of Candidate
};

template <class F>
void each_field(const PyReverseResult& r, F&& f) {
    f("country", [&]() -> py::object { return py::str(r.country); });
    f("country_place", [&]() -> py::object { return r.country_place; });
    f("nearest", [&]() -> py::object { return r.nearest; });
}

template <class T>
py::object value_of(const T& obj, std::string_view key) {
    py::object out;
    each_field(obj, [&](const char* name, auto value) {
        if (!out && key == name) out = value();
    });
    return out;  // null when there is no such field
}

py::list keys_of(const auto& obj) {
    py::list out;
    each_field(obj, [&](const char* name, auto) { out.append(py::str(name)); });
    return out;
}

template <class T>
py::dict dict_of(const T& obj) {
    py::dict out;
    each_field(obj, [&](const char* name, auto value) { out[name] = value(); });
    return out;
}

// The reverse result holds Python objects: its dict has their dicts.
py::dict dict_of(const PyReverseResult& r) {
    py::dict out;
    out["country"] = r.country;
    out["country_place"] =
        r.country_place.is_none() ? py::object(py::none()) : py::object(dict_of(r.country_place.cast<const Place&>()));
    py::list nearest;
    for (auto c : r.nearest) nearest.append(dict_of(c.cast<const Candidate&>()));
    out["nearest"] = nearest;
    return out;
}

/// The read-only mapping view, to_dict() and equality shared by the three classes.
template <class T, class Class>
void def_mapping(Class& cls) {
    cls.def("__getitem__", [](const T& obj, std::string_view key) {
           py::object v = value_of(obj, key);
           if (!v) throw py::key_error(std::string(key));
           return v;
       }, py::arg("key"), "The field `key`, as the dict this object replaced had it; KeyError for no such field.")
        .def("get", [](const T& obj, std::string_view key, py::object fallback) {
            py::object v = value_of(obj, key);
            return v ? v : fallback;
        }, py::arg("key"), py::arg("default") = py::none(), "The field `key`, or `default` when there is none.")
        .def("__contains__", [](const T& obj, const py::handle& key) {
            return py::isinstance<py::str>(key) && static_cast<bool>(value_of(obj, key.cast<std::string_view>()));
        })
        .def("keys", [](const T& obj) { return keys_of(obj); }, "The field names, in order.")
        .def("__iter__", [](const T& obj) { return py::iter(keys_of(obj)); })
        .def("to_dict", [](const T& obj) { return dict_of(obj); },
             "Every field as a plain dict (nested results as dicts too), e.g. for json.dumps.")
        // Equal by value, as the dicts were, to one of its kind or to a dict; so unhashable too
        // (pybind11 sets __hash__ to None beside __eq__).
        .def("__eq__", [](const T& obj, const py::object& other) -> py::object {
            if (py::isinstance<T>(other)) return py::bool_(dict_of(obj).equal(dict_of(other.cast<const T&>())));
            if (py::isinstance<py::dict>(other)) return py::bool_(dict_of(obj).equal(other));
            return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        });
}

template <class T, class Class, class F>
void def_fields(Class& cls, const F* begin, const F* end) {
    for (const F* f = begin; f != end; ++f)
        cls.def_property_readonly(f->name, f->get, f->doc);
}

std::string repr_of(const Place& p, const char* type, const std::string& extra) {
    return py::str("{}(place_id={!r}, name={!r}, country={!r}, lat={!r}, lon={!r}{})")
        .format(type, p.id, p.name, p.country, p.lat, p.lon, extra)
        .cast<std::string>();
}

}  // namespace

void bind_candidates(py::module_& m) {
    py::class_<Place> place(m, "Place",
        "A gazetteer place (Index.place, ReverseResult.country_place, Candidate.place). Fields are\n"
        "read-only properties; obj['field'] and to_dict() give the same values as a mapping.");
    def_fields<Place>(place, std::begin(kPlaceFields), std::end(kPlaceFields));
    def_mapping<Place>(place);
    place.def("__repr__", [](const Place& p) { return repr_of(p, "Place", ""); });

    py::class_<Candidate> candidate(m, "Candidate",
        "A ranked match of a look-up, search or reverse query: the place's fields (place_id, name,\n"
        "lat, lon, ...) and how it matched (score, match, reasons, ...), read-only. obj['field'],\n"
        "get(), keys() and to_dict() read it as the dict of earlier versions.");
    candidate.def_property_readonly("place", [](const Candidate& c) -> const Place& { return c.place; },
                                    py::return_value_policy::reference_internal, "The place itself, as a Place.");
    for (const auto& f : kPlaceFields)
        candidate.def_property_readonly(f.name, [get = f.get](const Candidate& c) { return get(c.place); }, f.doc);
    def_fields<Candidate>(candidate, std::begin(kCandidateFields), std::end(kCandidateFields));
    def_mapping<Candidate>(candidate);
    candidate.def("__repr__", [](const Candidate& c) {
        return repr_of(c.place, "Candidate",
                       py::str(", score={!r}, match={!r}").format(c.score, match_label(c)).cast<std::string>());
    });

    py::class_<PyReverseResult> reverse(m, "ReverseResult",
        "What lies at a point: the containing country and the nearest places. Read-only; also\n"
        "readable as a mapping and by to_dict().");
    reverse.def_readonly("country", &PyReverseResult::country, "ISO alpha-2 code of the containing country, '' if none.")
        .def_readonly("country_place", &PyReverseResult::country_place, "The country as a Place, or None.")
        .def_readonly("nearest", &PyReverseResult::nearest, "Candidates nearest first, distance_km filled.");
    def_mapping<PyReverseResult>(reverse);
    reverse.def("__repr__", [](const PyReverseResult& r) {
        return py::str("ReverseResult(country={!r}, nearest=<{} candidates>)").format(r.country, py::len(r.nearest))
            .cast<std::string>();
    });
}

py::object place_object(Place&& place) {
    return py::cast(std::move(place), py::return_value_policy::move);
}

py::list candidate_objects(std::vector<Candidate>&& candidates) {
    // py::cast finds the Python class of a C++ type by hashing the type's name, on every call:
    // a tenth of a look-up's cost in the module for five candidates. The class is found once
    // here and each object made with it (the cast py::cast itself ends in).
    static const py::detail::type_info* const type = py::detail::get_type_info(typeid(Candidate), true);
    py::list out(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        auto owned = std::make_unique<Candidate>(std::move(candidates[i]));
        py::handle obj = py::detail::type_caster_generic::cast(owned.get(), py::return_value_policy::take_ownership,
                                                               py::handle(), type, nullptr, nullptr);
        if (!obj) throw py::error_already_set();
        owned.release();  // the Python object owns it now
        PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), obj.ptr());  // steals the reference
    }
    return out;
}

py::object reverse_object(ReverseResult&& result) {
    PyReverseResult r;
    r.country = std::move(result.country);
    r.country_place = result.country_place ? place_object(std::move(*result.country_place)) : py::none();
    r.nearest = candidate_objects(std::move(result.nearest));
    return py::cast(std::move(r), py::return_value_policy::move);
}

}  // namespace gazetteer::python
