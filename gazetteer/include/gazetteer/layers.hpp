#pragma once
// A small, format-neutral model of GIS vector layers and the writer that turns it into files
// through GDAL/OGR (GeoJSON, GeoPackage, CSV, FlatGeobuf, KML, ESRI Shapefile). Every face
// (route, geoparse, lookup exports, the QGIS plugin) builds Layers and hands them here, so
// format rules (RFC 7946, atomic writes, layer naming) live in one place.
// GDAL types stay in gazetteer/src/io/layer_writer.cpp.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace gazetteer {

/// Type of an attribute field.
enum class FieldType {
    Integer,  ///< 64-bit signed integer (std::int64_t value)
    Real,     ///< double
    String,   ///< UTF-8 text
    Date,     ///< calendar date, written from a std::string "YYYY-MM-DD"
};

/// One attribute value. std::monostate is a null (written as JSON null / SQL NULL / empty cell).
/// An Integer field takes std::int64_t; a Real field std::int64_t or double; String and Date
/// fields take std::string. Any other combination is refused by the writer (UsageError).
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string>;

/// An attribute field of a layer.
struct Field {
    std::string name;
    FieldType type = FieldType::String;
    /// Decimal places kept for Real fields when the format stores a precision (0 = format default).
    int precision = 0;
};

/// Declared geometry of a layer.
enum class GeometryType {
    Point,            ///< each feature: one part of one vertex
    LineString,       ///< each feature: one part of 2+ vertices, or several parts (an antimeridian
                      ///< split, RFC 7946 section 3.1.9) which are written as a MultiLineString; see
                      ///< write_layers for formats that need one declared type per layer
    MultiLineString,  ///< each feature: one or more parts of 2+ vertices
};

/// A position: longitude then latitude (the RFC 7946 order), WGS84 degrees (EPSG:4326).
struct LonLat {
    double lon = 0;
    double lat = 0;
};

/// One connected part of a geometry: the point, or the vertices of a line.
using GeometryPart = std::vector<LonLat>;

/// A feature: its geometry as parts (empty = null geometry) and one value per layer field, in
/// the order of Layer::fields (missing trailing values are nulls).
struct Feature {
    std::vector<GeometryPart> parts;
    std::vector<FieldValue> values;
};

/// A named layer of features sharing one schema. Coordinates are always EPSG:4326 lon/lat in
/// the model; WriteOptions::crs chooses the CRS of the written file.
struct Layer {
    std::string name;
    GeometryType geometry_type = GeometryType::Point;
    std::vector<Field> fields;
    std::vector<Feature> features;
};

/// How write_layers writes.
struct WriteOptions {
    /// GDAL driver short name ("GeoJSON", "GPKG", "CSV", "FlatGeobuf", "KML", "ESRI Shapefile",
    /// "GeoJSONSeq"), case-insensitive, or an alias ("geojson", "gpkg", "csv", "fgb", "kml",
    /// "shp", "shapefile"). "" guesses it from the extension of the path (.geojson, .json,
    /// .geojsonl, .geojsons, .gpkg, .csv, .fgb, .kml, .shp).
    std::string format;
    /// Target CRS as GDAL's SetFromUserInput takes it ("EPSG:3857", WKT, a PROJ string).
    /// Features are reprojected from EPSG:4326 with PROJ. GeoJSON (RFC 7946 section 4), GeoJSON
    /// sequences (RFC 8142) and KML (OGC KML 2.2) are WGS84 by definition: any other CRS is
    /// refused for them.
    std::string crs = "EPSG:4326";
    /// Decimal places of coordinates in GeoJSON (RFC 7946 section 11.2 suggests 6; 7 is ~1 cm).
    int coordinate_precision = 7;
};

/// Canonical GDAL driver name for `options.format` and `path` (see WriteOptions::format).
/// Throws UsageError naming the unknown format or extension.
std::string resolve_format(const std::string& path, const std::string& format);

/// The files write_layers would write for these layers, in layer order (single-layer formats:
/// one per layer; multi-layer formats: just `path`). Sidecar files (.shx, .dbf, ...) are not listed.
std::vector<std::string> layer_file_paths(const std::string& path, const std::vector<Layer>& layers,
                                          const WriteOptions& options = {});

/// Writes the layers to `path`.
///
/// Multi-layer formats (GPKG, KML) hold every layer in the one file. For single-layer formats
/// the first layer goes to `path` and each further layer to `<stem>.<layer name><ext>` beside
/// it: `trip.geojson`, `trip.legs.geojson`, `trip.route.geojson`.
///
/// Formats that declare one geometry type per layer (GPKG, FlatGeobuf, Shapefile) get
/// MultiLineString for a LineString layer as soon as one feature has several parts; GeoJSON,
/// CSV and KML keep LineString for single-part features.
///
/// Format notes: CSV writes point layers as X,Y columns and line layers as a WKT column, dates
/// as ISO 8601 text, and records no CRS; Shapefile cuts field names to 10 characters
/// ("distance_km" becomes "distance_k", dBase limit) and writes .shx/.dbf/.prj beside the .shp.
/// Real fields are rounded to Field::precision decimals in every format.
///
/// The write is atomic per file: everything is written into a fresh hidden folder inside the
/// target folder and renamed into place only when every layer succeeded, so an interrupted or
/// failed run leaves existing files untouched and no partial files behind. An existing file of
/// the same name is replaced.
///
/// Throws UsageError for an unknown format, a bad CRS, a CRS the format forbids, or values that
/// do not fit their fields; IoError (with the path and GDAL's message) when GDAL cannot write.
/// Returns the files written (as layer_file_paths).
std::vector<std::string> write_layers(const std::string& path, const std::vector<Layer>& layers,
                                      const WriteOptions& options = {});

/// RFC 7946 GeoJSON text of one FeatureCollection holding the features of all `layers` (for
/// stdout). With more than one layer each feature gets a "layer" property naming its layer
/// unless a field of that name exists. Coordinates are EPSG:4326 lon/lat with
/// `coordinate_precision` decimals; there is no "crs" member (RFC 7946 section 4).
/// Throws as write_layers.
std::string write_geojson_string(const std::vector<Layer>& layers, int coordinate_precision = 7);

}  // namespace gazetteer
