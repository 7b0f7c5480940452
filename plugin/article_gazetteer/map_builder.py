"""What *Add to map* does: the article's layers in a group of their own over an offline basemap,
in a projection centred on the journey, framed after QGIS has settled its own view.

- Layers "stops", "legs", "places" and "mentions" (the engine's schemas, layers.py) go into a
  layer-tree group named after the article, stops on top. Adding the same article again replaces
  that group in place; other articles' groups stay.
- The basemap is QGIS's own world map (resources/data/world_map.gpkg: Natural Earth 1:10m admin-0
  countries, generalised, shipped with every QGIS since 3.10), so the plugin carries no data
  and works offline. It is added once per project, at the bottom of the layer tree, as a memory
  layer cut at the meridian opposite the projection's centre and clipped to the projection's
  domain, so that no country smears across the map when the view is centred on the Pacific.
- The projection comes from the engine (choose_projection over extent_of, the rules the Qt map
  uses): centred on the journey, so a route across 180 degrees is drawn whole. The project CRS is
  changed only while the project holds nothing but this plugin's layers; a user's own project
  keeps its CRS.
- QGIS zooms to the full extent when the first layers of a project arrive, from a queued call
  (QgsLayerTreeMapCanvasBridge). The view is therefore framed at once and again from the event
  loop, after that call has run.
"""

import math
import os
import re
from collections import namedtuple

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsLayerTreeGroup,
    QgsMessageLog,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtGui import QColor

from . import engine, layers

# Custom properties marking what this module added (names can be changed by the user).
BASEMAP_PROPERTY = "article_gazetteer/basemap"
BASEMAP_CRS_PROPERTY = "article_gazetteer/basemap_crs"  # PROJ string of the CRS it is cut for
GROUP_PROPERTY = "article_gazetteer/article"
BASEMAP_NAME = "World (Natural Earth)"
# Layer names in the group, top to bottom.
LAYER_ORDER = ("stops", "legs", "places", "mentions")
# Margin around the journey, as a fraction of its projected size on each side: room for the
# stop labels, which lean towards the middle of the map (layers.style_stops) but may still sit
# beside a stop on the edge.
MARGIN = dict(left=0.2, right=0.25, bottom=0.15, top=0.18)
# Smallest framed size, metres: a journey inside one city still shows its surroundings.
MIN_FRAME_M = 60000.0
# Geometry types: Qgis.GeometryType from 3.30, QgsWkbTypes.GeometryType before.
_POLYGON = getattr(getattr(Qgis, "GeometryType", None), "Polygon", None) or QgsWkbTypes.PolygonGeometry
# Message levels: Qgis.MessageLevel from 3.x, scoped in QGIS 4.
_WARNING = Qgis.MessageLevel.Warning
# Distance kept from the projection's back meridian when cutting the basemap, degrees.
_CUT_DEG = 0.05


class AddedArticle:
    """The outcome of add_article(): the group, its layers by name, the CRS and the frame."""

    def __init__(self, group, layers_by_name, crs, frame, projection):
        self.group = group
        self.layers = layers_by_name
        self.crs = crs
        self.frame = frame            # QgsRectangle in `crs`, or None when nothing has a position
        self.projection = projection  # engine ProjectionChoice, or None when the CRS was kept


def add_article(article, itinerary, title, canvas=None, project=None, gazetteer_version=""):
    """Adds the article's layers (and the basemap, once) to `project` and frames `canvas`.

    article: the engine's GeoparseResult; itinerary: the engine's Itinerary or None (used when it
    has two stops or more); title: the group name. Returns an AddedArticle."""
    project = project or QgsProject.instance()
    built = _article_layers(article, itinerary, gazetteer_version)
    points = framing_points(article, itinerary)
    ours_only = _project_is_ours(project)

    group = _replace_group(project, title, [built[name] for name in LAYER_ORDER if name in built])

    choice = None
    crs = project.crs()
    if points and (ours_only or not crs.isValid()):
        extent = engine.module().extent_of(points)
        choice = engine.module().choose_projection(extent.padded(0.1, 1.0), "local")
        crs = _named_crs(choice)
        if not crs.isValid():  # PROJ refused it: keep QGIS's choice rather than fail
            choice, crs = None, project.crs()
    tinted = sorted({p.country for p in article.places
                     if engine.module().is_country_feature_code(p.feature_code) and p.country})
    if choice is not None:
        _chosen_domains[crs.toProj()] = _Domain(choice.central_lon, choice.half_lon_span,
                                                choice.min_lat, choice.max_lat)
    _ensure_basemap(project, crs, tinted)
    _watch(project)
    if ours_only:
        project.setBackgroundColor(QColor(*layers.SEA_RGB))

    frame = frame_rectangle(points, crs, project) if points else None
    settle = _Settle(project, canvas, crs if choice is not None else None, frame)
    settle()
    # Again after QGIS's queued set-up for a project's first layers (see the module docstring),
    # which would put back the first layer's CRS and zoom to the full extent.
    QTimer.singleShot(0, settle)
    return AddedArticle(group, built, crs, frame, choice)


def framing_points(article, itinerary):
    """(lon, lat) positions the view must show: the itinerary's stops and every vertex of its legs
    (geodesics bulge poleward), or, without an itinerary, the article's places."""
    if itinerary and len(itinerary.stops) >= 2:
        points = [(s.lon, s.lat) for s in itinerary.stops]
        for layer in itinerary.layers():
            if layer["name"] == "legs":
                for _, parts in layer["features"]:
                    for part in parts:
                        points.extend(part)
        return points
    return [(p.lon, p.lat) for p in article.places]


def frame_rectangle(points, crs, project=None):
    """The view over `points` in `crs` with the MARGIN around it (None when none projects)."""
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), crs,
                                       project or QgsProject.instance())
    xs, ys = [], []
    for lon, lat in points:
        try:
            p = transform.transform(QgsPointXY(lon, lat))
        except QgsCsException:  # a position outside the projection's range
            continue
        if math.isfinite(p.x()) and math.isfinite(p.y()):
            xs.append(p.x())
            ys.append(p.y())
    if not xs:
        return None
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    if crs.isGeographic():
        minimum = MIN_FRAME_M / 111320.0
    else:
        minimum = MIN_FRAME_M
    width, height = max(width, minimum), max(height, minimum)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    if x1 - x0 < width:
        x0, x1 = cx - width / 2, cx + width / 2
    if y1 - y0 < height:
        y0, y1 = cy - height / 2, cy + height / 2
    return QgsRectangle(x0 - width * MARGIN["left"], y0 - height * MARGIN["bottom"],
                        x1 + width * MARGIN["right"], y1 + height * MARGIN["top"])


def basemap_source():
    """Path of QGIS's bundled world map, or None when this QGIS has none."""
    for base in (QgsApplication.pkgDataPath(), "/usr/share/qgis"):
        path = os.path.join(base, "resources", "data", "world_map.gpkg")
        if os.path.isfile(path):
            return path
    return None


def find_basemap(project=None):
    """The basemap layer this module added to `project`, or None."""
    project = project or QgsProject.instance()
    for layer in project.mapLayers().values():
        if layer.customProperty(BASEMAP_PROPERTY, False) in (True, "true", 1):
            return layer
    return None


def find_group(title, project=None):
    """The layer-tree group of the article called `title`, or None."""
    root = (project or QgsProject.instance()).layerTreeRoot()
    for child in root.children():
        if isinstance(child, QgsLayerTreeGroup) and child.customProperty(GROUP_PROPERTY) == title:
            return child
    return None


def export_map_image(path, frame, crs, project=None, title="", width_mm=240.0, height_mm=170.0, dpi=110):
    """Exports the project's visible layers over `frame` (a QgsRectangle in `crs`) through a QGIS
    print layout (QgsLayoutExporter), as a user's File > Export would: the title above the map
    and the basemap credit below it, both outside the map frame. Returns the layout."""
    from qgis.core import (QgsLayoutExporter, QgsLayoutItemLabel, QgsLayoutItemMap, QgsLayoutPoint,
                           QgsLayoutSize, QgsPrintLayout, QgsUnitTypes)
    from qgis.PyQt.QtGui import QFont

    mm = getattr(getattr(Qgis, "LayoutUnit", None), "Millimeters", None)  # QGIS >= 3.30
    if mm is None:
        mm = QgsUnitTypes.LayoutUnit.LayoutMillimeters
    project = project or QgsProject.instance()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    margin, title_h, credit_h = 5.0, 10.0 if title else 0.0, 5.0
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(width_mm + 2 * margin, height_mm + title_h + credit_h + 2 * margin,
                                   mm))
    if title:
        label = QgsLayoutItemLabel(layout)
        label.setText(title)
        font = QFont()
        font.setPointSizeF(14)
        font.setBold(True)
        label.setFont(font)
        label.attemptMove(QgsLayoutPoint(margin, margin, mm))
        label.attemptResize(QgsLayoutSize(width_mm, title_h, mm))
        layout.addLayoutItem(label)
    item = QgsLayoutItemMap(layout)
    layout.addLayoutItem(item)  # before sizing: an item outside a layout ignores its size
    item.attemptMove(QgsLayoutPoint(margin, margin + title_h, mm))
    item.attemptResize(QgsLayoutSize(width_mm, height_mm, mm))
    item.setCrs(crs)
    # The layers the layer tree shows, top first (what the canvas draws).
    item.setLayers([node.layer() for node in project.layerTreeRoot().findLayers()
                    if node.isVisible() and node.layer() is not None])
    item.setKeepLayerSet(True)
    item.setBackgroundColor(project.backgroundColor())
    item.setFrameEnabled(True)
    # QGIS 3.22: zoomToExtent scales the current extent, empty at first, and setExtent resizes the
    # item to the extent's shape; so set, size again, then fit.
    item.setExtent(frame)
    item.attemptResize(QgsLayoutSize(width_mm, height_mm, mm))
    item.zoomToExtent(frame)
    credit = QgsLayoutItemLabel(layout)
    credit.setText("Basemap: Natural Earth (public domain), through QGIS. Places: GeoNames (CC BY 4.0).")
    small = QFont()
    small.setPointSizeF(7)
    credit.setFont(small)
    credit.attemptMove(QgsLayoutPoint(margin, margin + title_h + height_mm + 1, mm))
    credit.attemptResize(QgsLayoutSize(width_mm, credit_h - 1, mm))
    layout.addLayoutItem(credit)

    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = dpi
    settings.exportMetadata = False
    tmp = path + ".part.png"
    result = QgsLayoutExporter(layout).exportToImage(tmp, settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise RuntimeError("QGIS could not export the map image to {} (QgsLayoutExporter error {})".format(
            path, result))
    os.replace(tmp, path)
    return layout


# --- internals ---------------------------------------------------------------------------------

def _article_layers(article, itinerary, gazetteer_version):
    """The article's memory layers by name, styled."""
    built = {}
    features = layers.engine_features(article.layers(gazetteer_version))
    place_fields = layers.schema_fields("geoparse", "places")
    places = layers.memory_layer("places", "Point", place_fields, features["places"])
    stop_ids = []
    if itinerary and len(itinerary.stops) >= 2:
        trip = layers.engine_features(itinerary.layers())
        leg_fields = layers.schema_fields("itinerary", "legs")
        legs = layers.memory_layer("legs", "MultiLineString", leg_fields, trip["legs"])
        stop_fields = layers.schema_fields("itinerary", "stops")
        stops = layers.memory_layer("stops", "Point", stop_fields, trip["stops"])
        layers.style_legs(legs)
        layers.style_stops(stops)
        built["legs"] = legs
        built["stops"] = stops
        stop_ids = [s.place_id for s in itinerary.stops if s.place_id]
    layers.style_places(places, stop_place_ids=stop_ids)
    built["places"] = places
    mention_fields = layers.schema_fields("geoparse", "mentions")
    mentions = layers.memory_layer("mentions", "Point", mention_fields, features["mentions"])
    layers.style_mentions(mentions)
    built["mentions"] = mentions
    return built


def _named_crs(choice):
    """The CRS of an engine ProjectionChoice, named after it (a CRS made from a PROJ string is
    "unknown" in QGIS's status bar and CRS dialogs)."""
    crs = QgsCoordinateReferenceSystem.fromProj(choice.definition)
    if not crs.isValid() or crs.authid():
        return crs
    # QGIS 3.22 reads WKT names as Latin-1: keep the name ASCII.
    name = choice.description.replace("\u00b0", "").replace('"', "'")
    variant = getattr(getattr(Qgis, "CrsWktVariant", None), "Preferred", None)  # QGIS >= 3.36
    wkt = crs.toWkt(variant if variant is not None else QgsCoordinateReferenceSystem.WktVariant.WKT_PREFERRED)
    for head in ('PROJCRS["unknown"', 'PROJCS["unknown"'):
        if wkt.startswith(head):
            named = QgsCoordinateReferenceSystem.fromWkt(head.replace("unknown", name) + wkt[len(head):])
            if named.isValid():
                return named
    return crs


def _project_is_ours(project):
    """True when every layer of the project was added by this module (a new project is)."""
    root = project.layerTreeRoot()
    for layer in project.mapLayers().values():
        if layer.customProperty(BASEMAP_PROPERTY, False) in (True, "true", 1):
            continue
        node = root.findLayer(layer.id())
        parent = node.parent() if node is not None else None
        if parent is None or parent.customProperty(GROUP_PROPERTY) is None:
            return False
    return True


def _replace_group(project, title, new_layers):
    """Puts `new_layers` in the group of `title`, replacing the group of an earlier run in place."""
    root = project.layerTreeRoot()
    old = find_group(title, project)
    position = 0
    if old is not None:
        position = root.children().index(old)
        ids = [node.layerId() for node in old.findLayers()]
        root.removeChildNode(old)
        project.removeMapLayers(ids)
    group = root.insertGroup(position, title)
    group.setCustomProperty(GROUP_PROPERTY, title)
    for layer in new_layers:
        project.addMapLayer(layer, False)
        node = group.addLayer(layer)
        if layer.name() == "mentions":
            node.setItemVisibilityChecked(False)  # a table to browse; on the map it repeats "places"
    return group


def _ensure_basemap(project, crs, tinted=None):
    """Adds the basemap (once per project, at the bottom) or brings its cut for `crs` up to date
    (also when a reopened project lost the features of the memory layer); `tinted`: ISO codes
    of the countries to tint (None: keep the tint)."""
    layer = find_basemap(project)
    if layer is None:
        source = basemap_source()
        if source is None:
            QgsMessageLog.logMessage("No basemap: this QGIS has no resources/data/world_map.gpkg.",
                                     "Article Gazetteer", _WARNING)
            return None
        layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326&field=iso_a2:string(2)&field=name:string(60)",
                               BASEMAP_NAME, "memory")
        layer.setCustomProperty(BASEMAP_PROPERTY, True)
        layer.setCustomProperty("article_gazetteer/basemap_source", source)
        project.addMapLayer(layer, False)
        root = project.layerTreeRoot()
        root.insertLayer(len(root.children()), layer)
    key = crs.toProj() if crs.isValid() else ""
    if layer.customProperty(BASEMAP_CRS_PROPERTY) != key or layer.featureCount() == 0:
        _fill_basemap(layer, _chosen_domains.get(key) or _domain_of_crs(crs))
        layer.setCustomProperty(BASEMAP_CRS_PROPERTY, key)
    if tinted is not None:
        layers.style_basemap(layer, tinted)
    return layer


# Where a projection is usable, lon/lat degrees (the engine's ProjectionDomain).
_Domain = namedtuple("_Domain", "central_lon half_lon_span min_lat max_lat")
# Domains of the CRSs add_article chose, by PROJ string.
_chosen_domains = {}


def _domain_of_crs(crs):
    """A CRS chosen elsewhere (by the user): cut only at the meridian opposite its +lon_0."""
    match = re.search(r"\+lon_0=(-?[0-9.]+)", crs.toProj() if crs.isValid() else "")
    return _Domain(float(match.group(1)) if match else 0.0, 180.0, -90.0, 90.0)


def _domain_boxes(domain):
    """The domain as lon/lat rectangles that never touch its back meridian."""
    half = min(domain.half_lon_span, 180.0 - _CUT_DEG)
    west, east = domain.central_lon - half, domain.central_lon + half
    south, north = max(-90.0, domain.min_lat), min(90.0, domain.max_lat)
    boxes = []
    for shift in (-360.0, 0.0, 360.0):  # the domain wrapped into [-180, 180]
        w, e = max(west + shift, -180.0), min(east + shift, 180.0)
        if w < e:
            boxes.append(QgsRectangle(w, south, e, north))
    return boxes


# The project whose CRS changes re-cut the basemap (see _watch), and a re-cut waiting to run.
_watched = None
_recut_pending = False


def _watch(project):
    """Re-cuts the basemap when the project CRS changes (the user picks another one), from the
    event loop, so that the changes QGIS makes while it sets up a project's first layers cost
    one re-cut at most."""
    global _watched
    if _watched is project:
        return
    stop_watching()
    project.crsChanged.connect(_crs_changed)
    _watched = project


def stop_watching():
    """Disconnects from the project's CRS changes (the plugin's unload() calls this)."""
    global _watched
    if _watched is not None:
        try:
            _watched.crsChanged.disconnect(_crs_changed)
        except (TypeError, RuntimeError):
            pass
        _watched = None


def _crs_changed():
    global _recut_pending
    if not _recut_pending:
        _recut_pending = True
        QTimer.singleShot(0, _recut)


def _recut():
    global _recut_pending
    _recut_pending = False
    project = _watched
    if project is not None and find_basemap(project) is not None and project.crs().isValid():
        _ensure_basemap(project, project.crs())


def _fill_basemap(layer, domain):
    """(Re)fills the basemap from QGIS's world map, cut to `domain` (a _Domain)."""
    source = layer.customProperty("article_gazetteer/basemap_source") or basemap_source()
    world = QgsVectorLayer(source + "|layername=countries", "countries", "ogr")
    if not world.isValid():
        return
    boxes = [QgsGeometry.fromRect(box) for box in _domain_boxes(domain)]
    iso_index = world.fields().indexOf("iso_a2")
    wb_index = world.fields().indexOf("WB_A2")
    name_index = world.fields().indexOf("NAME")
    features = []
    for country in world.getFeatures(QgsFeatureRequest()):
        geometry = country.geometry()
        if geometry.isEmpty():
            continue
        if not geometry.isGeosValid():
            geometry = geometry.makeValid()
        pieces = [geometry.intersection(box) for box in boxes]
        pieces = [p for p in pieces if p is not None and not p.isEmpty()]
        if not pieces:
            continue
        clipped = QgsGeometry.collectGeometry(pieces) if len(pieces) > 1 else pieces[0]
        parts = _polygons_of(clipped)
        if not parts:
            continue
        polygons = QgsGeometry.collectGeometry(parts)
        polygons.convertToMultiType()
        iso = country.attribute(iso_index) if iso_index >= 0 else None
        if (not iso or iso == "-99") and wb_index >= 0:
            iso = country.attribute(wb_index)  # Natural Earth codes France and Norway -99 here
        feature = QgsFeature(layer.fields())
        feature.setAttributes([iso if iso and len(str(iso)) == 2 else None,
                               country.attribute(name_index) if name_index >= 0 else None])
        feature.setGeometry(polygons)
        features.append(feature)
    provider = layer.dataProvider()
    provider.truncate()
    provider.addFeatures(features)
    layer.updateExtents()
    layer.triggerRepaint()


def _polygons_of(geometry):
    """The polygon parts of any geometry (an intersection may return a collection with lines)."""
    return [part for part in geometry.asGeometryCollection()
            if QgsWkbTypes.geometryType(part.wkbType()) == _POLYGON]


class _Settle:
    """Sets the project CRS (when chosen) and frames the canvas; callable again later."""

    def __init__(self, project, canvas, crs, frame):
        self.project, self.canvas, self.crs, self.frame = project, canvas, crs, frame

    def __call__(self):
        try:
            if self.crs is not None and self.project.crs() != self.crs:
                self.project.setCrs(self.crs)
            if find_basemap(self.project) is not None:
                _ensure_basemap(self.project, self.project.crs())  # a no-op unless the CRS moved
            if self.canvas is None or self.frame is None:
                return
            crs = self.crs if self.crs is not None else self.project.crs()
            if self.canvas.mapSettings().destinationCrs() != crs:
                self.canvas.setDestinationCrs(crs)
            self.canvas.setExtent(self.frame)
            self.canvas.refresh()
        except RuntimeError:  # the canvas went away before the deferred call ran
            pass
