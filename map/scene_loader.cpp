#include "scene_loader.hpp"

#include <gazetteer/articles.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/index.hpp>
#include <gazetteer/route.hpp>
#include <gazetteer/text.hpp>

#include <gazetteer/geoparse.hpp>
#include <gazetteer/itinerary.hpp>
#include <gazetteer/place.hpp>

#include <gdal.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>

namespace gazetteer::map {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string read_text_file(const std::string& path) {
    std::string text = read_source_bytes(path, "the article");
    check_text(text, path);  // the engine's gate: a binary file is refused by name
    return text;
}


void add_sentence(std::vector<std::string>& sentences, const std::string& sentence) {
    if (!sentence.empty() && std::find(sentences.begin(), sentences.end(), sentence) == sentences.end()) {
        sentences.push_back(sentence);
    }
}

}  // namespace

ScenePlace scene_place(const Place& place, std::size_t mentions, std::size_t layer) {
    ScenePlace p;
    p.id = place.id;
    p.name = place.name;
    p.country = place.country;
    p.feature_code = place.feature_code;
    p.feature_class = place.feature_class;
    p.lon = place.lon;
    p.lat = place.lat;
    p.mentions = mentions;
    p.layer = layer;
    return p;
}

InputKind classify_input(const std::string& path) {
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    return ext == ".txt" || ext == ".text" || ext == ".md" ? InputKind::Article : InputKind::Layer;
}


SceneLoader::SceneLoader(std::string index_path) : m_index_path(std::move(index_path)) {
    if (m_index_path.empty()) m_index_path = default_index_path();
}

SceneLoader::~SceneLoader() = default;

const Index& SceneLoader::index() {
    if (!m_index) m_index = std::make_unique<Index>(Index::open(m_index_path));
    return *m_index;
}

void SceneLoader::load(const std::string& path, Scene& scene) {
    if (classify_input(path) == InputKind::Article) load_article(path, scene);
    else load_layer(path, scene);
}

namespace {
void add_itinerary(const ArticleResult& parsed, std::string_view text, Scene& scene, std::size_t layer);
}  // namespace

void SceneLoader::load_article(const std::string& path, Scene& scene) {
    const std::string text = read_text_file(path);
    const Index& idx = index();
    const Geoparser parser(idx);
    const std::string name = std::filesystem::path(path).filename().string();
    const ArticleResult parsed = parser.parse(name, text);

    const std::size_t layer = scene.add_layer(name, path, true);
    scene.article_path = path;
    scene.article_text = text;
    std::map<std::string, std::size_t> by_id;
    for (const ArticlePlace& ap : parsed.places) {
        ScenePlace p = scene_place(ap.place, ap.count, layer);
        p.confidence = ap.max_confidence;
        by_id[p.id] = scene.places.size();
        scene.places.push_back(std::move(p));
    }
    for (const Mention& m : parsed.mentions) {
        if (!m.place) continue;
        auto it = by_id.find(m.place->id);
        if (it == by_id.end()) continue;
        ScenePlace& p = scene.places[it->second];
        p.mention_spans.push_back({m.byte_start, m.byte_end, m.confidence});
        add_sentence(p.sentences, m.sentence);
    }
    add_itinerary(parsed, text, scene, layer);
    if (scene.title.empty()) scene.title = std::filesystem::path(path).stem().string();
}

namespace {
// Stops and legs of the article's itinerary. Stops that are article places get their order
// number; others (a stop the geoparser resolved elsewhere) are added as places. An article
// without a journey (fewer than two stops) simply has no route.
void add_itinerary(const ArticleResult& parsed, std::string_view text, Scene& scene, std::size_t layer) {
    const Itinerary it = extract_itinerary(parsed, text);
    if (it.stops.size() < 2) return;
    const Route route = itinerary_route(it);
    for (const ItineraryStop& s : it.stops) {
        auto found = std::find_if(scene.places.begin(), scene.places.end(), [&](const ScenePlace& p) {
            return p.layer == layer && p.id == s.place.id && p.stop_seq == 0;
        });
        if (found == scene.places.end()) {
            scene.places.push_back(scene_place(s.place, s.events, layer));
            found = scene.places.end() - 1;
        }
        found->stop_seq = static_cast<int>(s.seq);
        found->date = s.date;
    }
    for (std::size_t i = 0; i < route.legs.size(); ++i) {
        const Leg& l = route.legs[i];
        SceneLeg leg;
        leg.seq = static_cast<int>(i + 1);
        leg.mode = l.mode;
        leg.date = l.date;
        leg.distance_km = l.distance_km;
        leg.parts = l.parts;
        leg.layer = layer;
        scene.legs.push_back(std::move(leg));
    }
    if (scene.title.empty() && !it.traveller.empty()) {
        scene.title = it.traveller + ": " + it.stops.front().name + " to " + it.stops.back().name;
    }
}
}  // namespace

// ---------------------------------------------------------------------------------------------
// GIS layers

namespace {

void register_gdal() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

// Index of the first field whose lowercase name is one of `names`, -1 when none.
int find_field(OGRFeatureDefn* defn, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            if (lower(defn->GetFieldDefn(i)->GetNameRef()) == n) return i;
        }
    }
    return -1;
}

std::string field_string(OGRFeature& f, int i) {
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? std::string(f.GetFieldAsString(i)) : std::string();
}

void collect_points(const OGRGeometry* g, std::vector<LonLat>& out) {
    if (!g || g->IsEmpty()) return;
    const auto t = wkbFlatten(g->getGeometryType());
    if (t == wkbPoint) {
        const OGRPoint* p = g->toPoint();
        out.push_back({p->getX(), p->getY()});
    } else if (t == wkbMultiPoint || t == wkbGeometryCollection) {
        for (const OGRGeometry* part : *g->toGeometryCollection()) collect_points(part, out);
    }
}

void collect_lines(const OGRGeometry* g, std::vector<GeometryPart>& out) {
    if (!g || g->IsEmpty()) return;
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbLineString: {
            const OGRLineString* ls = g->toLineString();
            GeometryPart part;
            for (int i = 0; i < ls->getNumPoints(); ++i) {
                const LonLat v{ls->getX(i), ls->getY(i)};
                if (part.empty()) {
                    part.push_back(v);
                    continue;
                }
                // Long segments get vertices so they bend as a lon/lat line does in a projection.
                GeometryPart seg = densify_lonlat(part.back(), v);
                part.insert(part.end(), seg.begin() + 1, seg.end());
            }
            if (part.size() >= 2) out.push_back(std::move(part));
            break;
        }
        case wkbPolygon:
            for (const OGRLinearRing* ring : *g->toPolygon()) {
                OGRLineString ls(*ring);
                collect_lines(&ls, out);
            }
            break;
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (const OGRGeometry* part : *g->toGeometryCollection()) collect_lines(part, out);
            break;
        default:
            break;
    }
}

}  // namespace

void SceneLoader::load_layer(const std::string& path, Scene& scene) {
    register_gdal();
    if (!std::filesystem::exists(path)) throw IoError(path + ": no such file");
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw IoError(path + ": GDAL cannot read it as a vector layer: " + CPLGetLastErrorMsg());
    const std::string file = std::filesystem::path(path).filename().string();
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const int layer_count = ds->GetLayerCount();
    for (int li = 0; li < layer_count; ++li) {
        OGRLayer* layer = ds->GetLayer(li);
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        const std::size_t scene_layer =
            scene.add_layer(layer_count > 1 ? file + ": " + layer->GetName() : file, path, false);

        std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
        if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
            OGRSpatialReference src(*srs);
            src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            if (!src.IsSame(&wgs84)) {
                to_wgs84.reset(OGRCreateCoordinateTransformation(&src, &wgs84));
                if (!to_wgs84) throw IoError(path + ": cannot transform layer '" + layer->GetName() + "' to WGS84");
            }
        }
        const int f_name = find_field(defn, {"name", "title", "label", "text", "stop"});
        const int f_id = find_field(defn, {"place_id", "id"});
        const int f_count = find_field(defn, {"mentions", "count", "mention_count"});
        const int f_conf = find_field(defn, {"max_confidence", "confidence", "mean_confidence"});
        const int f_seq = find_field(defn, {"seq", "order"});
        const int f_sentence = find_field(defn, {"sentence"});
        const int f_country = find_field(defn, {"country", "country_code"});
        const int f_code = find_field(defn, {"feature_code"});
        const int f_mode = find_field(defn, {"mode"});
        const int f_date = find_field(defn, {"date", "arrival"});
        const int f_dist = find_field(defn, {"distance_km"});

        // One mention per feature (a geoparse "mentions" layer) folds into one place per id.
        std::map<std::string, std::size_t> by_key;
        for (auto& feature : *layer) {
            OGRGeometry* g = feature->GetGeometryRef();
            if (!g || g->IsEmpty()) continue;
            if (to_wgs84 && g->transform(to_wgs84.get()) != OGRERR_NONE) {
                throw IoError(path + ": feature " + std::to_string(feature->GetFID()) + " cannot be transformed to WGS84");
            }
            std::vector<LonLat> points;
            collect_points(g, points);
            for (const LonLat& pt : points) {
                std::string name = field_string(*feature, f_name);
                std::string id = field_string(*feature, f_id);
                const std::string key = !id.empty() ? id : name + "@" + std::to_string(pt.lon) + "," + std::to_string(pt.lat);
                auto [it, fresh] = by_key.emplace(key, scene.places.size());
                if (fresh) {
                    ScenePlace p;
                    p.id = id;
                    p.name = name;
                    p.lon = pt.lon;
                    p.lat = pt.lat;
                    p.country = field_string(*feature, f_country);
                    p.feature_code = field_string(*feature, f_code);
                    if (gazetteer::is_country_feature_code(p.feature_code) || p.feature_code.rfind("ADM", 0) == 0) p.feature_class = 'A';
                    p.mentions = 0;
                    p.layer = scene_layer;
                    if (f_seq >= 0 && feature->IsFieldSetAndNotNull(f_seq)) p.stop_seq = feature->GetFieldAsInteger(f_seq);
                    if (p.stop_seq > 0) p.date = field_string(*feature, f_date).substr(0, 10);
                    scene.places.push_back(std::move(p));
                }
                ScenePlace& p = scene.places[it->second];
                p.mentions += f_count >= 0 && feature->IsFieldSetAndNotNull(f_count)
                                  ? static_cast<std::size_t>(std::max(1, feature->GetFieldAsInteger(f_count)))
                                  : 1;
                if (f_conf >= 0 && feature->IsFieldSetAndNotNull(f_conf)) {
                    p.confidence = std::max(p.confidence, feature->GetFieldAsDouble(f_conf));
                }
                add_sentence(p.sentences, field_string(*feature, f_sentence));
            }
            std::vector<GeometryPart> lines;
            collect_lines(g, lines);
            if (!lines.empty()) {
                SceneLeg leg;
                leg.parts = std::move(lines);
                leg.layer = scene_layer;
                if (f_seq >= 0 && feature->IsFieldSetAndNotNull(f_seq)) leg.seq = feature->GetFieldAsInteger(f_seq);
                leg.mode = field_string(*feature, f_mode);
                leg.date = field_string(*feature, f_date);
                if (f_dist >= 0 && feature->IsFieldSetAndNotNull(f_dist)) leg.distance_km = feature->GetFieldAsDouble(f_dist);
                scene.legs.push_back(std::move(leg));
            }
        }
    }
    if (scene.title.empty()) scene.title = std::filesystem::path(path).stem().string();
}

}  // namespace gazetteer::map
