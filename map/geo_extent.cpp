#include "geo_extent.hpp"

#include <gazetteer/error.hpp>

#include <charconv>
#include <cmath>

namespace gazetteer::map {

GeoExtent parse_extent(const std::string& text) {
    std::vector<double> v;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        std::string item = text.substr(start, comma - start);
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        const char* first = item.c_str();
        if (*first == '+') ++first;
        double d = 0;
        auto [end, ec] = std::from_chars(first, item.c_str() + item.size(), d);
        if (item.empty() || ec != std::errc() || end != item.c_str() + item.size() || !std::isfinite(d)) {
            throw UsageError("--extent '" + text + "': expected auto or lon1,lat1,lon2,lat2 in decimal degrees");
        }
        v.push_back(d);
        start = comma + 1;
    }
    if (v.size() != 4) throw UsageError("--extent '" + text + "': expected four numbers lon1,lat1,lon2,lat2");
    GeoExtent e{v[0], v[1], v[2], v[3]};
    if (std::abs(e.west) > 180 || std::abs(e.east) > 180 || std::abs(e.south) > 90 || std::abs(e.north) > 90) {
        throw UsageError("--extent '" + text + "': longitudes must lie in [-180, 180] and latitudes in [-90, 90]");
    }
    if (e.south >= e.north || e.west == e.east) {
        throw UsageError("--extent '" + text + "': the box is empty (lat1 must be below lat2, lon1 differ from lon2)");
    }
    return e;
}

}  // namespace gazetteer::map
