#include "map_widget.hpp"

#include "exporter.hpp"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace gazetteer::map {

namespace {
QString html_escape(const std::string& s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())).toHtmlEscaped(); }

// Sentences shown in a tooltip at most; the side panel shows them all.
constexpr std::size_t kTooltipSentences = 3;
}  // namespace

MapWidget::MapWidget(QWidget* parent)
    : QWidget(parent), m_scene(std::make_shared<Scene>()), m_view(MapProjection::create(MapProjection::Kind::WebMercator), QSize(800, 600)) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 240);
    m_style.title = false;  // the window title names the map; keep the screen uncluttered
    m_view.set_scale(40000);
}

void MapWidget::setScene(std::shared_ptr<Scene> scene) {
    m_scene = scene ? std::move(scene) : std::make_shared<Scene>();
    sceneChanged();
}

void MapWidget::sceneChanged() {
    if (m_style.selected_place >= static_cast<int>(m_scene->places.size())) m_style.selected_place = -1;
    if (m_style.hovered_place >= static_cast<int>(m_scene->places.size())) m_style.hovered_place = -1;
    update();
}

void MapWidget::setBasemap(Basemap basemap) {
    m_basemap = std::move(basemap);
    update();
}

void MapWidget::setProjectionKind(MapProjection::Kind kind) {
    m_kind = kind;
    m_view.set_projection(MapProjection::create(kind, m_scene->focus_extent()));
    update();
    emit viewChanged();
}

void MapWidget::zoomToExtent(const GeoExtent& extent) {
    m_view.set_size(size());
    m_view.fit(extent, 40);
    update();
    emit viewChanged();
}

void MapWidget::zoomToScene() {
    if (auto e = m_scene->focus_extent()) {
        // A projection fitted to what is shown (matters for the local and equal-area kinds).
        m_view.set_projection(MapProjection::create(m_kind, e));
        zoomToExtent(e->padded(0.08, 0.5));
    } else {
        zoomToExtent(GeoExtent{-180, -60, 180, 75});
    }
}

void MapWidget::zoomToLayer(std::size_t layer) {
    if (auto e = m_scene->layer_extent(layer)) zoomToExtent(e->padded(0.08, 0.5));
}

void MapWidget::zoomToPosition(double lon, double lat, double radius_km) {
    const double dlat = radius_km / 111.0;
    const double dlon = dlat / std::max(0.05, std::cos(lat * M_PI / 180));
    GeoExtent e{lon - dlon, std::max(-89.0, lat - dlat), lon + dlon, std::min(89.0, lat + dlat)};
    if (e.west < -180) e.west += 360;
    if (e.east > 180) e.east -= 360;
    zoomToExtent(e);
}

void MapWidget::selectPlace(int index) {
    m_style.selected_place = index;
    update();
}

void MapWidget::exportView(const std::string& path) const {
    RenderStyle s = m_style;
    s.title = true;
    s.hovered_place = -1;
    export_image(path, m_view, *m_scene, m_basemap, s);
}

QString MapWidget::placeTooltip(std::size_t index) const {
    const ScenePlace& p = m_scene->places.at(index);
    QString t = QStringLiteral("<b>%1</b>").arg(html_escape(p.name.empty() ? "(unnamed)" : p.name));
    if (p.stop_seq > 0) t += QStringLiteral(" &mdash; stop %1").arg(p.stop_seq);
    QStringList facts;
    if (!p.feature_code.empty()) facts << html_escape(p.feature_code);
    if (!p.country.empty()) facts << html_escape(p.country);
    facts << QStringLiteral("%1, %2").arg(p.lat, 0, 'f', 4).arg(p.lon, 0, 'f', 4);
    t += QStringLiteral("<br/>") + facts.join(QStringLiteral(" · "));
    if (!p.id.empty()) t += QStringLiteral("<br/><small>%1</small>").arg(html_escape(p.id));
    t += QStringLiteral("<br/>%1 mention%2").arg(p.mentions).arg(p.mentions == 1 ? "" : "s");
    if (p.confidence >= 0) t += QStringLiteral(", confidence %1").arg(p.confidence, 0, 'f', 2);
    for (std::size_t i = 0; i < p.sentences.size() && i < kTooltipSentences; ++i) {
        t += QStringLiteral("<br/>&ldquo;%1&rdquo;").arg(html_escape(p.sentences[i]));
    }
    if (p.sentences.size() > kTooltipSentences) {
        t += QStringLiteral("<br/><i>%1 more; click to see them in the text</i>").arg(p.sentences.size() - kTooltipSentences);
    }
    return QStringLiteral("<div style='max-width:420px'>") + t + QStringLiteral("</div>");
}

void MapWidget::paintEvent(QPaintEvent*) {
    m_view.set_size(size());
    QPainter painter(this);
    const auto projected = m_basemap.empty() ? nullptr : m_basemap.project(m_view.projection());
    render_map(painter, m_view, *m_scene, projected.get(), m_style);
}

void MapWidget::resizeEvent(QResizeEvent*) {
    m_view.set_size(size());
    emit viewChanged();
}

void MapWidget::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return;
    m_drag_from = e->position();
    m_press_at = e->position();
    m_dragged = false;
    setCursor(Qt::ClosedHandCursor);
}

void MapWidget::mouseMoveEvent(QMouseEvent* e) {
    if (m_drag_from) {
        const QPointF delta = e->position() - *m_drag_from;
        if ((e->position() - m_press_at).manhattanLength() > 3) m_dragged = true;
        if (m_dragged) {
            m_view.pan_pixels(delta);
            m_drag_from = e->position();
            update();
            emit viewChanged();
        }
        return;
    }
    const auto hit = place_at(m_view, *m_scene, m_style, e->position());
    const int hovered = hit ? static_cast<int>(*hit) : -1;
    if (hovered != m_style.hovered_place) {
        m_style.hovered_place = hovered;
        update();
    }
    if (hit) {
        QToolTip::showText(e->globalPosition().toPoint(), placeTooltip(*hit), this);
        setCursor(Qt::PointingHandCursor);
    } else {
        QToolTip::hideText();
        unsetCursor();
    }
}

void MapWidget::mouseReleaseEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return;
    unsetCursor();
    const bool click = !m_dragged;
    m_drag_from.reset();
    if (!click) return;
    const auto hit = place_at(m_view, *m_scene, m_style, e->position());
    selectPlace(hit ? static_cast<int>(*hit) : -1);
    emit placeClicked(hit ? static_cast<int>(*hit) : -1);
}

void MapWidget::zoomBy(double factor, QPointF at) {
    m_view.set_size(size());
    m_view.zoom_at(at, factor);
    update();
    emit viewChanged();
}

void MapWidget::wheelEvent(QWheelEvent* e) {
    const double steps = e->angleDelta().y() / 120.0;
    if (steps != 0) zoomBy(std::pow(1.25, steps), e->position());
    e->accept();
}

void MapWidget::keyPressEvent(QKeyEvent* e) {
    const QPointF centre(width() / 2.0, height() / 2.0);
    const double step = std::min(width(), height()) / 6.0;
    switch (e->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal: zoomBy(1.5, centre); break;
        case Qt::Key_Minus: zoomBy(1 / 1.5, centre); break;
        case Qt::Key_Left: m_view.pan_pixels({step, 0}); update(); emit viewChanged(); break;
        case Qt::Key_Right: m_view.pan_pixels({-step, 0}); update(); emit viewChanged(); break;
        case Qt::Key_Up: m_view.pan_pixels({0, step}); update(); emit viewChanged(); break;
        case Qt::Key_Down: m_view.pan_pixels({0, -step}); update(); emit viewChanged(); break;
        case Qt::Key_Home: zoomToScene(); break;
        default: QWidget::keyPressEvent(e); return;
    }
    e->accept();
}

void MapWidget::leaveEvent(QEvent*) {
    if (m_style.hovered_place != -1) {
        m_style.hovered_place = -1;
        update();
    }
}

}  // namespace gazetteer::map
