// GDAL/OGR writer of the format-neutral layers of gazetteer/layers.hpp.
//
// References: RFC 7946 (GeoJSON: WGS84 lon/lat only, no "crs" member, antimeridian splits),
// RFC 8142 (GeoJSON text sequences), OGC 12-128r18 (GeoPackage), OGC KML 2.2 (WGS84 only),
// GDAL vector driver documentation for the creation options used below.

#include <gazetteer/date.hpp>
#include <gazetteer/error.hpp>
#include <gazetteer/layers.hpp>
#include <gazetteer/temp_files.hpp>
#include <gazetteer/text.hpp>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>

#include <unistd.h>

namespace fs = std::filesystem;

namespace gazetteer {
namespace {

// ---------------------------------------------------------------------------------------------
// Formats

struct FormatInfo {
    const char* driver;         // GDAL short name
    const char* aliases;        // space-separated lower-case aliases accepted on the command line
    const char* extensions;     // space-separated, lower case, with the dot; first is canonical
    bool wgs84_only;            // the format's spec fixes the CRS to WGS84 lon/lat
    bool multi_layer;           // one file holds several layers
    bool typed_geometry;        // one declared geometry type per layer (no LineString/Multi mix)
};

// A closed list rather than "any GDAL driver": each entry is one we have tested for the
// creation options, layer naming and CRS rules below.
constexpr FormatInfo kFormats[] = {
    {"GeoJSON", "geojson json", ".geojson .json", true, false, false},
    {"GeoJSONSeq", "geojsonseq geojsonl geojsons", ".geojsonl .geojsons", true, false, false},
    {"GPKG", "gpkg geopackage", ".gpkg", false, true, true},
    {"CSV", "csv", ".csv", false, false, false},
    {"FlatGeobuf", "flatgeobuf fgb", ".fgb", false, false, true},
    {"KML", "kml", ".kml", true, true, false},
    {"ESRI Shapefile", "shp shapefile", ".shp", false, false, true},
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool in_word_list(const std::string& list, const std::string& word) {
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t end = list.find(' ', start);
        if (end == std::string::npos) end = list.size();
        if (list.compare(start, end - start, word) == 0) return true;
        start = end + 1;
    }
    return false;
}

std::string supported_formats() {
    std::string s;
    for (const auto& f : kFormats) s += (s.empty() ? "" : ", ") + std::string(f.driver);
    return s;
}

const FormatInfo& format_info(const std::string& path, const std::string& format) {
    if (!format.empty()) {
        const std::string key = lower(format);
        for (const auto& f : kFormats) {
            if (lower(f.driver) == key || in_word_list(f.aliases, key)) return f;
        }
        throw UsageError("unknown output format '" + format + "' (supported: " +
                         supported_formats() + ")");
    }
    const std::string ext = lower(fs::path(path).extension().string());
    if (ext.empty()) {
        throw UsageError("cannot guess the output format of '" + path +
                         "': it has no extension; name a format (supported: " +
                         supported_formats() + ")");
    }
    for (const auto& f : kFormats) {
        if (in_word_list(f.extensions, ext)) return f;
    }
    throw UsageError("cannot guess the output format of '" + path + "' from its extension '" + ext +
                     "'; name a format (supported: " + supported_formats() + ")");
}

// ---------------------------------------------------------------------------------------------
// GDAL plumbing

void register_gdal() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

// Collects GDAL's messages for the current thread instead of printing them: failures become
// IoError text, warnings (e.g. Shapefile field names cut to 10 characters) are dropped.
class GdalErrorCapture {
public:
    GdalErrorCapture() {
        CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this);
        CPLErrorReset();
    }
    ~GdalErrorCapture() { CPLPopErrorHandler(); }
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    /// The last failure message, or `fallback` when GDAL said nothing.
    std::string message(const std::string& fallback) const {
        return m_last_failure.empty() ? fallback : m_last_failure;
    }

private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* msg) {
        auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
        if (self && level >= CE_Failure && msg) self->m_last_failure = msg;
    }
    std::string m_last_failure;
};

[[noreturn]] void throw_gdal(const GdalErrorCapture& capture, const std::string& path,
                             const std::string& what) {
    throw IoError(path + ": " + what + ": " + capture.message("GDAL gave no reason"));
}

OGRSpatialReference wgs84() {
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    // Our model is lon/lat (RFC 7946 order) whatever EPSG's axis order says.
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

struct CrsPlan {
    OGRSpatialReference target;
    std::unique_ptr<OGRCoordinateTransformation> transform;  // null when the target is WGS84
    std::string label;
};

CrsPlan plan_crs(const std::string& crs, const FormatInfo& format) {
    CrsPlan plan;
    plan.label = crs.empty() ? "EPSG:4326" : crs;
    const OGRSpatialReference source = wgs84();
    GdalErrorCapture capture;
    if (plan.target.SetFromUserInput(plan.label.c_str()) != OGRERR_NONE) {
        throw UsageError("unknown CRS '" + plan.label + "' (expected e.g. EPSG:3857): " +
                         capture.message("not understood"));
    }
    plan.target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    // OGC:CRS84 and EPSG:4326 differ only in axis order, which the data mapping already fixes.
    const char* same_options[] = {"CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS",
                                  "IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", nullptr};
    const bool is_wgs84 = plan.target.IsSame(&source, same_options);
    if (is_wgs84) {
        plan.target = source;
        return plan;
    }
    if (format.wgs84_only) {
        const std::string driver = format.driver;
        const char* spec = driver == "KML"          ? "(OGC KML 2.2)"
                           : driver == "GeoJSONSeq" ? "(RFC 8142 with RFC 7946 section 4)"
                                                    : "(RFC 7946 section 4)";
        throw UsageError(driver + " is always WGS84 longitude/latitude " + spec +
                         "; cannot write it in " + plan.label +
                         " (use GPKG, FlatGeobuf or Shapefile for another CRS)");
    }
    plan.transform.reset(OGRCreateCoordinateTransformation(&source, &plan.target));
    if (!plan.transform) {
        throw UsageError("cannot transform EPSG:4326 to " + plan.label);
    }
    return plan;
}

// ---------------------------------------------------------------------------------------------
// Values and geometries

std::string context(const Layer& layer, std::size_t feature, const std::string& field = {}) {
    std::string s = "layer '" + layer.name + "', feature " + std::to_string(feature + 1);
    if (!field.empty()) s += ", field '" + field + "'";
    return s;
}

const char* type_name(FieldType t) {
    switch (t) {
        case FieldType::Integer: return "an integer";
        case FieldType::Real: return "a number";
        case FieldType::String: return "a string";
        case FieldType::Date: return "a date YYYY-MM-DD";
    }
    return "?";
}

OGRFieldType ogr_type(FieldType t, const FormatInfo& format) {
    switch (t) {
        case FieldType::Integer: return OFTInteger64;
        case FieldType::Real: return OFTReal;
        case FieldType::String: return OFTString;
        // GDAL's CSV writer prints OFTDate as "2023/09/12"; keep ISO 8601 text there instead.
        case FieldType::Date: return std::string(format.driver) == "CSV" ? OFTString : OFTDate;
    }
    return OFTString;
}

double round_to(double v, int decimals) {
    if (decimals <= 0) return v;
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

// Checks `value` against the model field, then stores it in OGR field `index` (whose OGR type
// may be wider than the model's when layers were merged).
void set_value(OGRFeature& out, int index, const Field& field, const FieldValue& value,
               const Layer& layer, std::size_t feature_no) {
    auto mismatch = [&](const char* got) {
        throw UsageError(context(layer, feature_no, field.name) + ": expected " +
                         type_name(field.type) + ", got " + got);
    };
    if (std::holds_alternative<std::monostate>(value)) {
        out.SetFieldNull(index);
        return;
    }
    const OGRFieldType target = out.GetFieldDefnRef(index)->GetType();
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        if (field.type != FieldType::Integer && field.type != FieldType::Real) mismatch("an integer");
        if (target == OFTString) out.SetField(index, std::to_string(*i).c_str());
        else if (target == OFTReal) out.SetField(index, static_cast<double>(*i));
        else out.SetField(index, static_cast<GIntBig>(*i));
        return;
    }
    if (const auto* d = std::get_if<double>(&value)) {
        if (field.type != FieldType::Real) mismatch("a number");
        if (!std::isfinite(*d)) mismatch("a non-finite number");
        const double v = round_to(*d, field.precision);
        if (target == OFTString) out.SetField(index, CPLSPrintf("%.15g", v));
        else out.SetField(index, v);
        return;
    }
    const auto& s = std::get<std::string>(value);
    if (field.type == FieldType::Date) {
        if (s.empty()) {
            out.SetFieldNull(index);
            return;
        }
        const auto date = parse_iso_date(s);
        if (!date) mismatch(("'" + s + "'").c_str());
        if (target == OFTDate)
            out.SetField(index, int(date->year()), int(unsigned(date->month())), int(unsigned(date->day())));
        else out.SetField(index, s.c_str());
        return;
    }
    if (field.type != FieldType::String) mismatch("a string");
    if (is_valid_utf8(s)) {
        out.SetField(index, s.c_str());
    } else {
        // Every writer emits valid UTF-8 (GeoPackage and GeoJSON require it); the faces repair
        // article text on input, this catches strings from any other caller.
        std::string fixed = s;
        make_valid_utf8(fixed);
        out.SetField(index, fixed.c_str());
    }
}

void check_position(const LonLat& p, const Layer& layer, std::size_t feature_no) {
    if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || p.lon < -180 || p.lon > 180 ||
        p.lat < -90 || p.lat > 90) {
        throw UsageError(context(layer, feature_no) + ": position (" + CPLSPrintf("%.9g", p.lon) +
                         ", " + CPLSPrintf("%.9g", p.lat) +
                         ") is not a WGS84 longitude/latitude");
    }
}

OGRLineString make_line(const GeometryPart& part, const Layer& layer, std::size_t feature_no) {
    if (part.size() < 2) {
        // RFC 7946 section 3.1.4: a LineString has two or more positions.
        throw UsageError(context(layer, feature_no) + ": a line part needs at least 2 positions, got " +
                         std::to_string(part.size()));
    }
    OGRLineString line;
    line.setNumPoints(static_cast<int>(part.size()), FALSE);
    for (std::size_t i = 0; i < part.size(); ++i) {
        check_position(part[i], layer, feature_no);
        line.setPoint(static_cast<int>(i), part[i].lon, part[i].lat);
    }
    return line;
}

// The geometry of one feature, or null for a feature without parts. `force_multi` turns every
// line feature into a MultiLineString (formats with one declared geometry type per layer).
std::unique_ptr<OGRGeometry> make_geometry(const Feature& f, const Layer& layer, std::size_t feature_no,
                                           bool force_multi) {
    if (f.parts.empty()) return nullptr;
    switch (layer.geometry_type) {
        case GeometryType::Point: {
            if (f.parts.size() != 1 || f.parts[0].size() != 1) {
                throw UsageError(context(layer, feature_no) +
                                 ": a point feature needs exactly one part of one position");
            }
            check_position(f.parts[0][0], layer, feature_no);
            return std::make_unique<OGRPoint>(f.parts[0][0].lon, f.parts[0][0].lat);
        }
        case GeometryType::LineString:
            if (f.parts.size() == 1 && !force_multi) {
                return std::make_unique<OGRLineString>(make_line(f.parts[0], layer, feature_no));
            }
            [[fallthrough]];
        case GeometryType::MultiLineString: {
            auto multi = std::make_unique<OGRMultiLineString>();
            for (const auto& part : f.parts) {
                const OGRLineString line = make_line(part, layer, feature_no);
                multi->addGeometry(&line);
            }
            return multi;
        }
    }
    return nullptr;
}

OGRwkbGeometryType declared_type(const Layer& layer, const FormatInfo& format) {
    switch (layer.geometry_type) {
        case GeometryType::Point: return wkbPoint;
        case GeometryType::MultiLineString: return wkbMultiLineString;
        case GeometryType::LineString: {
            const bool multi_part = std::any_of(layer.features.begin(), layer.features.end(),
                                                [](const Feature& f) { return f.parts.size() > 1; });
            if (!multi_part) return wkbLineString;
            return format.typed_geometry ? wkbMultiLineString : wkbUnknown;
        }
    }
    return wkbUnknown;
}

// ---------------------------------------------------------------------------------------------
// Writing into an open dataset

struct SourceLayer {
    const Layer* layer;
    std::vector<int> field_index;  // OGR field index of each model field
    int layer_name_field = -1;     // OGR index of the "layer" property, or -1
};

std::vector<std::string> layer_options(const FormatInfo& format, OGRwkbGeometryType type,
                                       int coordinate_precision) {
    const std::string driver = format.driver;
    if (driver == "GeoJSON") {
        return {"RFC7946=YES", "COORDINATE_PRECISION=" + std::to_string(coordinate_precision)};
    }
    if (driver == "GeoJSONSeq") {
        return {"RS=NO", "COORDINATE_PRECISION=" + std::to_string(coordinate_precision)};
    }
    if (driver == "CSV") {
        // Points as X/Y columns read well in spreadsheets; lines need WKT. The default quoting
        // (IF_AMBIGUOUS) would quote every 64-bit integer.
        return {std::string("GEOMETRY=") + (type == wkbPoint ? "AS_XY" : "AS_WKT"),
                "STRING_QUOTING=IF_NEEDED"};
    }
    return {};
}

struct CslList {
    explicit CslList(const std::vector<std::string>& items) {
        for (const auto& s : items) m_list = CSLAddString(m_list, s.c_str());
    }
    ~CslList() { CSLDestroy(m_list); }
    CslList(const CslList&) = delete;
    CslList& operator=(const CslList&) = delete;
    char** get() const { return m_list; }

private:
    char** m_list = nullptr;
};

// Creates one OGR layer in `ds` and writes the features of `sources` into it (several sources
// only for the merged GeoJSON of write_geojson_string).
void write_ogr_layer(GDALDataset& ds, const std::string& layer_name, OGRwkbGeometryType type,
                     std::vector<SourceLayer>& sources, const std::vector<Field>& fields,
                     bool add_layer_field, const FormatInfo& format, const CrsPlan& crs,
                     int coordinate_precision, const GdalErrorCapture& capture,
                     const std::string& path) {
    const CslList options(layer_options(format, type, coordinate_precision));
    OGRSpatialReference srs(crs.target);  // GDAL 3.6 takes a non-const pointer
    OGRLayer* out = ds.CreateLayer(layer_name.c_str(), &srs, type, options.get());
    if (!out) throw_gdal(capture, path, "cannot create layer '" + layer_name + "'");

    for (const auto& f : fields) {
        OGRFieldDefn defn(f.name.c_str(), ogr_type(f.type, format));
        if (out->CreateField(&defn) != OGRERR_NONE) {
            throw_gdal(capture, path, "cannot create field '" + f.name + "' of layer '" + layer_name + "'");
        }
    }
    int layer_field = -1;
    if (add_layer_field) {
        OGRFieldDefn defn("layer", OFTString);
        if (out->CreateField(&defn) != OGRERR_NONE) {
            throw_gdal(capture, path, "cannot create field 'layer' of layer '" + layer_name + "'");
        }
    }
    // Drivers may launder names (Shapefile: 10 characters), so map by position, not by name.
    OGRFeatureDefn* defn = out->GetLayerDefn();
    if (add_layer_field) layer_field = defn->GetFieldCount() - 1;
    for (auto& src : sources) {
        if (add_layer_field) src.layer_name_field = layer_field;
    }

    const bool force_multi = type == wkbMultiLineString;
    // One transaction per layer: GeoPackage writes are much faster, and a failure rolls back.
    const bool transaction = ds.StartTransaction() == OGRERR_NONE;
    for (const auto& src : sources) {
        const Layer& layer = *src.layer;
        for (std::size_t n = 0; n < layer.features.size(); ++n) {
            const Feature& f = layer.features[n];
            if (f.values.size() > layer.fields.size()) {
                throw UsageError(context(layer, n) + ": " + std::to_string(f.values.size()) +
                                 " values for " + std::to_string(layer.fields.size()) + " fields");
            }
            OGRFeature feature(defn);
            for (std::size_t i = 0; i < layer.fields.size(); ++i) {
                const FieldValue& v = i < f.values.size() ? f.values[i] : FieldValue{};
                set_value(feature, src.field_index[i], layer.fields[i], v, layer, n);
            }
            if (src.layer_name_field >= 0) feature.SetField(src.layer_name_field, layer.name.c_str());
            if (auto geom = make_geometry(f, layer, n, force_multi)) {
                if (crs.transform && geom->transform(crs.transform.get()) != OGRERR_NONE) {
                    throw UsageError(context(layer, n) + ": cannot be transformed to " + crs.label +
                                     " (outside the area where the CRS is defined?)");
                }
                geom->assignSpatialReference(nullptr);
                feature.SetGeometryDirectly(geom.release());
            }
            if (out->CreateFeature(&feature) != OGRERR_NONE) {
                throw_gdal(capture, path, "cannot write " + context(layer, n));
            }
        }
    }
    if (transaction && ds.CommitTransaction() != OGRERR_NONE) {
        throw_gdal(capture, path, "cannot commit layer '" + layer_name + "'");
    }
}

void write_single(GDALDataset& ds, const Layer& layer, const FormatInfo& format, const CrsPlan& crs,
                  int precision, const GdalErrorCapture& capture, const std::string& path) {
    std::vector<SourceLayer> sources{{&layer, {}, -1}};
    for (std::size_t i = 0; i < layer.fields.size(); ++i) sources[0].field_index.push_back(static_cast<int>(i));
    write_ogr_layer(ds, layer.name, declared_type(layer, format), sources, layer.fields, false, format,
                    crs, precision, capture, path);
}

GDALDriver* driver_for(const FormatInfo& format) {
    register_gdal();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(format.driver);
    if (!driver) throw UsageError(std::string("this GDAL build has no ") + format.driver + " driver");
    return driver;
}

GDALDatasetUniquePtr create_dataset(GDALDriver* driver, const std::string& file,
                                    const GdalErrorCapture& capture, const std::string& shown_path) {
    GDALDatasetUniquePtr ds(driver->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw_gdal(capture, shown_path, "cannot create");
    return ds;
}

void close_dataset(GDALDatasetUniquePtr ds, const GdalErrorCapture& capture, const std::string& path) {
    // Closing flushes (GeoJSON, FlatGeobuf write their file here): check for errors it raises.
    CPLErrorReset();
    ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure) throw_gdal(capture, path, "cannot finish writing");
}

void check_layers(const std::vector<Layer>& layers) {
    if (layers.empty()) throw UsageError("nothing to write: no layers");
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].name.empty()) throw UsageError("layer " + std::to_string(i + 1) + " has no name");
        // GeoPackage, Shapefile and CSV compare field names without case.
        const auto& fields = layers[i].fields;
        for (std::size_t f = 0; f < fields.size(); ++f) {
            if (fields[f].name.empty()) {
                throw UsageError("layer '" + layers[i].name + "': field " + std::to_string(f + 1) + " has no name");
            }
            for (std::size_t g = 0; g < f; ++g) {
                if (lower(fields[g].name) == lower(fields[f].name)) {
                    throw UsageError("layer '" + layers[i].name + "': two fields are named '" + fields[f].name + "'");
                }
            }
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (lower(layers[j].name) == lower(layers[i].name)) {
                throw UsageError("two layers are named '" + layers[i].name + "'");
            }
        }
    }
}

// A hidden folder beside the target, removed (with anything left in it) unless released.
class StagingDir {
public:
    explicit StagingDir(const fs::path& dir) {
        // The PID in the name lets a later run remove the folder if this process is killed
        // before it can (temp_files.hpp).
        remove_stale_temporaries(dir.string());
        std::string tmpl = (dir / (".gazetteer-write-" + std::to_string(::getpid()) + "-XXXXXX")).string();
        if (!mkdtemp(tmpl.data())) {
            throw IoError(dir.string() + ": cannot create a temporary folder: " +
                          std::generic_category().message(errno));
        }
        m_path = tmpl;
        m_guard = std::make_unique<TempOutput>(tmpl, TempOutput::Kind::Folder);
    }
    StagingDir(const StagingDir&) = delete;
    StagingDir& operator=(const StagingDir&) = delete;
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
    std::unique_ptr<TempOutput> m_guard;  // removes the folder, also on a signal
};

std::string unique_vsimem_name(const char* ext) {
    static std::atomic<unsigned long> counter{0};
    return "/vsimem/gazetteer-" + std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())) +
           "-" + std::to_string(++counter) + ext;
}

}  // namespace

std::string resolve_format(const std::string& path, const std::string& format) {
    return format_info(path, format).driver;
}

std::vector<std::string> layer_file_paths(const std::string& path, const std::vector<Layer>& layers,
                                          const WriteOptions& options) {
    const FormatInfo& format = format_info(path, options.format);
    std::vector<std::string> files{path};
    if (format.multi_layer) return files;
    const fs::path p(path);
    for (std::size_t i = 1; i < layers.size(); ++i) {
        fs::path sibling = p.parent_path() /
                           (p.stem().string() + "." + layers[i].name + p.extension().string());
        files.push_back(sibling.string());
    }
    return files;
}

std::vector<std::string> write_layers(const std::string& path, const std::vector<Layer>& layers,
                                      const WriteOptions& options) {
    check_layers(layers);
    const FormatInfo& format = format_info(path, options.format);
    const CrsPlan crs = plan_crs(options.crs, format);
    GDALDriver* driver = driver_for(format);
    const std::vector<std::string> files = layer_file_paths(path, layers, options);

    fs::path target_dir = fs::path(path).parent_path();
    if (target_dir.empty()) target_dir = ".";
    std::error_code ec;
    if (!fs::is_directory(target_dir, ec)) {
        throw IoError(path + ": the folder " + target_dir.string() + " does not exist");
    }
    for (const auto& file : files) {
        if (fs::is_directory(file, ec)) throw IoError(file + ": is a folder");
    }

    // Stage every file under its final name in a folder beside the target, then rename: the
    // rename is atomic on POSIX within one file system, and drivers that write sidecar files
    // (Shapefile .shx/.dbf/.prj/.cpg) get them staged too.
    StagingDir staging(target_dir);
    GdalErrorCapture capture;
    if (format.multi_layer) {
        const std::string staged = (staging.path() / fs::path(path).filename()).string();
        auto ds = create_dataset(driver, staged, capture, path);
        for (const auto& layer : layers) {
            write_single(*ds, layer, format, crs, options.coordinate_precision, capture, path);
        }
        close_dataset(std::move(ds), capture, path);
    } else {
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const std::string staged = (staging.path() / fs::path(files[i]).filename()).string();
            auto ds = create_dataset(driver, staged, capture, files[i]);
            write_single(*ds, layers[i], format, crs, options.coordinate_precision, capture, files[i]);
            close_dataset(std::move(ds), capture, files[i]);
        }
    }

    for (const auto& entry : fs::directory_iterator(staging.path())) {
        const fs::path dest = target_dir / entry.path().filename();
        fs::rename(entry.path(), dest, ec);
        if (ec) throw IoError(dest.string() + ": cannot move into place: " + ec.message());
    }
    return files;
}

std::string write_geojson_string(const std::vector<Layer>& layers, int coordinate_precision) {
    check_layers(layers);
    const FormatInfo& format = format_info("", "GeoJSON");
    const CrsPlan crs = plan_crs("EPSG:4326", format);
    GDALDriver* driver = driver_for(format);

    // One OGR layer whose schema is the union of the layers' fields (a name used with two types
    // becomes Real when both are numeric, else String). Unset fields are left out of
    // "properties", so each feature shows only its own layer's fields.
    std::vector<Field> fields;
    std::vector<SourceLayer> sources;
    bool has_layer_field = false;
    for (const auto& layer : layers) {
        SourceLayer src{&layer, {}, -1};
        for (const auto& f : layer.fields) {
            if (f.name == "layer") has_layer_field = true;
            auto it = std::find_if(fields.begin(), fields.end(),
                                   [&](const Field& g) { return g.name == f.name; });
            if (it == fields.end()) {
                src.field_index.push_back(static_cast<int>(fields.size()));
                fields.push_back(f);
                continue;
            }
            if (it->type != f.type) {
                const bool numeric = (it->type == FieldType::Integer || it->type == FieldType::Real) &&
                                     (f.type == FieldType::Integer || f.type == FieldType::Real);
                it->type = numeric ? FieldType::Real : FieldType::String;
            }
            src.field_index.push_back(static_cast<int>(it - fields.begin()));
        }
        sources.push_back(std::move(src));
    }
    const bool add_layer_field = layers.size() > 1 && !has_layer_field;
    std::string name;  // "stops+legs": GDAL writes it as the foreign member "name"
    for (const auto& layer : layers) name += (name.empty() ? "" : "+") + layer.name;
    const OGRwkbGeometryType type = layers.size() == 1 ? declared_type(layers[0], format) : wkbUnknown;

    const std::string file = unique_vsimem_name(".geojson");
    GdalErrorCapture capture;
    struct Unlink {
        std::string f;
        ~Unlink() { VSIUnlink(f.c_str()); }
    } unlink{file};
    {
        auto ds = create_dataset(driver, file, capture, "<GeoJSON text>");
        write_ogr_layer(*ds, name, type, sources, fields, add_layer_field, format, crs,
                        coordinate_precision, capture, "<GeoJSON text>");
        close_dataset(std::move(ds), capture, "<GeoJSON text>");
    }
    vsi_l_offset size = 0;
    GByte* data = VSIGetMemFileBuffer(file.c_str(), &size, FALSE);
    if (!data) throw IoError("<GeoJSON text>: GDAL wrote nothing");
    return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace gazetteer
