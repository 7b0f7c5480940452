#pragma once
// Fills a Scene from the map's inputs: an article (plain UTF-8 text: geoparsed, and its
// itinerary extracted when the engine has itinerary extraction) or a GIS layer file read with
// GDAL (GeoJSON, GeoPackage, or anything else GDAL reads as vector). GDAL types stay in
// scene_loader.cpp.

#include "scene.hpp"

#include <gazetteer/place.hpp>

#include <memory>
#include <string>

namespace gazetteer { class Index; }

namespace gazetteer::map {

/// How an input path is read.
enum class InputKind { Article, Layer };

/// Article for .txt, .text and .md files, Layer for everything else.
InputKind classify_input(const std::string& path);

/// A map place for a gazetteer place (article places, itinerary stops, search results alike).
ScenePlace scene_place(const gazetteer::Place& place, std::size_t mentions, std::size_t layer);


/// Loads inputs into a Scene. Opens the index lazily, on the first article or search.
class SceneLoader {
public:
    /// `index_path`: the gazetteer index for articles and place search ("" = default_index_path()).
    explicit SceneLoader(std::string index_path = {});
    ~SceneLoader();

    /// Loads `path` by its kind. Throws IoError/ParseError for unreadable inputs, IndexError when
    /// an article needs the index and it cannot be opened, UsageError when this build cannot
    /// geoparse.
    void load(const std::string& path, Scene& scene);
    void load_article(const std::string& path, Scene& scene);
    void load_layer(const std::string& path, Scene& scene);

    /// The index (opened on first use; throws IndexError).
    const Index& index();
    /// The index path in use.
    const std::string& index_path() const noexcept { return m_index_path; }

private:
    std::string m_index_path;
    std::unique_ptr<Index> m_index;
};

}  // namespace gazetteer::map
