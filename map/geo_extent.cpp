#include "geo_extent.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/text.hpp>

#include <cmath>
#include <optional>

namespace gazetteer::map {

GeoExtent parse_extent(const std::string& text) {
    const std::string malformed = "--extent '" + text + "': expected auto or lon1,lat1,lon2,lat2 in decimal degrees";
    if (trim_space(text).empty()) throw UsageError(malformed);
    std::vector<double> v;
    for (const std::string& item : split_comma_list(text)) {
        const std::optional<double> d = parse_decimal(item);
        if (!d) throw UsageError(malformed);
        v.push_back(*d);
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
