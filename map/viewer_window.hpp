#pragma once
// The gazetteer-map main window: the map, a search box with type-ahead from the gazetteer
// (search_prefix), a layer list (click to zoom to a layer) and a side panel with the article
// text where the mentions of the clicked place are highlighted.

#include "map_widget.hpp"
#include "scene_loader.hpp"

#include <QMainWindow>

#include <memory>
#include <string>
#include <vector>

class QLineEdit;
class QListWidget;
class QStringListModel;
class QTextBrowser;
class QLabel;
class QComboBox;

namespace gazetteer::map {

class ViewerWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `index_path` as SceneLoader takes it.
    explicit ViewerWindow(std::string index_path, QWidget* parent = nullptr);

    /// Loads articles and layers into the scene (throws like SceneLoader::load) and zooms to it.
    void loadInputs(const std::vector<std::string>& paths);
    MapWidget* mapWidget() const noexcept { return m_map; }
    SceneLoader& loader() noexcept { return m_loader; }

    /// Type-ahead suggestions for `prefix`: scene places first, then gazetteer places.
    QStringList suggestions(const QString& prefix);
    /// Goes to what the search box names: a scene place (selected) or the gazetteer's best match
    /// (added to a "search" layer). Returns false when nothing matches.
    bool goTo(const QString& text);
    /// Shows the article with the mentions of `place` highlighted (-1 = none) and its details.
    void showPlace(int place);
    /// The side panel's current HTML (for tests).
    QString articleHtml() const;

private:
    void refreshLayers();
    void exportDialog(const QString& filter, const QString& suffix);

    SceneLoader m_loader;
    std::shared_ptr<Scene> m_scene;
    MapWidget* m_map = nullptr;
    QLineEdit* m_search = nullptr;
    QStringListModel* m_completions = nullptr;
    QListWidget* m_layers = nullptr;
    QLabel* m_place_info = nullptr;
    QTextBrowser* m_text = nullptr;
    QComboBox* m_projection = nullptr;
    std::size_t m_search_layer = static_cast<std::size_t>(-1);
};

}  // namespace gazetteer::map
