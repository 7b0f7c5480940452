// Great-circle distance on the mean sphere (distance.hpp).

#include <gazetteer/distance.hpp>

#include <algorithm>
#include <cmath>

namespace gazetteer {

double haversine_km(double lat1, double lon1, double lat2, double lon2) noexcept {
    constexpr double r = 6371.0, d2r = M_PI / 180.0;
    double p1 = lat1 * d2r, p2 = lat2 * d2r, dp = p2 - p1, dl = (lon2 - lon1) * d2r;
    double a = std::sin(dp / 2) * std::sin(dp / 2) + std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return 2 * r * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace gazetteer
