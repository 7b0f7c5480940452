// Geoparse and itinerary results for Python (see results.hpp).
//
// The engine's ArticleResult (or Itinerary with its route) is moved once into a shared, const
// C++ object; a Mention, ItineraryStop, ... is a pointer into it plus that shared ownership, so
// handing out 10,000 mentions copies no strings. As in candidates.cpp, each class lists its
// fields once, in a table with their documentation, and the properties, the mapping view and
// to_dict() are all made from that table. A field whose value is a result object (a mention's
// place, its alternatives) has a second reader giving the plain value to_dict() puts there.

#include "results.hpp"

#include "candidates.hpp"

#include <gazetteer/index.hpp>

#include <pybind11/stl.h>

#include <concepts>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace py = pybind11;

namespace gazetteer::python {
namespace {

// ---------------------------------------------------------------------------------------------
// The shared results and the views into them

using ArticlePtr = std::shared_ptr<const ArticleResult>;

/// The itinerary with its geodesic route (when it has two stops), which gives the legs their
/// dates, bearings and geometry and the stops their arrivals and departures, as
/// itinerary_layers() writes them.
struct ItineraryData {
    Itinerary itinerary;
    std::optional<Route> route;
};
using ItineraryPtr = std::shared_ptr<const ItineraryData>;

struct MentionView {
    ArticlePtr owner;
    const Mention* mention;
};

struct MentionCandidateView {
    ArticlePtr owner;
    const MentionCandidate* candidate;
};

struct ArticlePlaceView {
    ArticlePtr owner;
    const ArticlePlace* place;
};

/// The GeoparseResult object: the article, and its lists of Mention and ArticlePlace objects,
/// made on first reading and kept, so that reading `mentions` twice gives the same objects.
struct GeoparseResultObject {
    ArticlePtr article;
    mutable py::object mentions, places;
};

struct StopView {
    ItineraryPtr owner;
    std::size_t i;
    const ItineraryStop& stop() const { return owner->itinerary.stops[i]; }
};

struct LegView {
    ItineraryPtr owner;
    std::size_t i;
    const ItineraryLeg& leg() const { return owner->itinerary.legs[i]; }
    /// The route's leg (date, bearing, parts), or nullptr for an itinerary without a route.
    const Leg* route_leg() const {
        const auto& route = owner->route;
        return route && i < route->legs.size() ? &route->legs[i] : nullptr;
    }
};

struct PlaceNoteView {
    ItineraryPtr owner;
    std::size_t i;
    const ItineraryNote& note() const { return owner->itinerary.place_notes[i]; }
};

struct ItineraryObject {
    ItineraryPtr data;
    mutable py::object stops, legs, place_notes;
};

// ---------------------------------------------------------------------------------------------
// Fields

/// One field of a result class: its name (the property and the key), how to read it (`self` is
/// the Python object of `obj`, the parent that keeps a nested result alive), its documentation,
/// and, when to_dict() holds something else than the property (a dict for a Place), how to read
/// that.
template <class T>
struct Field {
    const char* name;
    py::object (*get)(const T& obj, py::handle self);
    const char* doc;
    py::object (*plain)(const T& obj) = nullptr;  // nullptr: get(obj, {})
};

py::object none_if_empty(const std::string& s) {
    return s.empty() ? py::object(py::none()) : py::object(py::str(s));
}

/// A place inside a shared result as a Place object that keeps `self` (and so the result) alive;
/// reading it again gives the same object.
py::object place_in(const Place& place, py::handle self) {
    return py::cast(&place, py::return_value_policy::reference_internal, self);
}

py::dict evidence_dict(const ItineraryEvidence& e) {
    py::dict d;
    d["sentence"] = e.sentence;
    d["sentence_start"] = e.sentence_start;
    d["start"] = e.start;
    d["end"] = e.end;
    d["cue"] = e.cue;
    d["role"] = mention_role_name(e.role);
    return d;
}

py::list parts_list(const std::vector<GeometryPart>& parts) {
    py::list out(parts.size());
    for (std::size_t i = 0; i < parts.size(); ++i) {
        py::list line(parts[i].size());
        for (std::size_t j = 0; j < parts[i].size(); ++j) line[j] = py::make_tuple(parts[i][j].lon, parts[i][j].lat);
        out[i] = std::move(line);
    }
    return out;
}

template <class T>
py::dict dict_of(const T& obj);

/// Python objects of the views of `n` items, made by `view(i)`.
template <class MakeView>
py::list objects_of(std::size_t n, MakeView&& view) {
    py::list out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = py::cast(view(i), py::return_value_policy::move);
    return out;
}

/// Plain dicts of the views of `n` items (to_dict() of a list), without making their objects.
template <class MakeView>
py::list dicts_of(std::size_t n, MakeView&& view) {
    py::list out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = dict_of(view(i));
    return out;
}

const Field<MentionCandidateView> kMentionCandidateFields[] = {
    {"score", [](const MentionCandidateView& v, py::handle) -> py::object { return py::float_(v.candidate->score); },
     "Resolution score of this candidate, comparable within its mention only."},
    {"match", [](const MentionCandidateView& v, py::handle) -> py::object { return py::str(match_kind_name(v.candidate->match)); },
     "How the mention's surface matched it: 'name', 'ascii_name', 'alt_name', 'demonym', 'abbreviation'."},
};

const Field<MentionView> kMentionFields[] = {
    {"start", [](const MentionView& v, py::handle) -> py::object { return py::int_(v.mention->start); },
     "Code point offset of the mention in the text (text[start:end] is its surface)."},
    {"end", [](const MentionView& v, py::handle) -> py::object { return py::int_(v.mention->end); },
     "Code point offset just after the mention."},
    {"text", [](const MentionView& v, py::handle) -> py::object { return py::str(v.mention->text); },
     "The surface as written ('Russia' of \"Russia's\")."},
    {"sentence", [](const MentionView& v, py::handle) -> py::object { return py::str(v.mention->sentence); },
     "The sentence holding the mention (a snippet around it when long)."},
    {"sentence_start", [](const MentionView& v, py::handle) -> py::object { return py::int_(v.mention->sentence_start); },
     "Code point offset of `sentence` in the text."},
    {"place",
     [](const MentionView& v, py::handle self) -> py::object {
         return v.mention->place ? place_in(*v.mention->place, self) : py::none();
     },
     "The resolved Place, or None when the geoparser abstained.",
     [](const MentionView& v) -> py::object {
         return v.mention->place ? py::object(place_to_dict(*v.mention->place)) : py::none();
     }},
    {"confidence", [](const MentionView& v, py::handle) -> py::object { return py::float_(v.mention->confidence); },
     "In [0, 1]: recognition and resolution evidence together."},
    {"kind", [](const MentionView& v, py::handle) -> py::object { return py::str(mention_kind_name(v.mention->kind)); },
     "'literal', 'metonymy' or 'demonym'."},
    {"match", [](const MentionView& v, py::handle) -> py::object { return py::str(match_kind_name(v.mention->match)); },
     "How the surface matched the chosen (or best) candidate: 'name', 'alt_name', ..."},
    {"alternatives",
     [](const MentionView& v, py::handle) -> py::object {
         const auto& alts = v.mention->alternatives;
         return objects_of(alts.size(), [&](std::size_t i) { return MentionCandidateView{v.owner, &alts[i]}; });
     },
     "The best candidates as MentionCandidates, best first (the chosen place among them).",
     [](const MentionView& v) -> py::object {
         const auto& alts = v.mention->alternatives;
         return dicts_of(alts.size(), [&](std::size_t i) { return MentionCandidateView{v.owner, &alts[i]}; });
     }},
    {"reasons", [](const MentionView& v, py::handle) -> py::object { return py::cast(v.mention->reasons); },
     "The evidence, in words ('country named in article', ...)."},
};

const Field<ArticlePlaceView> kArticlePlaceFields[] = {
    {"count", [](const ArticlePlaceView& v, py::handle) -> py::object { return py::int_(v.place->count); },
     "Mentions resolved to this place."},
    {"first_start", [](const ArticlePlaceView& v, py::handle) -> py::object { return py::int_(v.place->first_start); },
     "Code point offset of its first mention."},
    {"max_confidence", [](const ArticlePlaceView& v, py::handle) -> py::object { return py::float_(v.place->max_confidence); },
     "Highest confidence of its mentions."},
    {"mean_confidence", [](const ArticlePlaceView& v, py::handle) -> py::object { return py::float_(v.place->mean_confidence); },
     "Mean confidence of its mentions."},
};

const Field<GeoparseResultObject> kGeoparseResultFields[] = {
    {"id", [](const GeoparseResultObject& g, py::handle) -> py::object { return py::str(g.article->id); },
     "The article's id, as given."},
    {"mentions",
     [](const GeoparseResultObject& g, py::handle) -> py::object {
         if (!g.mentions) {
             const auto& ms = g.article->mentions;
             g.mentions = objects_of(ms.size(), [&](std::size_t i) { return MentionView{g.article, &ms[i]}; });
         }
         return g.mentions;
     },
     "The place mentions as Mention objects, in text order.",
     [](const GeoparseResultObject& g) -> py::object {
         const auto& ms = g.article->mentions;
         return dicts_of(ms.size(), [&](std::size_t i) { return MentionView{g.article, &ms[i]}; });
     }},
    {"places",
     [](const GeoparseResultObject& g, py::handle) -> py::object {
         if (!g.places) {
             const auto& ps = g.article->places;
             g.places = objects_of(ps.size(), [&](std::size_t i) { return ArticlePlaceView{g.article, &ps[i]}; });
         }
         return g.places;
     },
     "The resolved places as ArticlePlace objects, in order of first mention.",
     [](const GeoparseResultObject& g) -> py::object {
         const auto& ps = g.article->places;
         return dicts_of(ps.size(), [&](std::size_t i) { return ArticlePlaceView{g.article, &ps[i]}; });
     }},
    {"unresolved", [](const GeoparseResultObject& g, py::handle) -> py::object { return py::int_(g.article->unresolved()); },
     "Mentions without a place."},
    {"language", [](const GeoparseResultObject& g, py::handle) -> py::object { return py::str(g.article->language); },
     "The language whose rules read the text: 'en', 'ru' or 'ko'."},
};

const Field<StopView> kStopFields[] = {
    {"seq", [](const StopView& v, py::handle) -> py::object { return py::int_(v.stop().seq); },
     "1-based position in the itinerary."},
    {"name", [](const StopView& v, py::handle) -> py::object { return py::str(v.stop().name); },
     "The place's name in the gazetteer."},
    {"place", [](const StopView& v, py::handle self) -> py::object { return place_in(v.stop().place, self); },
     "The resolved Place.", [](const StopView& v) -> py::object { return place_to_dict(v.stop().place); }},
    {"place_id", [](const StopView& v, py::handle) -> py::object { return py::str(v.stop().place.id); },
     "The place's stable id."},
    {"lat", [](const StopView& v, py::handle) -> py::object { return py::float_(v.stop().place.lat); },
     "Latitude, WGS84 degrees."},
    {"lon", [](const StopView& v, py::handle) -> py::object { return py::float_(v.stop().place.lon); },
     "Longitude, WGS84 degrees."},
    {"date", [](const StopView& v, py::handle) -> py::object { return none_if_empty(v.stop().date); },
     "'YYYY-MM-DD' when stated or inferable, else None."},
    {"date_inferred", [](const StopView& v, py::handle) -> py::object { return py::bool_(v.stop().date_inferred); },
     "True when the date is inferred (weekday, gathering, neighbours) rather than stated."},
    {"arrival",
     [](const StopView& v, py::handle) -> py::object {
         return v.owner->route ? none_if_empty(v.owner->route->stops[v.i].arrival) : py::none();
     },
     "Arrival date of the route, 'YYYY-MM-DD', or None."},
    {"departure",
     [](const StopView& v, py::handle) -> py::object {
         return v.owner->route ? none_if_empty(v.owner->route->stops[v.i].departure) : py::none();
     },
     "Departure date of the route, 'YYYY-MM-DD', or None."},
    {"role", [](const StopView& v, py::handle) -> py::object { return py::str(stop_role_name(v.stop().role)); },
     "'origin', 'visit', 'planned' or 'return'."},
    {"placed_by", [](const StopView& v, py::handle) -> py::object { return py::str(placement_name(v.stop().placed_by)); },
     "What put the stop at its place in the sequence: 'date', 'cue' or 'text order'."},
    {"evidence", [](const StopView& v, py::handle) -> py::object { return evidence_dict(v.stop().evidence); },
     "Where the article says so: {'sentence', 'sentence_start', 'start', 'end', 'cue', 'role'}."},
    {"events", [](const StopView& v, py::handle) -> py::object { return py::int_(v.stop().events); },
     "Motion events merged into this stop."},
};

const Field<LegView> kLegFields[] = {
    {"seq", [](const LegView& v, py::handle) -> py::object { return py::int_(v.i + 1); }, "1-based position."},
    {"from", [](const LegView& v, py::handle) -> py::object { return py::int_(v.leg().from + 1); },
     "seq of the stop it starts from."},
    {"to", [](const LegView& v, py::handle) -> py::object { return py::int_(v.leg().to + 1); },
     "seq of the stop it ends at."},
    {"mode", [](const LegView& v, py::handle) -> py::object { return none_if_empty(v.leg().mode); },
     "The stated mode (one of leg_modes()), or None."},
    {"distance_km", [](const LegView& v, py::handle) -> py::object { return py::float_(v.leg().distance_km); },
     "Geodesic length on the WGS84 ellipsoid, km."},
    {"date",
     [](const LegView& v, py::handle) -> py::object {
         const Leg* l = v.route_leg();
         return l ? none_if_empty(l->date) : py::none();
     },
     "Date of travel, 'YYYY-MM-DD', or None."},
    {"bearing_deg",
     [](const LegView& v, py::handle) -> py::object {
         const Leg* l = v.route_leg();
         return l && l->initial_bearing_deg ? py::object(py::float_(*l->initial_bearing_deg)) : py::none();
     },
     "Initial bearing, degrees clockwise from north, or None."},
    {"parts",
     [](const LegView& v, py::handle) -> py::object {
         const Leg* l = v.route_leg();
         return l ? parts_list(l->parts) : py::list();
     },
     "The densified geodesic as lists of (lon, lat), one per side of the antimeridian."},
};

const Field<PlaceNoteView> kPlaceNoteFields[] = {
    {"name", [](const PlaceNoteView& v, py::handle) -> py::object { return py::str(v.note().name); },
     "The place's name in the gazetteer."},
    {"place", [](const PlaceNoteView& v, py::handle self) -> py::object { return place_in(v.note().place, self); },
     "The resolved Place.", [](const PlaceNoteView& v) -> py::object { return place_to_dict(v.note().place); }},
    {"place_id", [](const PlaceNoteView& v, py::handle) -> py::object { return py::str(v.note().place.id); },
     "The place's stable id."},
    {"lat", [](const PlaceNoteView& v, py::handle) -> py::object { return py::float_(v.note().place.lat); },
     "Latitude, WGS84 degrees."},
    {"lon", [](const PlaceNoteView& v, py::handle) -> py::object { return py::float_(v.note().place.lon); },
     "Longitude, WGS84 degrees."},
    {"role", [](const PlaceNoteView& v, py::handle) -> py::object { return py::str(mention_role_name(v.note().role)); },
     "What the mention is to the traveller ('arrival', 'other traveller', 'topic', ...)."},
    {"merged_into", [](const PlaceNoteView& v, py::handle) -> py::object { return none_if_empty(v.note().merged_into); },
     "The stop it joined, or None when it is no stop at all."},
    {"reason", [](const PlaceNoteView& v, py::handle) -> py::object { return py::str(v.note().reason); },
     "Why, in words."},
    {"evidence", [](const PlaceNoteView& v, py::handle) -> py::object { return evidence_dict(v.note().evidence); },
     "Where the article says so: {'sentence', 'sentence_start', 'start', 'end', 'cue', 'role'}."},
};

const Field<ItineraryObject> kItineraryFields[] = {
    {"traveller", [](const ItineraryObject& o, py::handle) -> py::object { return py::str(o.data->itinerary.traveller); },
     "Who travels, '' when the article never names them."},
    {"stops",
     [](const ItineraryObject& o, py::handle) -> py::object {
         if (!o.stops)
             o.stops = objects_of(o.data->itinerary.stops.size(), [&](std::size_t i) { return StopView{o.data, i}; });
         return o.stops;
     },
     "The stops as ItineraryStop objects, in travel order.",
     [](const ItineraryObject& o) -> py::object {
         return dicts_of(o.data->itinerary.stops.size(), [&](std::size_t i) { return StopView{o.data, i}; });
     }},
    {"legs",
     [](const ItineraryObject& o, py::handle) -> py::object {
         if (!o.legs)
             o.legs = objects_of(o.data->itinerary.legs.size(), [&](std::size_t i) { return LegView{o.data, i}; });
         return o.legs;
     },
     "The legs as ItineraryLeg objects; legs[i] goes from stops[i] to stops[i + 1].",
     [](const ItineraryObject& o) -> py::object {
         return dicts_of(o.data->itinerary.legs.size(), [&](std::size_t i) { return LegView{o.data, i}; });
     }},
    {"notes", [](const ItineraryObject& o, py::handle) -> py::object { return py::cast(o.data->itinerary.notes); },
     "Reasons for left-out places and guesses, in words."},
    {"place_notes",
     [](const ItineraryObject& o, py::handle) -> py::object {
         if (!o.place_notes)
             o.place_notes =
                 objects_of(o.data->itinerary.place_notes.size(), [&](std::size_t i) { return PlaceNoteView{o.data, i}; });
         return o.place_notes;
     },
     "Place mentions that are no stop of their own, as PlaceNote objects, in text order.",
     [](const ItineraryObject& o) -> py::object {
         return dicts_of(o.data->itinerary.place_notes.size(), [&](std::size_t i) { return PlaceNoteView{o.data, i}; });
     }},
};

// ---------------------------------------------------------------------------------------------
// What each class is made of: its Python name, its field table and, for the classes that are a
// place with more fields (as Candidate is), the place whose fields come first.

template <class T>
struct Spec;

template <>
struct Spec<MentionView> {
    static constexpr const char* kName = "Mention";
    static constexpr std::span<const Field<MentionView>> kFields = kMentionFields;
};

template <>
struct Spec<MentionCandidateView> {
    static constexpr const char* kName = "MentionCandidate";
    static constexpr std::span<const Field<MentionCandidateView>> kFields = kMentionCandidateFields;
    static const Place& place(const MentionCandidateView& v) { return v.candidate->place; }
};

template <>
struct Spec<ArticlePlaceView> {
    static constexpr const char* kName = "ArticlePlace";
    static constexpr std::span<const Field<ArticlePlaceView>> kFields = kArticlePlaceFields;
    static const Place& place(const ArticlePlaceView& v) { return v.place->place; }
};

template <>
struct Spec<GeoparseResultObject> {
    static constexpr const char* kName = "GeoparseResult";
    static constexpr std::span<const Field<GeoparseResultObject>> kFields = kGeoparseResultFields;
};

template <>
struct Spec<StopView> {
    static constexpr const char* kName = "ItineraryStop";
    static constexpr std::span<const Field<StopView>> kFields = kStopFields;
};

template <>
struct Spec<LegView> {
    static constexpr const char* kName = "ItineraryLeg";
    static constexpr std::span<const Field<LegView>> kFields = kLegFields;
};

template <>
struct Spec<PlaceNoteView> {
    static constexpr const char* kName = "PlaceNote";
    static constexpr std::span<const Field<PlaceNoteView>> kFields = kPlaceNoteFields;
};

template <>
struct Spec<ItineraryObject> {
    static constexpr const char* kName = "Itinerary";
    static constexpr std::span<const Field<ItineraryObject>> kFields = kItineraryFields;
};

template <class T>
concept IsPlace = requires(const T& obj) { { Spec<T>::place(obj) } -> std::same_as<const Place&>; };

// The fields of `obj` in order, as f(name, value(self), plain()): value() reads the property,
// plain() the value to_dict() holds.
template <class T, class F>
void each_field(const T& obj, F&& f) {
    if constexpr (IsPlace<T>) {
        const Place& p = Spec<T>::place(obj);
        for (const PlaceField& field : place_fields()) {
            if (field.present && !field.present(p)) continue;
            auto read = [&] { return field.get(p); };
            f(field.name, [&](py::handle) { return read(); }, read);
        }
    }
    for (const Field<T>& field : Spec<T>::kFields) {
        f(field.name, [&](py::handle self) { return field.get(obj, self); },
          [&] { return field.plain ? field.plain(obj) : field.get(obj, py::handle()); });
    }
}

template <class T>
py::dict dict_of(const T& obj) {
    py::dict out;
    each_field(obj, [&](const char* name, auto, auto plain) { out[name] = plain(); });
    return out;
}

template <class T>
py::object value_of(const T& obj, py::handle self, std::string_view key) {
    py::object out;
    each_field(obj, [&](const char* name, auto value, auto) {
        if (!out && key == name) out = value(self);
    });
    return out;  // null when there is no such field
}

template <class T>
py::list keys_of(const T& obj) {
    py::list out;
    each_field(obj, [&](const char* name, auto, auto) { out.append(py::str(name)); });
    return out;
}

/// Registers the class of T: a read-only property per field, the mapping view of the dicts it
/// replaced, to_dict() and equality by value (with its kind or a dict, so unhashable).
template <class T>
py::class_<T> bind_result(py::module_& m, const char* doc) {
    py::class_<T> cls(m, Spec<T>::kName, doc);
    if constexpr (IsPlace<T>) {
        cls.def_property_readonly("place", [](const T& obj) -> const Place& { return Spec<T>::place(obj); },
                                  py::return_value_policy::reference_internal, "The place itself, as a Place.");
        for (const PlaceField& field : place_fields())
            cls.def_property_readonly(field.name, [get = field.get](const T& obj) { return get(Spec<T>::place(obj)); },
                                      field.doc);
    }
    for (const Field<T>& field : Spec<T>::kFields) {
        cls.def_property_readonly(
            field.name, py::cpp_function([get = field.get](py::handle self) { return get(self.cast<const T&>(), self); },
                                         py::is_method(cls)),
            field.doc);
    }
    cls.def("__getitem__", [](py::handle self, std::string_view key) {
           py::object v = value_of(self.cast<const T&>(), self, key);
           if (!v) throw py::key_error(std::string(key));
           return v;
       }, py::arg("key"), "The field `key`, as the dict this object replaced had it; KeyError for no such field.")
        .def("get", [](py::handle self, std::string_view key, py::object fallback) {
            py::object v = value_of(self.cast<const T&>(), self, key);
            return v ? v : fallback;
        }, py::arg("key"), py::arg("default") = py::none(), "The field `key`, or `default` when there is none.")
        .def("__contains__", [](const T& obj, const py::handle& key) {
            if (!py::isinstance<py::str>(key)) return false;
            bool found = false;
            auto k = key.cast<std::string_view>();
            each_field(obj, [&](const char* name, auto, auto) { found = found || k == name; });
            return found;
        })
        .def("keys", [](const T& obj) { return keys_of(obj); }, "The field names, in order.")
        .def("__iter__", [](const T& obj) { return py::iter(keys_of(obj)); })
        .def("to_dict", [](const T& obj) { return dict_of(obj); },
             "Every field as a plain dict (nested results as dicts and lists too), e.g. for json.dumps.")
        .def("__eq__", [](const T& obj, const py::object& other) -> py::object {
            if (py::isinstance<T>(other)) return py::bool_(dict_of(obj).equal(dict_of(other.cast<const T&>())));
            if (py::isinstance<py::dict>(other)) return py::bool_(dict_of(obj).equal(other));
            return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        });
    return cls;
}

}  // namespace

void bind_results(py::module_& m) {
    bind_result<MentionCandidateView>(m,
        "A candidate place of a Mention with its resolution score: the place's fields (place_id,\n"
        "name, lat, lon, ...), then score and match. Read-only; also a mapping, and to_dict().")
        .def("__repr__", [](const MentionCandidateView& v) {
            return py::str("MentionCandidate(place_id={!r}, name={!r}, score={!r})")
                .format(v.candidate->place.id, v.candidate->place.name, v.candidate->score)
                .cast<std::string>();
        });
    bind_result<MentionView>(m,
        "One place mention of a GeoparseResult: offsets (code points), surface, sentence, the resolved\n"
        "Place or None, confidence, kind, alternatives and reasons. Read-only; reads as the dict of\n"
        "earlier versions too (m['place'], get(), keys(), to_dict()).")
        .def("__repr__", [](const MentionView& v) {
            return py::str("Mention(start={!r}, end={!r}, text={!r}, place_id={!r})")
                .format(v.mention->start, v.mention->end, v.mention->text,
                        v.mention->place ? py::object(py::str(v.mention->place->id)) : py::object(py::none()))
                .cast<std::string>();
        });
    bind_result<ArticlePlaceView>(m,
        "A resolved place of a GeoparseResult with its tally over the article: the place's fields,\n"
        "then count, first_start, max_confidence and mean_confidence. Read-only; also a mapping.")
        .def("__repr__", [](const ArticlePlaceView& v) {
            return py::str("ArticlePlace(place_id={!r}, name={!r}, count={!r})")
                .format(v.place->place.id, v.place->place.name, v.place->count)
                .cast<std::string>();
        });
    bind_result<GeoparseResultObject>(m,
        "The geoparse of one article: id, mentions (Mention objects), places (ArticlePlace objects),\n"
        "unresolved and language. Read-only; also a mapping, and to_dict() for nested plain dicts.")
        .def("__repr__", [](const GeoparseResultObject& g) {
            return py::str("GeoparseResult(id={!r}, mentions=<{}>, places=<{}>)")
                .format(g.article->id, g.article->mentions.size(), g.article->places.size())
                .cast<std::string>();
        });
    bind_result<StopView>(m,
        "One stop of an Itinerary: seq, name, the Place, date, arrival and departure, role, how it was\n"
        "placed and the evidence. Read-only; also a mapping, and to_dict().")
        .def("__repr__", [](const StopView& v) {
            return py::str("ItineraryStop(seq={!r}, name={!r}, date={!r})")
                .format(v.stop().seq, v.stop().name, v.stop().date)
                .cast<std::string>();
        });
    bind_result<LegView>(m,
        "A leg of an Itinerary between consecutive stops: seq, from and to (stop seqs), mode, date,\n"
        "distance, bearing and the geodesic's parts. Read-only; also a mapping, and to_dict().")
        .def("__repr__", [](const LegView& v) {
            return py::str("ItineraryLeg(seq={!r}, from={!r}, to={!r}, mode={!r}, distance_km={!r})")
                .format(v.i + 1, v.leg().from + 1, v.leg().to + 1, v.leg().mode, v.leg().distance_km)
                .cast<std::string>();
        });
    bind_result<PlaceNoteView>(m,
        "A place mention of an Itinerary that is no stop of its own, with its role and the reason.\n"
        "Read-only; also a mapping, and to_dict().")
        .def("__repr__", [](const PlaceNoteView& v) {
            return py::str("PlaceNote(name={!r}, role={!r})")
                .format(v.note().name, mention_role_name(v.note().role))
                .cast<std::string>();
        });
    bind_result<ItineraryObject>(m,
        "The travel itinerary of an article: traveller, stops (ItineraryStop), legs (ItineraryLeg),\n"
        "notes and place_notes (PlaceNote). Read-only; also a mapping, and to_dict().")
        .def("__repr__", [](const ItineraryObject& o) {
            return py::str("Itinerary(traveller={!r}, stops=<{}>)")
                .format(o.data->itinerary.traveller, o.data->itinerary.stops.size())
                .cast<std::string>();
        });
}

py::object geoparse_result_object(ArticleResult&& result) {
    GeoparseResultObject g;
    g.article = std::make_shared<const ArticleResult>(std::move(result));
    return py::cast(std::move(g), py::return_value_policy::move);
}

py::object itinerary_object(Itinerary&& itinerary, std::optional<Route>&& route) {
    ItineraryObject o;
    o.data = std::make_shared<const ItineraryData>(ItineraryData{std::move(itinerary), std::move(route)});
    return py::cast(std::move(o), py::return_value_policy::move);
}

}  // namespace gazetteer::python
