#pragma once
// The interactive map: drag to pan, wheel or +/- keys to zoom (arrow keys pan, Home zooms to the
// scene), hover a place for a tooltip (name, confidence, the sentences that mention it), click
// it to select it (placeClicked). It paints with the same renderer as the exporters.

#include "basemap.hpp"
#include "map_view.hpp"
#include "renderer.hpp"
#include "scene.hpp"

#include <QWidget>

#include <memory>
#include <optional>

namespace gazetteer::map {

class MapWidget : public QWidget {
    Q_OBJECT
public:
    explicit MapWidget(QWidget* parent = nullptr);

    /// The scene shown (shared with the owner, who calls sceneChanged() after editing it).
    void setScene(std::shared_ptr<Scene> scene);
    std::shared_ptr<Scene> scene() const { return m_scene; }
    /// Call after editing the scene: drops a selection that no longer exists and repaints.
    void sceneChanged();

    void setBasemap(Basemap basemap);
    /// Replaces the projection (the kind is created for the scene's focus extent).
    void setProjectionKind(MapProjection::Kind kind);
    MapProjection::Kind projectionKind() const noexcept { return m_kind; }

    const MapView& view() const noexcept { return m_view; }
    RenderStyle& style() noexcept { return m_style; }

    /// Zooms to an extent (with a margin), to the scene's focus extent, to one layer, or to a
    /// position at about `radius_km` around it.
    void zoomToExtent(const GeoExtent& extent);
    void zoomToScene();
    void zoomToLayer(std::size_t layer);
    void zoomToPosition(double lon, double lat, double radius_km = 150);

    /// Selects (highlights) a place, -1 for none.
    void selectPlace(int index);
    int selectedPlace() const noexcept { return m_style.selected_place; }

    /// Writes the current view (at the widget's size) to a .png or .svg file. Throws like
    /// export_image.
    void exportView(const std::string& path) const;

    /// Tooltip text (HTML) of a place: name, kind, coordinates, confidence, sentences.
    QString placeTooltip(std::size_t index) const;

signals:
    void placeClicked(int index);
    void viewChanged();

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    void leaveEvent(QEvent*) override;

private:
    void zoomBy(double factor, QPointF at);

    std::shared_ptr<Scene> m_scene;
    Basemap m_basemap;
    MapProjection::Kind m_kind = MapProjection::Kind::WebMercator;
    MapView m_view;
    RenderStyle m_style;
    std::optional<QPointF> m_drag_from;
    QPointF m_press_at;
    bool m_dragged = false;
};

}  // namespace gazetteer::map
