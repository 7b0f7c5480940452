// Geoparse and itinerary results for Python (see results.hpp).
//
// The engine's ArticleResult (or Itinerary) is moved once into a shared, const C++ object; a
// Mention, ItineraryStop, ... is a pointer into it plus that shared ownership, so handing out
// 10,000 mentions copies no strings. What an object holds is the engine's JSON of it: a Spec per
// class says which writer gives it, and which of its keys hold lists of sub-results (handed out
// as objects). The attribute names are the keys of a sample's JSON, read when the class is bound.

#include "results.hpp"

#include <gazetteer/schemas.hpp>

#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace py = pybind11;

namespace gazetteer::python {
namespace {

// ---------------------------------------------------------------------------------------------
// The shared results and the views into them

using ArticlePtr = std::shared_ptr<const ArticleResult>;
using ItineraryPtr = std::shared_ptr<const Itinerary>;

/// What every view keeps once read: the dict of its JSON (or of its shell, see Spec::shell),
/// and the objects of its lists of sub-results by key.
struct Cache {
    mutable py::object dict;
    mutable py::object lists;  // a dict, made when the first list is read
};

struct MentionView : Cache {
    ArticlePtr owner;
    const Mention* mention = nullptr;
};

struct AlternativeView : Cache {
    ArticlePtr owner;
    const MentionCandidate* candidate = nullptr;
};

struct ArticlePlaceView : Cache {
    ArticlePtr owner;
    const ArticlePlace* place = nullptr;
};

struct GeoparseResultObject : Cache {
    ArticlePtr article;
};

struct StopView : Cache {
    ItineraryPtr owner;
    std::size_t i = 0;
};

struct LegView : Cache {
    ItineraryPtr owner;
    std::size_t i = 0;
};

struct PlaceNoteView : Cache {
    ItineraryPtr owner;
    std::size_t i = 0;
};

struct ItineraryObject : Cache {
    ItineraryPtr itinerary;
};

/// json.loads, looked up once (kept for the life of the process, as the module itself is).
py::object json_loads(const std::string& text) {
    static py::object* loads = new py::object(py::module_::import("json").attr("loads"));
    return (*loads)(py::str(text));
}

/// Python objects of the views of `n` items, made by `view(i)`.
template <class MakeView>
py::list objects_of(std::size_t n, MakeView&& view) {
    py::list out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = py::cast(view(i), py::return_value_policy::move);
    return out;
}

// ---------------------------------------------------------------------------------------------
// What each class is: its Python name, the engine writer of its JSON, the writer of its shell
// (the JSON with its lists empty, for the objects whose lists are large: reading an article's
// id should not write its 10,000 mentions), its lists of sub-results, and a sample to read the
// keys from when the class is bound.

template <class T>
struct Spec;

template <>
struct Spec<AlternativeView> {
    static constexpr const char* kName = "MentionCandidate";
    static std::string json(const AlternativeView& v) {
        std::string out;
        append_json_alternative(out, *v.candidate);
        return out;
    }
    static std::string shell(const AlternativeView& v) { return json(v); }
    static py::object list(const AlternativeView&, std::string_view) { return {}; }
    static AlternativeView sample() {
        auto r = std::make_shared<ArticleResult>();
        r->mentions.emplace_back().alternatives.emplace_back();
        AlternativeView v;
        v.owner = r;
        v.candidate = &r->mentions[0].alternatives[0];
        return v;
    }
};

template <>
struct Spec<MentionView> {
    static constexpr const char* kName = "Mention";
    static std::string json(const MentionView& v) {
        std::string out;
        append_json_mention(out, *v.mention);
        return out;
    }
    // Its alternatives are objects of their own: the shell leaves them out (it is read for the
    // other fields, e.g. by the panel for every mention).
    static std::string shell(const MentionView& v) {
        std::string out;
        append_json_mention(out, *v.mention, false);
        return out;
    }
    static py::object list(const MentionView& v, std::string_view key) {
        if (key != "alternatives") return {};
        const auto& alts = v.mention->alternatives;
        return objects_of(alts.size(), [&](std::size_t i) {
            AlternativeView a;
            a.owner = v.owner;
            a.candidate = &alts[i];
            return a;
        });
    }
    static MentionView sample() {
        auto r = std::make_shared<ArticleResult>();
        r->mentions.emplace_back();
        MentionView v;
        v.owner = r;
        v.mention = &r->mentions[0];
        return v;
    }
};

template <>
struct Spec<ArticlePlaceView> {
    static constexpr const char* kName = "ArticlePlace";
    static std::string json(const ArticlePlaceView& v) {
        std::string out;
        append_json_article_place(out, *v.place);
        return out;
    }
    static std::string shell(const ArticlePlaceView& v) { return json(v); }
    static py::object list(const ArticlePlaceView&, std::string_view) { return {}; }
    static ArticlePlaceView sample() {
        auto r = std::make_shared<ArticleResult>();
        r->places.emplace_back();
        ArticlePlaceView v;
        v.owner = r;
        v.place = &r->places[0];
        return v;
    }
};

template <>
struct Spec<GeoparseResultObject> {
    static constexpr const char* kName = "GeoparseResult";
    static std::string json(const GeoparseResultObject& g) {
        std::string out;
        append_json_line(out, *g.article);
        return out;
    }
    static std::string shell(const GeoparseResultObject& g) {
        std::string out;
        append_json_open(out, g.article->id);
        append_json_close(out, {});
        return out;
    }
    static py::object list(const GeoparseResultObject& g, std::string_view key) {
        const ArticlePtr& a = g.article;
        if (key == "mentions") {
            return objects_of(a->mentions.size(), [&](std::size_t i) {
                MentionView v;
                v.owner = a;
                v.mention = &a->mentions[i];
                return v;
            });
        }
        if (key == "places") {
            return objects_of(a->places.size(), [&](std::size_t i) {
                ArticlePlaceView v;
                v.owner = a;
                v.place = &a->places[i];
                return v;
            });
        }
        return {};
    }
    static GeoparseResultObject sample() {
        GeoparseResultObject g;
        g.article = std::make_shared<ArticleResult>();
        return g;
    }
};

/// An itinerary with two stops, a leg and a place note, all default: the sample of its classes.
ItineraryPtr sample_itinerary() {
    auto it = std::make_shared<Itinerary>();
    it->stops.resize(2);
    it->legs.push_back(ItineraryLeg{0, 1, "", 0});
    it->place_notes.emplace_back();
    return it;
}

/// A stop, leg or place note: the engine's JSON of item `i` of its itinerary (`Write`).
template <class View, std::string (*Write)(const Itinerary&, std::size_t)>
struct ItineraryItemSpec {
    static std::string json(const View& v) { return Write(*v.owner, v.i); }
    static std::string shell(const View& v) { return json(v); }
    static py::object list(const View&, std::string_view) { return {}; }
    static View sample() {
        View v;
        v.owner = sample_itinerary();
        return v;
    }
};

template <>
struct Spec<StopView> : ItineraryItemSpec<StopView, itinerary_stop_json> {
    static constexpr const char* kName = "ItineraryStop";
};

template <>
struct Spec<LegView> : ItineraryItemSpec<LegView, itinerary_leg_json> {
    static constexpr const char* kName = "ItineraryLeg";
};

template <>
struct Spec<PlaceNoteView> : ItineraryItemSpec<PlaceNoteView, itinerary_place_note_json> {
    static constexpr const char* kName = "PlaceNote";
};

template <>
struct Spec<ItineraryObject> {
    static constexpr const char* kName = "Itinerary";
    static std::string json(const ItineraryObject& o) { return itinerary_json(*o.itinerary, -1); }
    static std::string shell(const ItineraryObject& o) {
        Itinerary shell;
        shell.traveller = o.itinerary->traveller;
        shell.notes = o.itinerary->notes;
        return itinerary_json(shell, -1);
    }
    static py::object list(const ItineraryObject& o, std::string_view key) {
        const ItineraryPtr& it = o.itinerary;
        auto views = [&](auto view, std::size_t n) {
            return objects_of(n, [&](std::size_t i) {
                decltype(view) v;
                v.owner = it;
                v.i = i;
                return v;
            });
        };
        if (key == "stops") return views(StopView{}, it->stops.size());
        if (key == "legs") return views(LegView{}, it->legs.size());
        if (key == "place_notes") return views(PlaceNoteView{}, it->place_notes.size());
        return {};
    }
    static ItineraryObject sample() {
        ItineraryObject o;
        o.itinerary = sample_itinerary();
        return o;
    }
};

// ---------------------------------------------------------------------------------------------
// Reading fields

template <class T>
py::dict shell_dict(const T& obj) {
    if (!obj.dict) obj.dict = json_loads(Spec<T>::shell(obj));
    return obj.dict;
}

/// The field `key` of `obj`: the objects of a list of sub-results (made once), else the value
/// of the JSON; a null object when there is no such key.
template <class T>
py::object field_of(const T& obj, std::string_view key) {
    py::str k(key.data(), key.size());
    if (obj.lists && PyDict_Contains(obj.lists.ptr(), k.ptr()) == 1) return obj.lists[k];
    if (py::object list = Spec<T>::list(obj, key)) {
        if (!obj.lists) obj.lists = py::dict();
        obj.lists[k] = list;
        return list;
    }
    py::dict d = shell_dict(obj);
    if (!d.contains(k)) return {};
    return d[k];
}

template <class T>
py::dict to_dict(const T& obj) {
    return json_loads(Spec<T>::json(obj));
}

/// Registers the class of T: a read-only attribute per key of the engine's JSON (in its order),
/// the read-only mapping view, to_json(), to_dict() and equality by value (with its kind or a
/// dict, so unhashable).
template <class T>
py::class_<T> bind_result(py::module_& m, const char* doc) {
    py::class_<T> cls(m, Spec<T>::kName, doc);
    py::dict keys = json_loads(Spec<T>::shell(Spec<T>::sample()));
    for (auto item : keys) {
        auto name = item.first.cast<std::string>();
        cls.def_property_readonly(
            name.c_str(), py::cpp_function([name](const T& obj) { return field_of(obj, name); }, py::is_method(cls)),
            ("The engine's \"" + name + "\" (the key of the CLI's JSON).").c_str());
    }
    cls.def("__getitem__", [](const T& obj, std::string_view key) {
           py::object v = field_of(obj, key);
           if (!v) throw py::key_error(std::string(key));
           return v;
       }, py::arg("key"), "The field `key` of the engine's JSON; KeyError for no such field.")
        .def("get", [](const T& obj, std::string_view key, py::object fallback) {
            py::object v = field_of(obj, key);
            return v ? v : fallback;
        }, py::arg("key"), py::arg("default") = py::none(), "The field `key`, or `default` when there is none.")
        .def("__contains__", [](const T& obj, const py::handle& key) { return shell_dict(obj).contains(key); })
        .def("keys", [](const T& obj) { return py::list(shell_dict(obj).attr("keys")()); },
             "The field names, in the order of the engine's JSON.")
        .def("__iter__", [](const T& obj) { return py::iter(shell_dict(obj)); })
        .def("__len__", [](const T& obj) { return py::len(shell_dict(obj)); })
        .def("to_json", [](const T& obj) { return Spec<T>::json(obj); },
             "The engine's JSON of this object (compact), as the CLI writes it.")
        .def("to_dict", [](const T& obj) { return to_dict(obj); },
             "The engine's JSON of this object as plain dicts and lists (json.loads of to_json()).")
        .def("__eq__", [](const T& obj, const py::object& other) -> py::object {
            if (py::isinstance<T>(other)) return py::bool_(Spec<T>::json(obj) == Spec<T>::json(other.cast<const T&>()));
            if (py::isinstance<py::dict>(other)) return py::bool_(to_dict(obj).equal(other));
            return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        });
    cls.attr("__hash__") = py::none();
    return cls;
}

py::object field_value(const FieldValue& v) {
    return std::visit([](const auto& x) -> py::object {
        using X = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<X, std::monostate>) return py::none();
        else return py::cast(x);
    }, v);
}

py::list layers_list(const std::vector<Layer>& layers) {
    py::list out;
    for (const Layer& l : layers) out.append(layer_dict(l, true));
    return out;
}

}  // namespace

py::dict layer_dict(const Layer& layer, bool with_features) {
    py::list fields;
    for (const auto& f : layer.fields) fields.append(py::make_tuple(f.name, field_type_name(f.type), f.precision));
    py::dict d;
    d["name"] = layer.name;
    d["geometry"] = geometry_type_name(layer.geometry_type);
    d["fields"] = fields;
    if (with_features) {
        py::list features(layer.features.size());
        for (std::size_t i = 0; i < layer.features.size(); ++i) {
            const Feature& f = layer.features[i];
            py::list values(f.values.size());
            for (std::size_t j = 0; j < f.values.size(); ++j) values[j] = field_value(f.values[j]);
            py::list parts(f.parts.size());
            for (std::size_t j = 0; j < f.parts.size(); ++j) {
                py::list line(f.parts[j].size());
                for (std::size_t k = 0; k < f.parts[j].size(); ++k) line[k] = py::make_tuple(f.parts[j][k].lon, f.parts[j][k].lat);
                parts[j] = std::move(line);
            }
            features[i] = py::make_tuple(std::move(values), std::move(parts));
        }
        d["features"] = features;
    }
    return d;
}

void bind_results(py::module_& m) {
    bind_result<AlternativeView>(m,
        "A candidate place of a Mention: an element of the mention's \"alternatives\" in the CLI's JSON\n"
        "(place_id, name, country, feature_code, lat, lon, score). Read-only; also a mapping.")
        .def("__repr__", [](const AlternativeView& v) {
            return py::str("MentionCandidate(place_id={!r}, name={!r}, score={!r})")
                .format(v.candidate->place.id, v.candidate->place.name, v.candidate->score)
                .cast<std::string>();
        });
    bind_result<MentionView>(m,
        "One place mention of a GeoparseResult, as the CLI's JSON Lines writes it: offsets (code\n"
        "points), text, the place's place_id, name, country, feature_code, lat, lon (None when the\n"
        "geoparser abstained), confidence, kind, match, sentence, alternatives and reasons.")
        .def("__repr__", [](const MentionView& v) {
            return py::str("Mention(start={!r}, end={!r}, text={!r}, place_id={!r})")
                .format(v.mention->start, v.mention->end, v.mention->text,
                        v.mention->place ? py::object(py::str(v.mention->place->id)) : py::object(py::none()))
                .cast<std::string>();
        });
    bind_result<ArticlePlaceView>(m,
        "A resolved place of a GeoparseResult with its tally over the article, as the CLI's JSON Lines\n"
        "writes it. Read-only; also a mapping.")
        .def("__repr__", [](const ArticlePlaceView& v) {
            return py::str("ArticlePlace(place_id={!r}, name={!r}, count={!r})")
                .format(v.place->place.id, v.place->place.name, v.place->count)
                .cast<std::string>();
        });
    bind_result<GeoparseResultObject>(m,
        "The geoparse of one article: the record `gazetteer geoparse` writes as a JSON line (id, mentions\n"
        "as Mention objects, places as ArticlePlace objects). Read-only; also a mapping.")
        .def("__repr__", [](const GeoparseResultObject& g) {
            return py::str("GeoparseResult(id={!r}, mentions=<{}>, places=<{}>)")
                .format(g.article->id, g.article->mentions.size(), g.article->places.size())
                .cast<std::string>();
        })
        .def("layers", [](const GeoparseResultObject& g, const std::string& gazetteer_version) {
            GeoparseLayers layers(gazetteer_version);
            layers.add(*g.article);
            return layers_list(layers.take());
        }, py::arg("gazetteer_version") = "",
           "The engine's layers of this result, as `gazetteer geoparse --format gpkg` writes them: the\n"
           "layer_schemas('geoparse') dicts with 'features': [(values in field order, parts)].");
    bind_result<StopView>(m,
        "One stop of an Itinerary, as `gazetteer itinerary` writes it in JSON. Read-only; also a mapping.")
        .def("__repr__", [](const StopView& v) {
            const ItineraryStop& s = v.owner->stops[v.i];
            return py::str("ItineraryStop(seq={!r}, name={!r}, date={!r})").format(s.seq, s.name, s.date).cast<std::string>();
        });
    bind_result<LegView>(m,
        "A leg of an Itinerary, as `gazetteer itinerary` writes it in JSON (from and to are stop names,\n"
        "from_seq and to_seq their seq). Read-only; also a mapping. Geometry: Itinerary.layers().")
        .def("__repr__", [](const LegView& v) {
            const ItineraryLeg& l = v.owner->legs[v.i];
            return py::str("ItineraryLeg(from_seq={!r}, to_seq={!r}, mode={!r}, distance_km={!r})")
                .format(l.from + 1, l.to + 1, l.mode, l.distance_km)
                .cast<std::string>();
        });
    bind_result<PlaceNoteView>(m,
        "A place mention of an Itinerary that is no stop of its own, with its role and the reason, as\n"
        "`gazetteer itinerary` writes it in JSON. Read-only; also a mapping.")
        .def("__repr__", [](const PlaceNoteView& v) {
            const ItineraryNote& n = v.owner->place_notes[v.i];
            return py::str("PlaceNote(name={!r}, role={!r})").format(n.name, mention_role_name(n.role)).cast<std::string>();
        });
    bind_result<ItineraryObject>(m,
        "The travel itinerary of an article, as `gazetteer itinerary` writes it in JSON: traveller, stops\n"
        "(ItineraryStop), legs (ItineraryLeg), notes and place_notes (PlaceNote). Read-only; also a mapping.")
        .def("__repr__", [](const ItineraryObject& o) {
            return py::str("Itinerary(traveller={!r}, stops=<{}>)")
                .format(o.itinerary->traveller, o.itinerary->stops.size())
                .cast<std::string>();
        })
        .def("layers", [](const ItineraryObject& o) {
            std::vector<Layer> layers;
            {
                py::gil_scoped_release release;
                layers = itinerary_layers(*o.itinerary);
            }
            return layers_list(layers);
        },
           "The engine's layers of this itinerary, as `gazetteer itinerary --format gpkg` writes them\n"
           "(stops, legs, route, place_notes): the layer_schemas('itinerary') dicts with 'features':\n"
           "[(values in field order, parts)]. ValueError for fewer than two stops.");
}

py::object geoparse_result_object(ArticleResult&& result) {
    GeoparseResultObject g;
    g.article = std::make_shared<const ArticleResult>(std::move(result));
    return py::cast(std::move(g), py::return_value_policy::move);
}

py::object itinerary_object(Itinerary&& itinerary) {
    ItineraryObject o;
    o.itinerary = std::make_shared<const Itinerary>(std::move(itinerary));
    return py::cast(std::move(o), py::return_value_policy::move);
}

}  // namespace gazetteer::python
