#pragma once
// The scene model: what the map shows, independent of projection and pixels. Places come from
// an article's geoparse (sized by mention count, with the sentences that mention them) or from
// point layers; legs come from the itinerary or from line layers. The renderer turns a Scene
// into pixels through a MapView.

#include "geo_extent.hpp"

#include <gazetteer/layers.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace gazetteer::map {

/// One mention of a place in the article text (UTF-8 byte offsets, end-exclusive).
struct SceneMention {
    std::size_t byte_start = 0;
    std::size_t byte_end = 0;
    double confidence = 0;
};

/// A place on the map.
struct ScenePlace {
    std::string id;            ///< gazetteer id ("geonames:2013348") or the layer's id field, may be ""
    std::string name;          ///< label
    std::string country;       ///< ISO alpha-2, may be ""
    std::string feature_code;  ///< GeoNames feature code, may be ""
    char feature_class = 0;    ///< GeoNames class ('A' = country or division), 0 when unknown
    double lon = 0, lat = 0;   ///< WGS84 degrees
    std::size_t mentions = 1;  ///< how often the article (or layer) names it; sizes the marker
    double confidence = -1;    ///< best resolution confidence in [0,1], -1 when unknown
    std::vector<std::string> sentences;   ///< distinct sentences mentioning it, in text order
    std::vector<SceneMention> mention_spans;  ///< its mentions in Scene::article_text
    int stop_seq = 0;          ///< 1-based order in the itinerary, 0 when not a stop
    std::string date;          ///< a stop's date "YYYY-MM-DD" when known, else ""
    std::size_t layer = 0;     ///< index in Scene::layers

    /// True for countries and divisions (drawn as rings: the point stands for an area).
    bool is_area() const noexcept { return feature_class == 'A'; }
};

/// A leg of a route, or any line of a layer.
struct SceneLeg {
    int seq = 0;                ///< 1-based order, 0 for an unordered line (no arrow, no number)
    std::string mode;           ///< train, plane, car, ship or ""
    std::string date;           ///< YYYY-MM-DD or ""
    double distance_km = -1;    ///< -1 when unknown
    std::vector<GeometryPart> parts;  ///< densified lon/lat vertices
    std::size_t layer = 0;      ///< index in Scene::layers
};

/// A source of the scene: an article or one layer of a GIS file.
struct SceneLayer {
    std::string name;   ///< shown in the layer list ("kim-putin.txt", "trip.geojson: stops")
    std::string path;   ///< file it came from
    bool article = false;
};

/// Everything the map shows.
struct Scene {
    std::string title;         ///< map title ("" = none)
    std::string article_path;  ///< last article loaded, "" when none
    std::string article_text;  ///< its text (UTF-8), for the side panel; never written out
    std::vector<ScenePlace> places;
    std::vector<SceneLeg> legs;
    std::vector<SceneLayer> layers;

    /// True when some leg is ordered (an itinerary or a route layer).
    bool has_route() const noexcept;
    /// Extent of every place and leg vertex; empty for an empty scene.
    std::optional<GeoExtent> extent() const;
    /// What a map of this scene should show first: the route (stops and legs) when there is one,
    /// since an itinerary is what a reader came for, else every place.
    std::optional<GeoExtent> focus_extent() const;
    /// Extent of the places and legs of one layer.
    std::optional<GeoExtent> layer_extent(std::size_t layer) const;
    /// Adds a layer record and returns its index.
    std::size_t add_layer(std::string name, std::string path, bool article);
};

/// Longitude/latitude vertices between `a` and `b` along the straight line in lon/lat (how
/// RFC 7946 section 3.1.1 readers interpret a segment), one at least every `step_deg` degrees.
GeometryPart densify_lonlat(const LonLat& a, const LonLat& b, double step_deg = 1.0);

}  // namespace gazetteer::map
