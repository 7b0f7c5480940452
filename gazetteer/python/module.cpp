// The `_gazetteer_engine` Python module: a thin pybind11 face over the engine API for the QGIS
// plugin (plugin/article_gazetteer) and scripts. Look-up, search, reverse, geoparse and itinerary
// results are classes that convert a field only when it is read (candidates.hpp: Place,
// Candidate, ReverseResult; results.hpp: GeoparseResult, Mention, Itinerary, ItineraryStop, ...;
// each with to_dict()); the other results (route, info, schemas) are plain dicts and lists.
//
// Errors follow STYLE.md "Errors and bad input": UsageError and ParseError (bad input or misuse)
// raise ValueError; IndexError, IoError and any other gazetteer::Error raise RuntimeError.
// "No match" is an empty list, never an exception.
//
// Every engine call releases the GIL, so the QGIS locator (which runs filters in worker threads)
// never holds up the Python interpreter of the UI thread while a look-up runs.

#include <gazetteer/articles.hpp>
#include <gazetteer/build.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/geo_extent.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/map_projection.hpp>
#include <gazetteer/lookup.hpp>
#include <gazetteer/place.hpp>
#include <gazetteer/route.hpp>
#include <gazetteer/schemas.hpp>
#include <gazetteer/text.hpp>
#include <gazetteer/version.hpp>

#include <gazetteer/bulk.hpp>
#include <gazetteer/geoparse.hpp>
#include <gazetteer/layers.hpp>
#include <gazetteer/itinerary.hpp>

#include "candidates.hpp"
#include "results.hpp"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace py = pybind11;
namespace gz = gazetteer;

namespace {

// ---------------------------------------------------------------------------------------------
// Results to Python values

py::list parts_list(const std::vector<gz::GeometryPart>& parts) {
    py::list out;
    for (const auto& part : parts) {
        py::list line;
        for (const auto& v : part) line.append(py::make_tuple(v.lon, v.lat));
        out.append(line);
    }
    return out;
}

py::object none_if_empty(const std::string& s) {
    return s.empty() ? py::object(py::none()) : py::object(py::str(s));
}

py::dict route_dict(const gz::Route& r) {
    py::list stops;
    for (std::size_t i = 0; i < r.stops.size(); ++i) {
        const auto& s = r.stops[i];
        py::dict d;
        d["seq"] = i + 1;
        d["name"] = s.name;
        d["place_id"] = s.place_id;
        d["lat"] = s.lat;
        d["lon"] = s.lon;
        d["arrival"] = none_if_empty(s.arrival);
        d["departure"] = none_if_empty(s.departure);
        stops.append(d);
    }
    py::list legs;
    for (std::size_t i = 0; i < r.legs.size(); ++i) {
        const auto& l = r.legs[i];
        py::dict d;
        d["seq"] = i + 1;
        d["from"] = l.from + 1;  // stop seq numbers, as route_layers() writes them
        d["to"] = l.to + 1;
        d["mode"] = none_if_empty(l.mode);
        d["date"] = none_if_empty(l.date);
        d["distance_km"] = l.distance_km;
        d["bearing_deg"] = l.initial_bearing_deg ? py::object(py::float_(*l.initial_bearing_deg))
                                                 : py::object(py::none());
        d["crosses_antimeridian"] = l.crosses_antimeridian();
        d["parts"] = parts_list(l.parts);
        legs.append(d);
    }
    py::dict out;
    out["stops"] = stops;
    out["legs"] = legs;
    out["total_km"] = r.total_km();
    return out;
}

// ---------------------------------------------------------------------------------------------
// Python values to engine inputs

template <class T>
T get_or(const py::dict& d, const char* k, T fallback) {
    if (!d.contains(k)) return fallback;
    py::object v = d[k];
    if (v.is_none()) return fallback;
    return v.cast<T>();
}

gz::Stop stop_from(const py::handle& h) {
    gz::Stop s;
    if (py::isinstance<py::dict>(h)) {
        auto d = py::reinterpret_borrow<py::dict>(h);
        if (!d.contains("lat") || !d.contains("lon"))
            throw gz::UsageError("a stop needs 'lat' and 'lon'");
        s.name = get_or<std::string>(d, "name", "");
        s.place_id = get_or<std::string>(d, "place_id", "");
        s.lat = d["lat"].cast<double>();
        s.lon = d["lon"].cast<double>();
        s.arrival = get_or<std::string>(d, "arrival", "");
        s.departure = get_or<std::string>(d, "departure", "");
        return s;
    }
    // (name, lat, lon) tuples for quick use.
    auto t = h.cast<py::sequence>();
    if (t.size() != 3) throw gz::UsageError("a stop is a dict or a (name, lat, lon) tuple");
    s.name = t[0].cast<std::string>();
    s.lat = t[1].cast<double>();
    s.lon = t[2].cast<double>();
    return s;
}

std::vector<std::string> optional_strings(const py::object& o) {
    std::vector<std::string> out;
    if (o.is_none()) return out;
    for (auto h : o) out.push_back(h.is_none() ? std::string() : h.cast<std::string>());
    return out;
}

gz::LookupOptions lookup_options(const py::object& countries, const py::object& bbox,
                                 const std::string& feature_classes, const py::object& near,
                                 std::size_t limit, bool fuzzy) {
    gz::LookupOptions o;
    if (!countries.is_none()) {
        if (py::isinstance<py::str>(countries)) o.countries.push_back(countries.cast<std::string>());
        else o.countries = countries.cast<std::vector<std::string>>();
        for (auto& c : o.countries)
            for (auto& ch : c) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    if (!bbox.is_none()) {
        auto b = bbox.cast<std::vector<double>>();
        if (b.size() != 4) throw gz::UsageError("bbox is (west, south, east, north)");
        o.bbox = gz::BBox{b[0], b[1], b[2], b[3]};
    }
    o.feature_classes = feature_classes;
    if (!near.is_none()) {
        auto p = near.cast<std::vector<double>>();
        if (p.size() != 2) throw gz::UsageError("near is (lat, lon)");
        o.near = std::make_pair(p[0], p[1]);
    }
    o.limit = limit;
    o.fuzzy = fuzzy;
    return o;
}

// ---------------------------------------------------------------------------------------------
// Geoparse and itinerary


// User corrections of resolutions ({mention start: place id or None}) as the engine takes them.
gz::ResolutionOverrides overrides_from(const py::object& o) {
    gz::ResolutionOverrides out;
    if (o.is_none()) return out;
    for (auto item : o.cast<py::dict>()) {
        auto start = py::int_(py::reinterpret_borrow<py::object>(item.first)).cast<std::size_t>();
        out[start] = item.second.is_none() ? std::string() : item.second.cast<std::string>();
    }
    return out;
}

// A Python progress callable (fraction -> truthy to go on) as the engine's ParseProgress. The
// engine calls it with the GIL released; it takes the GIL for each call. Empty for None.
gz::ParseProgress parse_progress(py::object progress) {
    if (progress.is_none()) return {};
    auto fn = std::make_shared<py::object>(std::move(progress));
    return [fn](double fraction) {
        py::gil_scoped_acquire acquire;
        return py::bool_((*fn)(fraction)).cast<bool>();
    };
}

gz::GeoparseOptions geoparse_options(double abstain_below, double recognition_threshold,
                                     std::size_t max_alternatives, bool demonyms) {
    gz::GeoparseOptions o;
    o.abstain_below = abstain_below;
    o.recognition_threshold = recognition_threshold;
    o.max_alternatives = max_alternatives;
    o.demonyms = demonyms;
    return o;
}



// ---------------------------------------------------------------------------------------------
// Errors

// Python class of gz::Cancelled (module attribute "Cancelled", a RuntimeError).
PyObject* g_cancelled = nullptr;

void translate_errors(std::exception_ptr p) {
    try {
        if (p) std::rethrow_exception(p);
    } catch (const gz::Cancelled& e) {
        PyErr_SetString(g_cancelled ? g_cancelled : PyExc_RuntimeError, e.what());
    } catch (const gz::UsageError& e) {
        PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const gz::ParseError& e) {
        PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const gz::Error& e) {  // IndexError, IoError and the rest
        PyErr_SetString(PyExc_RuntimeError, e.what());
    }
}

// ---------------------------------------------------------------------------------------------
// Index.lookup and Index.search as vectorcall methods
//
// pybind11 2.10 calls every bound function through tp_call: Python packs keyword arguments into
// a dict, and the dispatcher looks every parameter up in it by a name it makes into a new str,
// then copies the dict to strike out the ones it used. For a look-up with two keywords that was
// a few tenths of a microsecond, a good part of what the Python face added to the engine. These
// two, called per keystroke by the locator and per row by batch geocoding, are CPython
// METH_FASTCALL | METH_KEYWORDS methods instead (PEP 590): the arguments arrive as an array and
// the keyword names as (mostly interned) strs, matched here by identity first. Same parameters,
// defaults, results and errors as the pybind11 functions they replace.

/// The keyword-only parameters of lookup() (all) and search() (all but fuzzy), in order.
enum QueryParam : std::size_t { kCountries, kBbox, kFeatureClasses, kNear, kLimit, kFuzzy, kQueryParams };
constexpr const char* kQueryParamNames[kQueryParams] = {"countries", "bbox", "feature_classes", "near", "limit", "fuzzy"};

/// The arguments of one call: the query (a view of the caller's str, alive for the call) and the
/// keyword arguments given (nullptr: not given).
struct QueryArgs {
    std::string_view query;
    std::array<PyObject*, kQueryParams> given{};
};

PyObject* interned(const char* name) {
    PyObject* s = PyUnicode_InternFromString(name);
    if (!s) throw py::error_already_set();
    return s;  // kept for the life of the process, as CPython keeps its own interned names
}

std::string_view text_arg(PyObject* o, const char* function, const char* name) {
    Py_ssize_t size = 0;
    if (PyUnicode_Check(o)) {
        const char* data = PyUnicode_AsUTF8AndSize(o, &size);
        if (!data) throw py::error_already_set();
        return {data, static_cast<std::size_t>(size)};
    }
    if (PyBytes_Check(o)) return {PyBytes_AS_STRING(o), static_cast<std::size_t>(PyBytes_GET_SIZE(o))};
    throw py::type_error(std::string(function) + "(): " + name + " must be str, not " + Py_TYPE(o)->tp_name);
}

/// Sorts the arguments of `function`(`first`, *, <the first `n_keywords` of kQueryParamNames>)
/// as Python would, with Python's TypeErrors for a missing, repeated or unknown argument.
QueryArgs query_args(const char* function, const char* first, std::size_t n_keywords, PyObject* const* args,
                     Py_ssize_t nargs, PyObject* kwnames) {
    static PyObject* const kFirstNames[2] = {interned("query"), interned("prefix")};
    static const std::array<PyObject*, kQueryParams> kNames = [] {
        std::array<PyObject*, kQueryParams> names{};
        for (std::size_t i = 0; i < kQueryParams; ++i) names[i] = interned(kQueryParamNames[i]);
        return names;
    }();
    PyObject* const first_name = kFirstNames[std::string_view(first) == "query" ? 0 : 1];
    if (nargs > 1)
        throw py::type_error(std::string(function) + "() takes 1 positional argument but " + std::to_string(nargs) +
                             " were given");
    PyObject* query = nargs == 1 ? args[0] : nullptr;
    QueryArgs out;
    const Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        PyObject* name = PyTuple_GET_ITEM(kwnames, k);
        PyObject* value = args[nargs + k];
        auto same = [name](PyObject* known) {
            return name == known || PyUnicode_Compare(name, known) == 0;
        };
        if (same(first_name)) {
            if (query) throw py::type_error(std::string(function) + "() got multiple values for argument '" + first + "'");
            query = value;
            continue;
        }
        std::size_t i = 0;
        while (i < n_keywords && !same(kNames[i])) ++i;
        if (i == n_keywords)
            throw py::type_error(std::string(function) + "() got an unexpected keyword argument '" +
                                 py::str(name).cast<std::string>() + "'");
        out.given[i] = value;
    }
    if (!query) throw py::type_error(std::string(function) + "() missing 1 required argument: '" + first + "'");
    out.query = text_arg(query, function, first);
    return out;
}

/// The Index of `self` (the method descriptor has checked its type already).
const gz::Index& index_of(PyObject* self) {
    auto v_h = reinterpret_cast<py::detail::instance*>(self)->get_value_and_holder();
    if (!v_h.holder_constructed()) throw py::type_error("this Index was not opened: make one with Index.open()");
    return *static_cast<const gz::Index*>(v_h.value_ptr());
}

/// Index.lookup (kPrefix false) or Index.search (true).
template <bool kPrefix>
PyObject* query_method(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const char* function = kPrefix ? "search" : "lookup";
    try {
        const gz::Index& idx = index_of(self);
        QueryArgs a = query_args(function, kPrefix ? "prefix" : "query", kPrefix ? kFuzzy : kQueryParams, args,
                                 nargs, kwnames);
        auto object = [&](QueryParam p) {
            return a.given[p] ? py::reinterpret_borrow<py::object>(a.given[p]) : py::object(py::none());
        };
        std::string feature_classes;
        if (a.given[kFeatureClasses]) feature_classes = text_arg(a.given[kFeatureClasses], function, "feature_classes");
        std::size_t limit = 10;
        if (PyObject* l = a.given[kLimit]) {
            if (!PyLong_Check(l)) throw py::type_error(std::string(function) + "(): limit must be int");
            limit = PyLong_AsSize_t(l);  // OverflowError for a negative limit
            if (limit == static_cast<std::size_t>(-1) && PyErr_Occurred()) throw py::error_already_set();
        }
        bool fuzzy = !kPrefix;
        if (PyObject* f = a.given[kFuzzy]) {
            int truth = PyObject_IsTrue(f);
            if (truth < 0) throw py::error_already_set();
            fuzzy = truth != 0;
        }
        auto o = lookup_options(object(kCountries), object(kBbox), feature_classes, object(kNear), limit, fuzzy);
        std::vector<gz::Candidate> r;
        {
            py::gil_scoped_release release;
            r = kPrefix ? gz::search_prefix(idx, a.query, o) : gz::lookup(idx, a.query, o);
        }
        return gz::python::candidate_objects(std::move(r)).release().ptr();
    } catch (py::error_already_set& e) {
        e.restore();
    } catch (...) {
        // As pybind11's own dispatcher does: the module's translators, then pybind11's.
        if (!py::detail::apply_exception_translators(py::detail::get_local_internals().registered_exception_translators) &&
            !py::detail::apply_exception_translators(py::detail::get_internals().registered_exception_translators))
            PyErr_SetString(PyExc_SystemError, "an exception escaped the exception translators");
    }
    return nullptr;
}

// The first line is the signature inspect.signature() and help() show (CPython's
// __text_signature__ convention).
PyMethodDef kLookupMethod = {
    "lookup", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&query_method<false>)),
    METH_FASTCALL | METH_KEYWORDS,
    "lookup($self, query, *, countries=None, bbox=None, feature_classes='', near=None, limit=10, fuzzy=True)\n--\n\n"
    "Ranked Candidates for a place name ('Moscow, Idaho' qualifies), best first; [] for no match.\n"
    "countries: ISO alpha-2 codes; bbox: (west, south, east, north); near: (lat, lon)."};

PyMethodDef kSearchMethod = {
    "search", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&query_method<true>)),
    METH_FASTCALL | METH_KEYWORDS,
    "search($self, prefix, *, countries=None, bbox=None, feature_classes='', near=None, limit=10)\n--\n\n"
    "Type-ahead: Candidates whose names start with `prefix`, best first."};

/// Adds a METH_FASTCALL method to a pybind11 class.
void def_query_method(py::handle cls, PyMethodDef* def) {
    auto descr = py::reinterpret_steal<py::object>(PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(cls.ptr()), def));
    if (!descr) throw py::error_already_set();
    py::setattr(cls, def->ml_name, descr);
}

const char* projection_kind_name(gz::ProjectionKind k) {
    switch (k) {
        case gz::ProjectionKind::WebMercator: return "mercator";
        case gz::ProjectionKind::EqualEarth: return "equal-earth";
        case gz::ProjectionKind::Laea: return "laea";
        case gz::ProjectionKind::Local: return "local";
    }
    return "?";
}

gz::ProjectionKind projection_kind_from(const std::string& name) {
    for (auto k : {gz::ProjectionKind::Local, gz::ProjectionKind::Laea, gz::ProjectionKind::EqualEarth,
                   gz::ProjectionKind::WebMercator}) {
        if (name == projection_kind_name(k)) return k;
    }
    throw gz::UsageError("unknown projection kind '" + name + "': use local, laea, equal-earth or mercator");
}



// ---------------------------------------------------------------------------------------------
// Bulk batches (gazetteer-bulk): opaque objects, so that a batch's rows stay in C++ and reach
// the database or a file as one COPY buffer; Python only sees ids, counts and errors. Reading
// and geoparsing release the GIL (a Dask worker's other threads keep heartbeating).

// Layers as Python values: {'name', 'geometry', 'fields': [(name, type, precision)]}.
py::list layer_schemas_list(const std::vector<gz::Layer>& layers) {
    py::list out;
    for (const auto& l : layers) out.append(gz::python::layer_dict(l, false));
    return out;
}

const gz::Layer& layer_named(const gz::BulkResult& r, const std::string& name) {
    for (const auto& l : r.layers)
        if (l.name == name) return l;
    throw gz::UsageError("no layer named '" + name + "' (articles, places, mentions)");
}

void bind_bulk(py::module_& m, py::class_<gz::Index, std::shared_ptr<gz::Index>>& index) {
    m.def("bulk_layer_schemas", [] { return layer_schemas_list(gz::bulk_layer_schemas()); },
          "The layers a bulk batch writes, in order: [{'name', 'geometry', 'fields': [(name, type,\n"
          "precision)]}] with type one of 'integer', 'real', 'string', 'date'. Writers build their\n"
          "tables from this, so the columns are the ones `gazetteer geoparse` writes.");

    m.def("bulk_layer_files", [](const std::string& path, const std::string& format) {
        gz::WriteOptions o;
        o.format = format;
        return gz::layer_file_paths(path, gz::bulk_layer_schemas(), o);
    }, py::arg("path"), py::kw_only(), py::arg("format") = "",
       "The files BulkResult.write(path, format=...) writes, in layer order (one for GPKG).");
    m.def("resolve_format", [](const std::string& path, const std::string& format) { return gz::resolve_format(path, format); },
          py::arg("path"), py::arg("format") = "", "GDAL driver name for a format name or the path's extension.");

    py::class_<gz::BulkInput>(m, "BulkInput",
        "Articles of one bulk batch with their file and line, and the records that failed to read.")
        .def(py::init<>())
        .def("read_jsonl", [](gz::BulkInput& in, const std::string& file, std::uint64_t first_line, const py::bytes& data) {
            std::string_view chunk = data;  // the bytes object stays alive for the call
            py::gil_scoped_release release;
            gz::read_jsonl_chunk(file, first_line, chunk, in);
        }, py::arg("file"), py::arg("first_line"), py::arg("data"),
           "Reads whole JSON Lines records (bytes) of `file` starting at 1-based line `first_line`.")
        .def("read_text", [](gz::BulkInput& in, const std::string& file, const py::bytes& data) {
            std::string_view bytes = data;
            py::gil_scoped_release release;
            gz::read_text_article(file, bytes, in);
        }, py::arg("file"), py::arg("data"), "Reads a whole text file (bytes) as one article.")
        .def("__len__", [](const gz::BulkInput& in) { return in.articles.size(); })
        .def_property_readonly("ids", [](const gz::BulkInput& in) {
            std::vector<std::string> ids;
            ids.reserve(in.articles.size());
            for (const auto& a : in.articles) ids.push_back(a.id);
            return ids;
        }, "Article ids in input order.")
        .def_property_readonly("errors", [](const gz::BulkInput& in) {
            py::list out;
            // Reasons may quote input bytes: decode leniently rather than fail on the report.
            auto text = [](const std::string& s) {
                return py::reinterpret_steal<py::str>(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace"));
            };
            for (const auto& e : in.errors) out.append(py::make_tuple(text(e.file), e.line, text(e.reason), text(e.message())));
            return out;
        }, "Records that failed: [(file, line, reason, message)]; line 0 = the whole file.");

    py::class_<gz::BulkResult>(m, "BulkResult", "The articles, places and mentions layers of one geoparsed batch.")
        .def_property_readonly("counts", [](const gz::BulkResult& r) {
            py::dict d;
            d["articles"] = r.counts.articles;
            d["skipped"] = r.counts.skipped;
            d["duplicates"] = r.counts.duplicates;
            d["mentions"] = r.counts.mentions;
            d["unresolved"] = r.counts.unresolved;
            d["places"] = r.counts.places;
            return d;
        })
        .def("copy_rows", [](const gz::BulkResult& r, const std::string& layer, const std::vector<std::string>& leading) {
            const gz::Layer& l = layer_named(r, layer);
            std::string out;
            {
                py::gil_scoped_release release;
                gz::append_pg_copy_rows(out, l, leading);
            }
            return py::bytes(out);
        }, py::arg("layer"), py::kw_only(), py::arg("leading") = std::vector<std::string>{},
           "The layer's rows in PostgreSQL COPY text format: the `leading` values, the fields in\n"
           "schema order, then the point as hex EWKB (SRID 4326).")
        .def_property_readonly("json_lines", [](const gz::BulkResult& r) { return py::bytes(r.json_lines); },
           "The `gazetteer geoparse` JSON Lines of the batch (geoparse_batch(..., json_lines=True)).")
        .def("write", [](const gz::BulkResult& r, const std::string& path, const std::string& format) {
            gz::WriteOptions o;
            o.format = format;
            o.coordinate_precision = 6;
            py::gil_scoped_release release;
            return gz::write_layers(path, r.layers, o);
        }, py::arg("path"), py::kw_only(), py::arg("format") = "",
           "Writes the three layers with GDAL (atomically; format as `gazetteer geoparse --format`);\n"
           "returns the files written.");

    index.def("gazetteer_version", [](const gz::Index& idx) { return gz::gazetteer_version_of(idx); },
              "Provenance of this index's geoparses (engine version, index name and checksum), as\n"
              "written in the gazetteer_version fields.");
    index.def("geoparse_batch", [](const gz::Index& idx, gz::BulkInput& in, const py::object& skip, bool json_lines) {
        std::vector<bool> flags;
        if (!skip.is_none()) {
            std::unordered_set<std::string> done;
            for (auto h : skip) done.insert(h.cast<std::string>());
            if (!done.empty()) {
                flags.reserve(in.articles.size());
                for (const auto& a : in.articles) flags.push_back(done.count(a.id) > 0);
            }
        }
        py::gil_scoped_release release;
        gz::Geoparser parser(idx);
        return gz::geoparse_batch(parser, in, flags, json_lines ? gz::BulkOutput::JsonLines : gz::BulkOutput::Layers);
    }, py::arg("input"), py::kw_only(), py::arg("skip") = py::none(), py::arg("json_lines") = false,
       "Geoparses a BulkInput (ids in `skip` are left out) and returns a BulkResult: its layers, or\n"
       "with json_lines=True the `gazetteer geoparse` JSON Lines instead. Duplicate ids are added\n"
       "to input.errors.");
}


}  // namespace

PYBIND11_MODULE(_gazetteer_engine, m) {
    m.doc() = "Offline gazetteer, geoparser and itinerary engine (pybind11 face of gazetteer::core).";
    m.attr("__version__") = std::string(gz::version());
    m.attr("index_format_version") = gz::index_format_version;
    static py::exception<gz::Cancelled> cancelled(m, "Cancelled", PyExc_RuntimeError);
    g_cancelled = cancelled.ptr();
    py::register_exception_translator(&translate_errors);

    m.def("check_text", [](const py::bytes& data, const std::string& name) {
        std::string text = data;  // one copy: check_text() repairs in place
        std::size_t replaced;
        {
            py::gil_scoped_release release;
            replaced = gz::check_text(text, name);
        }
        return py::make_tuple(py::str(text), replaced);
    }, py::arg("data"), py::arg("name"),
          "Decodes the bytes of an article file as the CLI does: returns (text, replacements), the\n"
          "ill-formed UTF-8 sequences replaced with U+FFFD and counted. Raises ValueError naming the\n"
          "file when the bytes are not text (NUL bytes, or mostly invalid UTF-8 or control characters).");

    m.def("read_articles", [](const py::bytes& data, const std::string& source, const std::string& format) {
        gz::ArticleFormat f;
        if (format == "auto") f = gz::ArticleFormat::Auto;
        else if (format == "text") f = gz::ArticleFormat::Text;
        else if (format == "jsonl") f = gz::ArticleFormat::JsonLines;
        else throw gz::UsageError("format '" + format + "': expected auto, text or jsonl");
        std::string bytes = data;
        gz::ArticleFile file;
        {
            py::gil_scoped_release release;
            file = gz::read_article_file(source, std::move(bytes), f);
        }
        py::list articles;
        for (const auto& a : file.articles) {
            py::dict meta;
            for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"title", &a.meta.title},
                                             {"url", &a.meta.url}, {"date", &a.meta.date}, {"lang", &a.meta.lang}}) {
                if (!value->empty()) meta[key] = *value;
            }
            articles.append(py::make_tuple(a.id, a.text, meta));
        }
        return py::make_tuple(articles, file.replacements);
    }, py::arg("data"), py::arg("source"), py::kw_only(), py::arg("format") = "auto",
       "The articles of one whole input, as the CLI reads them (articles.hpp): returns ([(id, text, meta)],\n"
       "replacements). `source` is the file's path (its extension chooses the format when format='auto':\n"
       ".jsonl/.ndjson/.json records, .txt/.text text, else '{' starts JSON) and names the default ids:\n"
       "'a1' for a1.txt, 'feed:3' for line 3 of feed.jsonl. meta holds the record's non-empty title,\n"
       "url, date and lang. ValueError naming the source and line for bad input.");

    m.def("article_files", [](const std::string& folder) {
        py::gil_scoped_release release;
        return gz::article_files(folder);
    }, py::arg("folder"),
       "The article files below `folder` (.txt, .text, .jsonl, .ndjson), recursively, in name order: the\n"
       "files `gazetteer geoparse FOLDER` reads. RuntimeError naming the folder when it cannot be listed.");
    m.attr("article_extensions") = [] {
        std::vector<std::string> out(std::begin(gz::kArticleExtensions), std::end(gz::kArticleExtensions));
        return out;
    }();

    m.def("build_index", [](const std::string& manifest, const std::vector<std::string>& curated,
                            const std::string& output, py::object progress) {
        gz::BuildOptions o;
        if (!progress.is_none()) {
            auto fn = std::make_shared<py::object>(std::move(progress));
            o.on_progress = [fn](const std::string& stage, std::uint64_t done, std::uint64_t total) {
                py::gil_scoped_acquire acquire;
                (*fn)(stage, done, total);
            };
        }
        gz::BuildReport report;
        {
            py::gil_scoped_release release;
            gz::IndexBuilder builder(o);
            builder.add_manifest(manifest);
            for (const auto& csv : curated) builder.add_curated(csv);
            report = builder.write(output);
        }
        py::dict d;
        d["places"] = report.places;
        d["names"] = report.names;
        d["keys"] = report.keys;
        d["skipped_rows"] = report.skipped_rows;
        d["file_size"] = report.file_size;
        return d;
    }, py::arg("manifest"), py::arg("curated"), py::arg("output"), py::kw_only(), py::arg("progress") = py::none(),
       "Builds an index from a manifest.json of pinned sources (scripts/fetch-data.sh) and curated CSV files,\n"
       "as `gazetteer build --data DIR --places CSV...` does; writes `output` atomically. progress:\n"
       "callable(stage, done, total) from the building thread. Returns counts; raises ValueError or\n"
       "RuntimeError naming the bad file.");

    m.def("default_index_path", [] { return gz::default_index_path(); },
          "Where the engine looks for the index: $GAZETTEER_INDEX, then the build's default.");

    gz::python::bind_candidates(m);
    gz::python::bind_results(m);
    py::class_<gz::Index, std::shared_ptr<gz::Index>> index_class(m, "Index",
        "A read-only, memory-mapped gazetteer index. Thread safe; share one per process.");
    index_class
        .def_static("open", [](const std::string& path) {
            py::gil_scoped_release release;
            return std::make_shared<gz::Index>(gz::Index::open(path));
        }, py::arg("path"), "Opens an index file. RuntimeError when missing, corrupt or of another version.")
        .def("__len__", &gz::Index::size)
        .def_property_readonly("path", &gz::Index::path)
        .def("info", [](const gz::Index& idx) {
            return py::module_::import("json").attr("loads")(gz::index_info_json(idx.info(), false));
        }, "What the index holds, as a dict: the object `gazetteer info --format json` prints.")
        .def("place", [](const gz::Index& idx, const std::string& place_id, bool alt_names) -> py::object {
            auto i = idx.find_id(place_id);
            if (!i) return py::none();
            return gz::python::place_object(idx.place(*i, alt_names));
        }, py::arg("place_id"), py::arg("alt_names") = false,
           "The Place with this stable id ('geonames:2013348'), or None.")
        .def("reverse", [](const gz::Index& idx, double lat, double lon, std::size_t limit,
                           double radius_km, const std::string& feature_classes) {
            gz::ReverseResult r;
            {
                py::gil_scoped_release release;
                r = gz::reverse(idx, lat, lon, limit, radius_km, feature_classes);
            }
            return gz::python::reverse_object(std::move(r));
        }, py::arg("lat"), py::arg("lon"), py::kw_only(), py::arg("limit") = 5, py::arg("radius_km") = 100.0,
           py::arg("feature_classes") = "",
           "A ReverseResult: the nearest places to a point (Candidates with distance_km) and the\n"
           "containing country's ISO code.")
        .def("geoparse", [](const gz::Index& idx, const std::string& text, const std::string& id,
                            py::object overrides, double abstain_below, double recognition_threshold,
                            std::size_t max_alternatives, bool demonyms, const std::string& kinds,
                            const std::string& language, py::object progress) {
            auto ov = overrides_from(overrides);
            auto o = geoparse_options(abstain_below, recognition_threshold, max_alternatives, demonyms);
            if (!kinds.empty()) o.kinds = gz::MentionKinds::parse(kinds);
            o.language = gz::canonical_language(language);  // UsageError -> ValueError before any work
            if (text.size() > gz::kMaxArticleBytes)
                throw gz::UsageError("the article is " + std::to_string(text.size()) + " bytes, more than the maximum of " +
                                     std::to_string(gz::kMaxArticleBytes) + " bytes (256 MiB): split it");
            auto report = parse_progress(std::move(progress));
            gz::ArticleResult r;
            {
                py::gil_scoped_release release;
                gz::Geoparser parser(idx, o);
                r = parser.parse(id, text, report);
                gz::apply_overrides(idx, r, ov);
            }
            return gz::python::geoparse_result_object(std::move(r));
        }, py::arg("text"), py::kw_only(), py::arg("id") = "", py::arg("overrides") = py::none(),
           py::arg("abstain_below") = gz::GeoparseOptions{}.abstain_below,
           py::arg("recognition_threshold") = gz::GeoparseOptions{}.recognition_threshold,
           py::arg("max_alternatives") = gz::GeoparseOptions{}.max_alternatives,
           py::arg("demonyms") = gz::GeoparseOptions{}.demonyms, py::arg("kinds") = "", py::arg("language") = "",
           py::arg("progress") = py::none(),
           "Place mentions of a text as a GeoparseResult: the record `gazetteer geoparse` writes as a JSON line\n"
           "(id, mentions, places); its layers() are the GIS layers. Offsets are\n"
           "code points (text[start:end]). overrides: {mention start: place id or None} replaces\n"
           "resolutions. kinds: comma-separated mention kinds to report (literal, metonymy, demonym;\n"
           "'' = all). language: 'en', 'ru', 'ko', or '' / 'auto' to detect from the script.\n"
           "progress: callable(fraction) called from the parsing thread as the parse advances; a false\n"
           "return stops it and raises Cancelled.")
        .def("itinerary", [](const gz::Index& idx, const std::string& text, const std::string& traveller,
                             const std::string& article_date, py::object overrides, py::object progress) {
            auto ov = overrides_from(overrides);
            gz::ItineraryOptions o;
            o.traveller = traveller;
            o.article_date = gz::publication_day(article_date);  // a timestamp anchors by its day
            auto report = parse_progress(std::move(progress));
            gz::Itinerary it;
            {
                py::gil_scoped_release release;
                gz::Geoparser parser(idx);
                auto parsed = parser.parse("", text, report);
                gz::apply_overrides(idx, parsed, ov);
                it = gz::extract_itinerary(parsed, text, o);
            }
            return gz::python::itinerary_object(std::move(it));
        }, py::arg("text"), py::kw_only(), py::arg("traveller") = "", py::arg("article_date") = "",
           py::arg("overrides") = py::none(), py::arg("progress") = py::none(),
           "The travel itinerary of an article as an Itinerary: the object `gazetteer itinerary` writes as JSON\n"
           "(traveller, stops, legs, notes, place_notes: places that are no stop, with their role); its\n"
           "layers() are the GIS layers with leg geometry, arrivals and departures. progress: as for geoparse, for the geoparsing part (extraction\n"
           "itself is not reported).")
        ;
    def_query_method(index_class, &kLookupMethod);
    def_query_method(index_class, &kSearchMethod);
    bind_bulk(m, index_class);

    // The declared layers of every output (schemas.hpp): the QGIS plugin builds its fields from
    // these, so its layers and the CLI's files cannot drift apart.
    m.def("schema_outputs", &gz::schema_outputs, "The outputs whose layers layer_schemas() declares.");
    m.def("layer_schemas", [](const std::string& output) { return layer_schemas_list(gz::layer_schemas(output)); },
          py::arg("output"),
          "The layers the engine writes for `output` ('geoparse', 'bulk', 'route', 'itinerary'), in order:\n"
          "[{'name', 'geometry', 'fields': [(name, type, precision)]}], type one of 'integer', 'real',\n"
          "'string', 'date'; geometry 'Point', 'LineString' or 'MultiLineString'. ValueError for an\n"
          "unknown output.");
    m.def("layer_schema", [](const std::string& output, const std::string& layer) {
        py::list one = layer_schemas_list({gz::layer_schema(output, layer)});
        return py::object(one[0]);
    }, py::arg("output"), py::arg("layer"),
       "One layer of layer_schemas(output) by name ('stops'); ValueError for an unknown output or layer.");

    m.def("route", [](py::sequence stops, py::object modes, py::object dates, double max_segment_km,
                      unsigned min_segments) {
        std::vector<gz::Stop> s;
        for (auto h : stops) s.push_back(stop_from(h));
        auto md = optional_strings(modes);
        auto dd = optional_strings(dates);
        gz::DensifyOptions o;
        o.max_segment_km = max_segment_km;
        o.min_segments = min_segments;
        gz::Route r;
        {
            py::gil_scoped_release release;
            r = gz::build_route(std::move(s), md, dd, o);
        }
        return route_dict(r);
    }, py::arg("stops"), py::arg("modes") = py::none(), py::arg("dates") = py::none(), py::kw_only(),
       py::arg("max_segment_km") = gz::DensifyOptions{}.max_segment_km,
       py::arg("min_segments") = gz::DensifyOptions{}.min_segments,
       "Geodesic route through stops (dicts with name, lat, lon[, place_id, arrival, departure] or\n"
       "(name, lat, lon) tuples): {'stops', 'legs' (parts as lists of (lon, lat)), 'total_km'}.\n"
       "ValueError for fewer than two stops, bad coordinates, modes or dates.");

    m.def("is_country_feature_code", [](std::string_view code) { return gz::is_country_feature_code(code); },
          py::arg("feature_code"),
          "True when a GeoNames feature code names a country (PCL* or TERR): the engine's rule\n"
          "(place.hpp), so that the plugin frames and tints the places the engine ranks as countries.");

    // Framing a view: the same extent and projection rules as the Qt map (geo_extent.hpp,
    // map_projection.hpp), so the plugin does not write them again.
    py::class_<gz::GeoExtent>(m, "GeoExtent",
                              "A lon/lat box in degrees; west > east when it crosses the antimeridian.")
        .def(py::init([](double west, double south, double east, double north) {
                 if (!(std::abs(west) <= 180 && std::abs(east) <= 180 && std::abs(south) <= 90 &&
                       std::abs(north) <= 90 && south <= north)) {
                     throw gz::UsageError("GeoExtent: longitudes must lie in [-180, 180], latitudes in [-90, 90], south <= north");
                 }
                 return gz::GeoExtent{west, south, east, north};
             }),
             py::arg("west"), py::arg("south"), py::arg("east"), py::arg("north"))
        .def_readonly("west", &gz::GeoExtent::west)
        .def_readonly("south", &gz::GeoExtent::south)
        .def_readonly("east", &gz::GeoExtent::east)
        .def_readonly("north", &gz::GeoExtent::north)
        .def_property_readonly("lon_span", &gz::GeoExtent::lon_span, "Longitude span, degrees in [0, 360] (0 for one point).")
        .def_property_readonly("center_lon", &gz::GeoExtent::center_lon, "Middle longitude in [-180, 180).")
        .def_property_readonly("center_lat", &gz::GeoExtent::center_lat)
        .def_property_readonly("crosses_antimeridian", &gz::GeoExtent::crosses_antimeridian)
        .def("padded", &gz::GeoExtent::padded, py::arg("fraction"), py::arg("min_deg") = 0.0,
             "The extent grown by `fraction` of its span on each side (at least `min_deg` degrees).")
        .def("__repr__", [](const gz::GeoExtent& e) {
            return "GeoExtent(west=" + std::to_string(e.west) + ", south=" + std::to_string(e.south) +
                   ", east=" + std::to_string(e.east) + ", north=" + std::to_string(e.north) + ")";
        });

    m.def("extent_of", [](py::iterable points) -> std::optional<gz::GeoExtent> {
        std::vector<gz::LonLat> v;
        for (auto h : points) {
            auto t = h.cast<py::sequence>();
            if (t.size() != 2) throw gz::UsageError("extent_of: every point must be a (lon, lat) pair");
            gz::LonLat p{t[0].cast<double>(), t[1].cast<double>()};
            if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || std::abs(p.lat) > 90) {
                throw gz::UsageError("extent_of: latitude out of range or not a number");
            }
            v.push_back(p);
        }
        return gz::extent_of(v);
    }, py::arg("points"),
       "Smallest GeoExtent around (lon, lat) points, leaving out the widest gap of longitudes (so a\n"
       "route over the Pacific gets a box across 180 degrees); None for no points.");

    py::class_<gz::ProjectionChoice>(m, "ProjectionChoice", "The map projection chosen for an extent.")
        .def_readonly("definition", &gz::ProjectionChoice::definition,
                      "PROJ definition ('EPSG:3857', 'EPSG:8857' or '+proj=... +type=crs').")
        .def_readonly("description", &gz::ProjectionChoice::description)
        .def_property_readonly("kind", [](const gz::ProjectionChoice& c) { return projection_kind_name(c.chosen); },
                               "The kind used: 'mercator', 'equal-earth', 'laea' or 'local'.")
        .def_property_readonly("central_lon", [](const gz::ProjectionChoice& c) { return c.domain.central_lon; })
        .def_property_readonly("half_lon_span", [](const gz::ProjectionChoice& c) { return c.domain.half_lon_span; },
                               "Longitudes farther than this from central_lon are outside the usable domain.")
        .def_property_readonly("min_lat", [](const gz::ProjectionChoice& c) { return c.domain.min_lat; })
        .def_property_readonly("max_lat", [](const gz::ProjectionChoice& c) { return c.domain.max_lat; });

    m.def("choose_projection", [](std::optional<gz::GeoExtent> extent, const std::string& kind) {
        return gz::choose_projection(projection_kind_from(kind), extent);
    }, py::arg("extent"), py::arg("kind") = "local",
       "The projection of `kind` ('local', 'laea', 'equal-earth', 'mercator') suited to `extent`\n"
       "(a GeoExtent, or None for the world). Centred on the extent, so a box across 180 degrees\n"
       "is drawn whole. ValueError for an unknown kind.");

    m.def("leg_modes", [] {
        std::vector<std::string> out;
        for (const char* mode : gz::kLegModes) out.emplace_back(mode);
        return out;
    }, "The transport modes a leg may carry.");
}
