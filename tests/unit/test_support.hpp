#pragma once
// Helpers shared by the unit tests: where the test data, the default index and ../shared are.

#include <gazetteer/build.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_skip.hpp"

namespace gazetteer::test {

inline std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

/// tests/data
inline std::filesystem::path data_dir() { return env_or("GAZETTEER_TEST_DATA", "tests/data"); }

/// The default index built from the embedded sources ("" when it has not been built).
inline std::string default_index() {
    std::string p = env_or("GAZETTEER_TEST_INDEX", "");
    return !p.empty() && std::filesystem::exists(p) ? p : std::string();
}

/// ../shared beside the checkout ("" when absent).
inline std::filesystem::path shared_dir() {
    std::filesystem::path p = env_or("GAZETTEER_SHARED_DIR", "../shared");
    return std::filesystem::exists(p) ? p : std::filesystem::path();
}

/// A fresh temporary folder removed at scope exit.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "gaztest-XXXXXX").string();
        path = mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

/// Writes `text` to `path` (for malformed-input tables).
inline void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

/// Builds the small fixture index (tests/data: 17 GeoNames rows, 3 countries, 2 boxes standing in
/// for country polygons, 3 curated places) at `path` and returns the path.
inline std::string build_fixture_index(const std::filesystem::path& path) {
    IndexBuilder b;
    auto d = data_dir();
    b.add_geonames((d / "geonames" / "sample.txt").string());
    b.add_admin1_codes((d / "geonames" / "admin1CodesASCII.txt").string());
    b.add_world_countries((d / "geonames" / "countries.json").string());
    b.add_boundaries((d / "geonames" / "boundaries.geojson").string());
    b.add_curated((d / "curated" / "sample.csv").string());
    b.write(path.string());
    return path.string();
}

/// The bytes of a file (tests that damage index files read and write them whole).
inline std::string read_all(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}
inline void write_all(const std::filesystem::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

}  // namespace gazetteer::test
