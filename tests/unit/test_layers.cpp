// The layer writer: files read back with GDAL, RFC 7946 rules, atomic writes, errors.

#include <gazetteer/error.hpp>
#include <gazetteer/layers.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>
// GDAL's headers live in /usr/include/gdal on Debian; the engine keeps them out of its public
// headers, so the test names the folder itself.
#include <gdal/gdal_priv.h>
#include <gdal/ogrsf_frmts.h>
#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace gazetteer;
namespace fs = std::filesystem;

namespace {

Layer sample_stops() {
    Layer l{"stops",
            GeometryType::Point,
            {{"seq", FieldType::Integer}, {"name", FieldType::String}, {"arrival", FieldType::Date},
             {"score", FieldType::Real}},
            {}};
    l.features.push_back({{{{131.885, 43.1155}}}, {std::int64_t(1), std::string("Vladivostok"),
                                                   std::string("2023-09-12"), 0.5}});
    l.features.push_back({{{{-149.9003, 61.2181}}}, {std::int64_t(2), std::string("Anchorage"), FieldValue{}, FieldValue{}}});
    return l;
}

Layer sample_legs() {
    Layer l{"legs", GeometryType::LineString, {{"seq", FieldType::Integer}, {"distance_km", FieldType::Real, 3}}, {}};
    // One leg split at the antimeridian, one plain.
    l.features.push_back({{{{170, 50}, {180, 52.5}}, {{-180, 52.5}, {-170, 55}}}, {std::int64_t(1), 1234.56789}});
    l.features.push_back({{{{10, 50}, {11, 52}, {12, 53}}}, {std::int64_t(2), 250.0}});
    return l;
}

std::vector<Layer> sample_layers() { return {sample_stops(), sample_legs()}; }

struct GdalInit {
    GdalInit() { GDALAllRegister(); }
};

GDALDatasetUniquePtr open_vector(const fs::path& p) {
    static GdalInit init;
    GDALDatasetUniquePtr ds(GDALDataset::Open(p.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    return ds;
}

std::set<std::string> listing(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void check_stops_layer(OGRLayer* layer) {
    REQUIRE(layer);
    REQUIRE(layer->GetFeatureCount() == 2);
    layer->ResetReading();
    OGRFeatureUniquePtr f(layer->GetNextFeature());
    REQUIRE(f);
    CHECK(f->GetFieldAsInteger64("seq") == 1);
    CHECK(std::string(f->GetFieldAsString("name")) == "Vladivostok");
    CHECK(f->GetFieldAsDouble("score") == 0.5);
    const auto* pt = f->GetGeometryRef()->toPoint();
    CHECK(pt->getX() == Approx(131.885));
    CHECK(pt->getY() == Approx(43.1155));
    f.reset(layer->GetNextFeature());
    REQUIRE(f);
    CHECK(std::string(f->GetFieldAsString("name")) == "Anchorage");
    CHECK(f->IsFieldNull(f->GetFieldIndex("arrival")));
}

}  // namespace

TEST_CASE("formats are named or guessed from the extension", "[layers]") {
    CHECK(resolve_format("a.geojson", "") == "GeoJSON");
    CHECK(resolve_format("a.JSON", "") == "GeoJSON");
    CHECK(resolve_format("a.gpkg", "") == "GPKG");
    CHECK(resolve_format("a.csv", "") == "CSV");
    CHECK(resolve_format("a.fgb", "") == "FlatGeobuf");
    CHECK(resolve_format("a.kml", "") == "KML");
    CHECK(resolve_format("a.shp", "") == "ESRI Shapefile");
    CHECK(resolve_format("a.txt", "gpkg") == "GPKG");
    CHECK(resolve_format("a", "ESRI Shapefile") == "ESRI Shapefile");
    CHECK(resolve_format("a", "shp") == "ESRI Shapefile");
    CHECK(resolve_format("a", "geojson") == "GeoJSON");

    REQUIRE_THROWS_AS(resolve_format("a.geojson", "xyz"), UsageError);
    REQUIRE_THROWS_WITH(resolve_format("a.geojson", "xyz"), Catch::Contains("unknown output format 'xyz'"));
    REQUIRE_THROWS_WITH(resolve_format("trip.foo", ""), Catch::Contains("extension '.foo'"));
    REQUIRE_THROWS_WITH(resolve_format("trip", ""), Catch::Contains("it has no extension"));
}

TEST_CASE("single-layer formats put further layers beside the first", "[layers]") {
    const auto layers = sample_layers();
    CHECK(layer_file_paths("out/trip.geojson", layers) ==
          std::vector<std::string>{"out/trip.geojson", "out/trip.legs.geojson"});
    CHECK(layer_file_paths("out/trip.gpkg", layers) == std::vector<std::string>{"out/trip.gpkg"});
}

TEST_CASE("GeoJSON files follow RFC 7946 and read back", "[layers]") {
    test::TempDir dir;
    const fs::path path = dir.path / "trip.geojson";
    const auto written = write_layers(path.string(), sample_layers());
    REQUIRE(written.size() == 2);
    CHECK(listing(dir.path) == std::set<std::string>{"trip.geojson", "trip.legs.geojson"});

    {
        auto ds = open_vector(path);
        check_stops_layer(ds->GetLayer(0));
    }
    {
        auto ds = open_vector(dir.path / "trip.legs.geojson");
        OGRLayer* layer = ds->GetLayer(0);
        REQUIRE(layer->GetFeatureCount() == 2);
        OGRFeatureUniquePtr split(layer->GetNextFeature());
        CHECK(wkbFlatten(split->GetGeometryRef()->getGeometryType()) == wkbMultiLineString);
        CHECK(split->GetFieldAsDouble("distance_km") == 1234.568);  // rounded to the field's 3 decimals
        OGRFeatureUniquePtr plain(layer->GetNextFeature());
        CHECK(wkbFlatten(plain->GetGeometryRef()->getGeometryType()) == wkbLineString);
    }

    const auto json = nlohmann::json::parse(slurp(dir.path / "trip.legs.geojson"));
    CHECK(json["type"] == "FeatureCollection");
    CHECK_FALSE(json.contains("crs"));  // RFC 7946 section 4
    const auto& split = json["features"][0]["geometry"];
    CHECK(split["type"] == "MultiLineString");
    // RFC 7946 section 3.1.9: the cut lies on +-180, longitude first.
    CHECK(split["coordinates"][0][1][0] == 180.0);
    CHECK(split["coordinates"][0][1][1] == 52.5);
    CHECK(split["coordinates"][1][0][0] == -180.0);
    const auto stops = nlohmann::json::parse(slurp(path));
    CHECK(stops["features"][0]["geometry"]["coordinates"][0] == 131.885);
    CHECK(stops["features"][0]["geometry"]["coordinates"][1] == 43.1155);
    CHECK(stops["features"][0]["properties"]["arrival"] == "2023-09-12");
}

TEST_CASE("GeoJSON coordinates carry at most the requested decimals", "[layers]") {
    Layer l{"p", GeometryType::Point, {}, {}};
    l.features.push_back({{{{12.123456789123, -45.987654321987}}}, {}});
    const std::string text = write_geojson_string({l}, 6);
    CHECK(text.find("12.123457") != std::string::npos);
    CHECK(text.find("-45.987654") != std::string::npos);
    CHECK(text.find("12.1234567") == std::string::npos);
}

TEST_CASE("GeoJSON text for stdout merges layers into one collection", "[layers]") {
    const std::string text = write_geojson_string(sample_layers());
    const auto json = nlohmann::json::parse(text);
    CHECK(json["type"] == "FeatureCollection");
    CHECK(json["name"] == "stops+legs");
    CHECK_FALSE(json.contains("crs"));
    REQUIRE(json["features"].size() == 4);
    CHECK(json["features"][0]["properties"]["layer"] == "stops");
    CHECK(json["features"][0]["properties"]["name"] == "Vladivostok");
    CHECK_FALSE(json["features"][0]["properties"].contains("distance_km"));
    CHECK(json["features"][2]["properties"]["layer"] == "legs");
    CHECK(json["features"][2]["geometry"]["type"] == "MultiLineString");
    CHECK(json["features"][3]["geometry"]["type"] == "LineString");
    CHECK(json["features"][3]["geometry"]["coordinates"][0][0] == 10.0);
    CHECK(json["features"][3]["geometry"]["coordinates"][0][1] == 50.0);
}

TEST_CASE("GeoPackage holds every layer in one file", "[layers]") {
    test::TempDir dir;
    const fs::path path = dir.path / "trip.gpkg";
    CHECK(write_layers(path.string(), sample_layers()) == std::vector<std::string>{path.string()});
    CHECK(listing(dir.path) == std::set<std::string>{"trip.gpkg"});

    auto ds = open_vector(path);
    REQUIRE(ds->GetLayerCount() == 2);
    check_stops_layer(ds->GetLayerByName("stops"));
    OGRLayer* stops = ds->GetLayerByName("stops");
    CHECK(stops->GetLayerDefn()->GetFieldDefn(stops->GetLayerDefn()->GetFieldIndex("arrival"))->GetType() == OFTDate);
    const OGRSpatialReference* srs = stops->GetSpatialRef();
    REQUIRE(srs);
    CHECK(std::string(srs->GetAuthorityCode(nullptr)) == "4326");

    OGRLayer* legs = ds->GetLayerByName("legs");
    REQUIRE(legs);
    // One declared geometry type per layer: the split leg makes the layer MultiLineString.
    CHECK(wkbFlatten(legs->GetGeomType()) == wkbMultiLineString);
    REQUIRE(legs->GetFeatureCount() == 2);
    OGRFeatureUniquePtr f(legs->GetNextFeature());
    const auto* multi = f->GetGeometryRef()->toMultiLineString();
    REQUIRE(multi->getNumGeometries() == 2);
    CHECK(multi->getGeometryRef(0)->getX(1) == 180.0);
    CHECK(multi->getGeometryRef(1)->getX(0) == -180.0);
}

TEST_CASE("CSV writes one file per layer with X/Y or WKT geometry", "[layers]") {
    test::TempDir dir;
    const fs::path path = dir.path / "trip.csv";
    write_layers(path.string(), sample_layers());
    CHECK(listing(dir.path) == std::set<std::string>{"trip.csv", "trip.legs.csv"});

    const std::string stops = slurp(path);
    CHECK(stops.rfind("X,Y,seq,name,arrival,score", 0) == 0);
    CHECK(stops.find("131.885,43.1155,1,Vladivostok,2023-09-12,0.5") != std::string::npos);
    const std::string legs = slurp(dir.path / "trip.legs.csv");
    CHECK(legs.rfind("WKT,seq,distance_km", 0) == 0);
    CHECK(legs.find("MULTILINESTRING") != std::string::npos);

    auto ds = open_vector(path);
    OGRLayer* layer = ds->GetLayer(0);
    REQUIRE(layer->GetFeatureCount() == 2);
    OGRFeatureUniquePtr f(layer->GetNextFeature());
    CHECK(std::string(f->GetFieldAsString("name")) == "Vladivostok");
    CHECK(std::string(f->GetFieldAsString("arrival")) == "2023-09-12");
}

TEST_CASE("FlatGeobuf, Shapefile and KML", "[layers]") {
    test::TempDir dir;
    SECTION("FlatGeobuf") {
        write_layers((dir.path / "trip.fgb").string(), sample_layers());
        CHECK(listing(dir.path) == std::set<std::string>{"trip.fgb", "trip.legs.fgb"});
        auto ds = open_vector(dir.path / "trip.legs.fgb");
        CHECK(wkbFlatten(ds->GetLayer(0)->GetGeomType()) == wkbMultiLineString);
        CHECK(ds->GetLayer(0)->GetFeatureCount() == 2);
    }
    SECTION("Shapefile, with its sidecar files") {
        write_layers((dir.path / "trip.shp").string(), sample_layers());
        const auto names = listing(dir.path);
        for (const char* n : {"trip.shp", "trip.shx", "trip.dbf", "trip.prj", "trip.legs.shp", "trip.legs.dbf"}) {
            CHECK(names.count(n) == 1);
        }
        auto ds = open_vector(dir.path / "trip.shp");
        CHECK(ds->GetLayer(0)->GetFeatureCount() == 2);
    }
    SECTION("KML holds both layers in one file") {
        write_layers((dir.path / "trip.kml").string(), sample_layers());
        CHECK(listing(dir.path) == std::set<std::string>{"trip.kml"});
        auto ds = open_vector(dir.path / "trip.kml");
        CHECK(ds->GetLayerCount() == 2);
    }
}

TEST_CASE("another CRS is reprojected where the format allows it", "[layers]") {
    test::TempDir dir;
    WriteOptions options;
    options.crs = "EPSG:3857";
    const fs::path path = dir.path / "trip.gpkg";
    write_layers(path.string(), sample_layers(), options);
    auto ds = open_vector(path);
    OGRLayer* stops = ds->GetLayerByName("stops");
    CHECK(std::string(stops->GetSpatialRef()->GetAuthorityCode(nullptr)) == "3857");
    OGRFeatureUniquePtr f(stops->GetNextFeature());
    // Web Mercator x = a * lon in radians.
    CHECK(f->GetGeometryRef()->toPoint()->getX() == Approx(6378137.0 * 131.885 * M_PI / 180).margin(0.01));

    SECTION("GeoJSON and KML refuse it") {
        REQUIRE_THROWS_AS(write_layers((dir.path / "t.geojson").string(), sample_layers(), options), UsageError);
        REQUIRE_THROWS_WITH(write_layers((dir.path / "t.geojson").string(), sample_layers(), options),
                            Catch::Contains("RFC 7946") && Catch::Contains("EPSG:3857"));
        REQUIRE_THROWS_AS(write_layers((dir.path / "t.kml").string(), sample_layers(), options), UsageError);
    }
    SECTION("WGS84 under another name is fine for GeoJSON") {
        options.crs = "OGC:CRS84";
        REQUIRE_NOTHROW(write_layers((dir.path / "t.geojson").string(), sample_layers(), options));
    }
    SECTION("an unknown CRS is a usage error") {
        options.crs = "EPSG:999999";
        REQUIRE_THROWS_WITH(write_layers((dir.path / "t.gpkg").string(), sample_layers(), options),
                            Catch::Contains("unknown CRS 'EPSG:999999'"));
    }
}

TEST_CASE("writes are atomic", "[layers]") {
    test::TempDir dir;
    const fs::path path = dir.path / "trip.geojson";
    {
        std::ofstream(path) << "old content";
    }

    SECTION("a failing write leaves the existing file untouched and no temporary files") {
        auto layers = sample_layers();
        layers[1].features[1].values[0] = std::string("not a number");  // fails on the second layer
        REQUIRE_THROWS_AS(write_layers(path.string(), layers), UsageError);
        CHECK(slurp(path) == "old content");
        CHECK(listing(dir.path) == std::set<std::string>{"trip.geojson"});
    }
    SECTION("a full disk is an IoError naming the path and GDAL's reason, and changes nothing") {
        // A file size limit makes writes fail with EFBIG like a full disk would (root ignores
        // permissions, so a read-only folder would not do). SIGXFSZ is ignored so the write
        // call fails instead of the process being killed.
        const fs::path gpkg = dir.path / "trip.gpkg";
        {
            std::ofstream(gpkg) << "old package";
        }
        rlimit saved{};
        REQUIRE(getrlimit(RLIMIT_FSIZE, &saved) == 0);
        auto* old_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = saved;
        small.rlim_cur = 16 * 1024;  // a GeoPackage with its metadata tables is ~100 KB
        REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
        std::string message;
        bool io_error = false;
        try {
            write_layers(gpkg.string(), sample_layers());
        } catch (const IoError& e) {
            io_error = true;
            message = e.what();
        } catch (const std::exception& e) {
            message = e.what();
        }
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, old_handler);
        INFO(message);
        CHECK(io_error);
        CHECK(message.rfind(gpkg.string() + ": ", 0) == 0);
        CHECK(slurp(gpkg) == "old package");
        CHECK(listing(dir.path) == std::set<std::string>{"trip.geojson", "trip.gpkg"});
    }
    SECTION("duplicate field names are refused before GDAL sees them") {
        Layer l{"dup", GeometryType::Point, {{"a", FieldType::Integer}, {"A", FieldType::Integer}}, {}};
        REQUIRE_THROWS_WITH(write_layers((dir.path / "dup.gpkg").string(), {l}),
                            "layer 'dup': two fields are named 'A'");
        CHECK(listing(dir.path) == std::set<std::string>{"trip.geojson"});
    }
    SECTION("a successful write replaces the file and leaves nothing else") {
        write_layers(path.string(), sample_layers());
        CHECK(slurp(path).find("Vladivostok") != std::string::npos);
        CHECK(listing(dir.path) == std::set<std::string>{"trip.geojson", "trip.legs.geojson"});
    }
    SECTION("a missing folder is an IoError") {
        REQUIRE_THROWS_AS(write_layers((dir.path / "no" / "such.gpkg").string(), sample_layers()), IoError);
    }
}

TEST_CASE("values and geometries that do not fit are refused", "[layers]") {
    test::TempDir dir;
    const std::string path = (dir.path / "t.gpkg").string();
    struct Case {
        Layer layer;
        std::string message;
    };
    auto point_layer = [](std::vector<GeometryPart> parts, FieldValue v, FieldType t = FieldType::Date) {
        Layer l{"p", GeometryType::Point, {{"f", t}}, {}};
        l.features.push_back({std::move(parts), {std::move(v)}});
        return l;
    };
    Layer short_line{"l", GeometryType::LineString, {}, {}};
    short_line.features.push_back({{{{1, 2}}}, {}});
    const std::vector<Case> cases{
        {point_layer({{{1, 2}}}, std::string("2023-02-30")),
         "layer 'p', feature 1, field 'f': expected a date YYYY-MM-DD, got '2023-02-30'"},
        {point_layer({{{1, 2}}}, 1.5, FieldType::Integer),
         "layer 'p', feature 1, field 'f': expected an integer, got a number"},
        {point_layer({{{1, 2}}}, std::int64_t(3), FieldType::String),
         "layer 'p', feature 1, field 'f': expected a string, got an integer"},
        {point_layer({{{200, 2}}}, FieldValue{}), "layer 'p', feature 1: position (200, 2) is not a WGS84 longitude/latitude"},
        {point_layer({{{1, 2}, {3, 4}}}, FieldValue{}),
         "layer 'p', feature 1: a point feature needs exactly one part of one position"},
        {short_line, "layer 'l', feature 1: a line part needs at least 2 positions, got 1"},
        {Layer{"", GeometryType::Point, {}, {}}, "layer 1 has no name"},
    };
    for (const auto& c : cases) {
        INFO(c.message);
        REQUIRE_THROWS_AS(write_layers(path, {c.layer}), UsageError);
        REQUIRE_THROWS_WITH(write_layers(path, {c.layer}), c.message);
    }
    REQUIRE_THROWS_WITH(write_layers(path, {}), "nothing to write: no layers");
    CHECK(listing(dir.path).empty());
}
