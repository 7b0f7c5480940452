#include "viewer_window.hpp"

#include <gazetteer/error.hpp>
#include <gazetteer/lookup.hpp>

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStringListModel>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace gazetteer::map {

namespace {
QString qs(const std::string& s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
QString esc(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())).toHtmlEscaped(); }
constexpr int kSuggestions = 12;
}  // namespace

ViewerWindow::ViewerWindow(std::string index_path, QWidget* parent)
    : QMainWindow(parent), m_loader(std::move(index_path)), m_scene(std::make_shared<Scene>()) {
    setWindowTitle(QStringLiteral("gazetteer-map"));
    resize(1280, 800);

    m_map = new MapWidget(this);
    m_map->setScene(m_scene);

    auto* side = new QWidget(this);
    auto* layout = new QVBoxLayout(side);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(new QLabel(QStringLiteral("<b>Layers</b> (click to zoom)"), side));
    m_layers = new QListWidget(side);
    m_layers->setMaximumHeight(130);
    layout->addWidget(m_layers);
    m_place_info = new QLabel(QStringLiteral("Hover a place for details; click it to find its mentions."), side);
    m_place_info->setWordWrap(true);
    m_place_info->setTextFormat(Qt::RichText);
    layout->addWidget(m_place_info);
    m_text = new QTextBrowser(side);
    m_text->setOpenLinks(false);
    layout->addWidget(m_text, 1);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_map);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);

    auto* bar = addToolBar(QStringLiteral("Map"));
    bar->setMovable(false);
    m_search = new QLineEdit(bar);
    m_search->setPlaceholderText(QStringLiteral("Go to place…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    m_search->setMaximumWidth(420);
    m_completions = new QStringListModel(this);
    auto* completer = new QCompleter(m_completions, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_search->setCompleter(completer);
    bar->addWidget(m_search);
    connect(m_search, &QLineEdit::textEdited, this, [this](const QString& t) { m_completions->setStringList(suggestions(t)); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { goTo(m_search->text()); });
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this, [this](const QString& t) { goTo(t); });

    QAction* zoom_scene = bar->addAction(QStringLiteral("Zoom to article"));
    zoom_scene->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(zoom_scene, &QAction::triggered, m_map, &MapWidget::zoomToScene);
    QAction* zoom_world = bar->addAction(QStringLiteral("World"));
    connect(zoom_world, &QAction::triggered, this, [this] { m_map->zoomToExtent(GeoExtent{-180, -60, 180, 78}); });

    m_projection = new QComboBox(bar);
    for (auto kind : {MapProjection::Kind::WebMercator, MapProjection::Kind::EqualEarth, MapProjection::Kind::Laea,
                      MapProjection::Kind::Local}) {
        m_projection->addItem(QString::fromLatin1(MapProjection::kind_name(kind)), static_cast<int>(kind));
    }
    bar->addWidget(m_projection);
    connect(m_projection, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        m_map->setProjectionKind(static_cast<MapProjection::Kind>(m_projection->itemData(i).toInt()));
        m_map->zoomToScene();
    });

    QMenu* file = menuBar()->addMenu(QStringLiteral("&File"));
    QAction* open = file->addAction(QStringLiteral("&Open article or layer…"));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, QStringLiteral("Open"), QString(),
            QStringLiteral("Articles and layers (*.txt *.geojson *.json *.gpkg *.fgb *.kml *.shp);;All files (*)"));
        std::vector<std::string> paths;
        for (const auto& f : files) paths.push_back(f.toStdString());
        try {
            loadInputs(paths);
        } catch (const std::exception& e) {
            QMessageBox::warning(this, QStringLiteral("Cannot open"), QString::fromUtf8(e.what()));
        }
    });
    QAction* png = file->addAction(QStringLiteral("Export view as &PNG…"));
    connect(png, &QAction::triggered, this, [this] { exportDialog(QStringLiteral("PNG image (*.png)"), QStringLiteral(".png")); });
    QAction* svg = file->addAction(QStringLiteral("Export view as &SVG…"));
    connect(svg, &QAction::triggered, this, [this] { exportDialog(QStringLiteral("SVG image (*.svg)"), QStringLiteral(".svg")); });
    file->addSeparator();
    QAction* quit = file->addAction(QStringLiteral("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    connect(m_map, &MapWidget::placeClicked, this, &ViewerWindow::showPlace);
    connect(m_layers, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        m_map->zoomToLayer(static_cast<std::size_t>(item->data(Qt::UserRole).toULongLong()));
    });
    statusBar()->showMessage(QStringLiteral("Drag to pan, wheel or +/- to zoom, Home for the whole article"));
}

void ViewerWindow::loadInputs(const std::vector<std::string>& paths) {
    for (const auto& path : paths) m_loader.load(path, *m_scene);
    if (!m_scene->title.empty()) setWindowTitle(qs(m_scene->title) + QStringLiteral(" — gazetteer-map"));
    m_map->sceneChanged();
    m_map->zoomToScene();
    refreshLayers();
    showPlace(-1);
    statusBar()->showMessage(QStringLiteral("%1 places, %2 legs from %3 input(s)")
                                 .arg(m_scene->places.size())
                                 .arg(m_scene->legs.size())
                                 .arg(paths.size()));
}

void ViewerWindow::refreshLayers() {
    m_layers->clear();
    for (std::size_t i = 0; i < m_scene->layers.size(); ++i) {
        auto* item = new QListWidgetItem(qs(m_scene->layers[i].name), m_layers);
        item->setData(Qt::UserRole, static_cast<qulonglong>(i));
    }
}

QStringList ViewerWindow::suggestions(const QString& prefix) {
    QStringList out;
    const QString p = prefix.trimmed();
    if (p.isEmpty()) return out;
    for (const auto& place : m_scene->places) {
        const QString name = qs(place.name);
        if (name.startsWith(p, Qt::CaseInsensitive) && !out.contains(name)) out << name;
    }
    try {
        LookupOptions options;
        options.limit = kSuggestions;
        for (const Candidate& c : search_prefix(m_loader.index(), p.toStdString(), options)) {
            QString label = qs(c.place.name);
            if (!c.place.country.empty()) label += QStringLiteral(", ") + qs(c.place.country);
            if (!out.contains(label)) out << label;
            if (out.size() >= kSuggestions) break;
        }
    } catch (const Error& e) {
        statusBar()->showMessage(QStringLiteral("Search unavailable: ") + QString::fromUtf8(e.what()));
    }
    return out;
}

bool ViewerWindow::goTo(const QString& text) {
    const QString t = text.trimmed();
    if (t.isEmpty()) return false;
    for (std::size_t i = 0; i < m_scene->places.size(); ++i) {
        if (qs(m_scene->places[i].name).compare(t, Qt::CaseInsensitive) == 0) {
            m_map->zoomToPosition(m_scene->places[i].lon, m_scene->places[i].lat);
            m_map->selectPlace(static_cast<int>(i));
            showPlace(static_cast<int>(i));
            return true;
        }
    }
    try {
        // "Name, CC" from the suggestions is the lookup's "Name, Qualifier" form.
        const auto found = lookup(m_loader.index(), t.toStdString());
        if (found.empty()) {
            statusBar()->showMessage(QStringLiteral("No place named “%1”").arg(t));
            return false;
        }
        const Place& pl = found.front().place;
        if (m_search_layer >= m_scene->layers.size()) {
            m_search_layer = m_scene->add_layer("Search results", "", false);
            refreshLayers();
        }
        ScenePlace sp = scene_place(pl, 1, m_search_layer);
        sp.confidence = found.front().score;
        m_scene->places.push_back(std::move(sp));
        m_map->sceneChanged();
        m_map->zoomToPosition(pl.lon, pl.lat);
        m_map->selectPlace(static_cast<int>(m_scene->places.size() - 1));
        showPlace(static_cast<int>(m_scene->places.size() - 1));
        return true;
    } catch (const Error& e) {
        statusBar()->showMessage(QStringLiteral("Search failed: ") + QString::fromUtf8(e.what()));
        return false;
    }
}

void ViewerWindow::showPlace(int place) {
    const std::string& text = m_scene->article_text;
    const ScenePlace* sel = place >= 0 && place < static_cast<int>(m_scene->places.size()) ? &m_scene->places[place] : nullptr;
    if (sel) {
        m_place_info->setText(m_map->placeTooltip(static_cast<std::size_t>(place)));
    } else {
        m_place_info->setText(QStringLiteral("Hover a place for details; click it to find its mentions."));
    }
    if (text.empty()) {
        m_text->setHtml(QStringLiteral("<p><i>No article loaded.</i></p>"));
        return;
    }
    // Every resolved mention is underlined; those of the selected place are marked. Spans are
    // byte offsets into the UTF-8 text, so the text is cut as bytes and escaped piece by piece.
    struct Span {
        std::size_t start, end;
        bool selected;
    };
    std::vector<Span> spans;
    for (std::size_t i = 0; i < m_scene->places.size(); ++i) {
        for (const auto& m : m_scene->places[i].mention_spans) {
            if (m.byte_end <= text.size() && m.byte_start < m.byte_end) spans.push_back({m.byte_start, m.byte_end, static_cast<int>(i) == place});
        }
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    QString html = QStringLiteral("<div style='white-space:pre-wrap; font-size:11pt'>");
    std::size_t at = 0;
    int marked = 0;
    for (const Span& s : spans) {
        if (s.start < at) continue;
        html += esc(std::string_view(text).substr(at, s.start - at));
        const QString surface = esc(std::string_view(text).substr(s.start, s.end - s.start));
        if (s.selected) {
            html += QStringLiteral("<a name='hit%1'></a><span style='background:#ffc107; font-weight:bold'>%2</span>").arg(marked++).arg(surface);
        } else {
            html += QStringLiteral("<span style='text-decoration:underline; color:#1f5fa8'>%1</span>").arg(surface);
        }
        at = s.end;
    }
    html += esc(std::string_view(text).substr(at));
    html += QStringLiteral("</div>");
    m_text->setHtml(html);
    if (marked > 0) m_text->scrollToAnchor(QStringLiteral("hit0"));
}

QString ViewerWindow::articleHtml() const { return m_text->toHtml(); }

void ViewerWindow::exportDialog(const QString& filter, const QString& suffix) {
    QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export view"), QString(), filter);
    if (path.isEmpty()) return;
    if (!path.endsWith(suffix, Qt::CaseInsensitive)) path += suffix;
    try {
        m_map->exportView(path.toStdString());
        statusBar()->showMessage(QStringLiteral("Wrote ") + path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, QStringLiteral("Export failed"), QString::fromUtf8(e.what()));
    }
}

}  // namespace gazetteer::map
