#pragma once
// Great-circle distance for ranking and proximity tests. A layer below the index and the
// look-ups: both use it, and so do the faces (the map's scale bar), without pulling in lookup.hpp.

namespace gazetteer {

/// Great-circle distance in km between two WGS84 points in degrees, on a sphere of 6371 km
/// (the IUGG mean radius). Good to about 0.5% against the ellipsoid: enough for ranking and
/// "within N km" tests; route legs use the ellipsoid (route.hpp).
double haversine_km(double lat1, double lon1, double lat2, double lon2) noexcept;

}  // namespace gazetteer
