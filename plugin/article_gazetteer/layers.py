"""Engine results (GeoparseResult and Itinerary objects of `_gazetteer_engine`, route dicts) as
QGIS fields, features, memory layers and styles. Processing algorithms and the panel share these.
Neither the fields nor the features are made here: the fields are the engine's declared layers
(`layer_schema(output, layer)`, gazetteer/schemas.hpp) and the features of a geoparse or an
itinerary are the engine's own (`result.layers()`), the same ones `gazetteer geoparse` and
`gazetteer itinerary` write, so a QGIS layer and a CLI file of the same output hold the same
fields, in the same order, of the same types, with the same values."""

from qgis.core import (
    Qgis,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsLineString,
    QgsMultiLineString,
    QgsPointXY,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, Qt

from . import engine
from .compat import DATE as _DATE, DOUBLE as _D, INTEGER64 as _I, STRING as _S

# The engine's field types (schemas.hpp field_type_name) as QGIS attribute types.
_QGIS_TYPES = {"integer": _I, "real": _D, "string": _S, "date": _DATE}


def _fields(declared):
    """QgsFields of the engine's (name, type, precision) field declarations."""
    fields = QgsFields()
    for name, kind, precision in declared:
        field = QgsField(name, _QGIS_TYPES[kind])
        if precision:
            field.setPrecision(precision)
        fields.append(field)
    return fields


def schema_fields(output, layer):
    """QgsFields of the engine's layer `layer` of `output` ('geoparse', 'route', 'itinerary'),
    e.g. schema_fields('itinerary', 'stops'). Raises engine.EngineUnavailable without the engine."""
    return _fields(engine.module().layer_schema(output, layer)["fields"])


def _date(value):
    return QDate.fromString(value, Qt.DateFormat.ISODate) if value else None


def point(lon, lat):
    return QgsGeometry.fromPointXY(QgsPointXY(lon, lat))


def leg_geometry(parts):
    """A MultiLineString from the engine's parts (lists of (lon, lat)); one part per antimeridian side."""
    multi = QgsMultiLineString()
    for part in parts:
        if len(part) >= 2:
            multi.addGeometry(QgsLineString([QgsPointXY(x, y) for x, y in part]))
    return QgsGeometry(multi)


def _value(field, value):
    """`value` for `field`: reals rounded to the field's declared precision, as the engine's
    writers round them (layers.hpp write_layers), so QGIS and CLI outputs hold the same numbers."""
    if value is not None and field.type() == _D and field.precision() > 0:
        return round(value, field.precision())
    return value


def _feature(fields, values, geometry=None):
    f = QgsFeature(fields)
    f.setAttributes([_value(fields.at(i), values.get(fields.at(i).name())) for i in range(fields.count())])
    if geometry is not None:
        f.setGeometry(geometry)
    return f


def engine_features(layers):
    """{layer name: [QgsFeature]} of the layers the engine made for a result (GeoparseResult.layers(),
    Itinerary.layers()): the features `gazetteer geoparse` and `gazetteer itinerary` write, with the
    engine's values in its field order (dates as QDate), points or lines from its parts, and no
    geometry where it has none (a mention the geoparser abstained on)."""
    out = {}
    for layer in layers:
        fields = _fields(layer["fields"])
        names = [name for name, _, _ in layer["fields"]]
        dates = {name for name, kind, _ in layer["fields"] if kind == "date"}
        point_layer = layer["geometry"] == "Point"
        features = []
        for values, parts in layer["features"]:
            row = dict(zip(names, values))
            for name in dates:
                row[name] = _date(row[name])
            geometry = None
            if parts:
                geometry = point(*parts[0][0]) if point_layer else leg_geometry(parts)
            features.append(_feature(fields, row, geometry))
        out[layer["name"]] = features
    return out


def route_stop_features(route, fields):
    return [_feature(fields, dict(seq=s["seq"], name=s["name"], place_id=s["place_id"],
                                  arrival=_date(s["arrival"]), departure=_date(s["departure"])),
                     point(s["lon"], s["lat"]))
            for s in route["stops"]]


def leg_features(legs, fields):
    """The legs of a route dict (module route()): the engine's "legs" layer."""
    out = []
    for leg in legs:
        values = dict(seq=leg["seq"], mode=leg["mode"], date=_date(leg.get("date")),
                      distance_km=leg["distance_km"], bearing_deg=leg.get("bearing_deg"))
        values["from"] = leg["from"]
        values["to"] = leg["to"]
        out.append(_feature(fields, values, leg_geometry(leg["parts"])))
    return out


def memory_layer(name, geometry, fields, features):
    """An EPSG:4326 memory layer with `fields` (QgsFields). `geometry`: 'Point', 'MultiLineString' or 'None'."""
    layer = QgsVectorLayer("{}?crs=EPSG:4326".format(geometry), name, "memory")
    provider = layer.dataProvider()
    provider.addAttributes(fields.toList())
    layer.updateFields()
    provider.addFeatures(features)
    layer.updateExtents()
    return layer


# --- styles -------------------------------------------------------------------------------------
# Label priorities (QgsPalLayerSettings.priority, 0-10): stops always win, then the modes of the
# legs, then places; the basemap has no labels. Stop symbols are label obstacles, so place labels
# move off them (QGIS labelling engine: obstacles, priorities).
STOP_LABEL_PRIORITY = 10
LEG_LABEL_PRIORITY = 6
PLACE_LABEL_PRIORITY = 3
ROUTE_COLOUR = (31, 94, 168)
STOP_COLOUR = (200, 40, 30)
PLACE_COLOUR = (120, 120, 120)
LAND_COLOUR = (240, 237, 229)
TINT_COLOUR = (250, 228, 190)
BORDER_COLOUR = (186, 181, 170)
SEA_RGB = (214, 228, 238)  # the project background in a project of this plugin's layers only


def _qcolor(rgb, alpha=255):
    from qgis.PyQt.QtGui import QColor

    return QColor(rgb[0], rgb[1], rgb[2], alpha)


def _symbol_property(name):
    """QgsSymbolLayer.Property.<name> (QGIS >= 3.36 / 4) or QgsSymbolLayer.Property<name> before."""
    from qgis.core import QgsSymbolLayer

    value = getattr(QgsSymbolLayer.Property, name, None)
    return value if value is not None else getattr(QgsSymbolLayer, "Property" + name)


def _label_property(name):
    """QgsPalLayerSettings.Property.<name>, whichever way this QGIS spells the enum."""
    from qgis.core import QgsPalLayerSettings

    return getattr(QgsPalLayerSettings.Property, name)


def _rgba(rgb, alpha=255):
    return "{},{},{},{}".format(rgb[0], rgb[1], rgb[2], alpha)


def _label(layer, expression, placement=None, size=9.0, priority=5, bold=False, always=False,
           distance=1.2, colour=(40, 40, 40), show_expression=None):
    from qgis.core import (QgsPalLayerSettings, QgsProperty, QgsTextBufferSettings, QgsTextFormat,
                           QgsVectorLayerSimpleLabeling)
    from qgis.PyQt.QtGui import QFont

    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    text = QgsTextFormat()
    text.setSize(size)
    text.setColor(_qcolor(colour))
    if bold:
        font = QFont(text.font())
        font.setBold(True)
        text.setFont(font)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1.0)
    buffer.setColor(_qcolor((255, 255, 255)))
    text.setBuffer(buffer)
    settings.setFormat(text)
    if placement is not None:
        settings.placement = placement
    settings.dist = distance
    settings.priority = priority
    if always:
        overlap = getattr(getattr(Qgis, "LabelOverlapHandling", None), "AllowOverlapIfRequired", None)
        if overlap is not None:  # QGIS >= 3.26: place without overlap where possible, never drop
            settings.placementSettings().setOverlapHandling(overlap)
            settings.placementSettings().setAllowDegradedPlacement(True)
        else:
            settings.displayAll = True
    if show_expression:
        settings.dataDefinedProperties().setProperty(_label_property("Show"),
                                                     QgsProperty.fromExpression(show_expression))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return settings


def _line_placement():
    from qgis.core import Qgis, QgsPalLayerSettings

    label_placement = getattr(Qgis, "LabelPlacement", None)  # QGIS >= 3.26 / 4
    return label_placement.Line if label_placement is not None else QgsPalLayerSettings.Placement.Line


def _around_point_placement():
    from qgis.core import Qgis, QgsPalLayerSettings

    label_placement = getattr(Qgis, "LabelPlacement", None)
    return label_placement.OrderedPositionsAroundPoint if label_placement is not None else \
        QgsPalLayerSettings.Placement.OrderedPositionsAroundPoint


def _obstacle(layer, factor):
    """Makes the features of a labelled layer obstacles with weight `factor` (0-2 in QGIS)."""
    labeling = layer.labeling()
    if labeling is None:
        return
    settings = labeling.settings()
    settings.obstacleSettings().setIsObstacle(True)
    settings.obstacleSettings().setFactor(factor)
    labeling.setSettings(settings)


def _sql_list(values):
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


def style_places(layer, stop_place_ids=()):
    """Points sized by mention count (diameter grows with the square root, capped so that a
    country named thirty times does not hide its neighbours) and labelled with the name. Their
    labels give way to stops: low priority, and none for a place that is also a stop (the stop
    label names it)."""
    from qgis.core import QgsMarkerSymbol, QgsProperty, QgsSingleSymbolRenderer

    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": _rgba(PLACE_COLOUR, 170),
                                           "outline_color": "255,255,255", "outline_width": "0.3"})
    # Countries (PCL*) get no point: the basemap tints them (style_basemap) and a dot at their
    # centre would sit on the journey's cities.
    symbol.setDataDefinedSize(QgsProperty.fromExpression(
        'if("feature_code" like \'PCL%\', 0, min(1.6 + 0.9 * sqrt(coalesce("mentions", 1)), 6))'))
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    show = 'not ("feature_code" like \'PCL%\')'
    if stop_place_ids:
        show += ' and "place_id" not in ({})'.format(_sql_list(stop_place_ids))
    _label(layer, '"name" || if(coalesce("mentions", 1) > 1, \' (\' || "mentions" || \')\', \'\')',
           placement=_around_point_placement(), size=8.0, priority=PLACE_LABEL_PRIORITY,
           colour=(90, 90, 90), show_expression=show)
    _obstacle(layer, 0.5)
    layer.triggerRepaint()


def style_legs(layer):
    """Legs as lines (densified geodesics, so they draw as curves in any projection) with an
    arrowhead at the middle of each part pointing the way of travel, dashed for flights, dotted
    for sea, labelled with their mode along the line."""
    from qgis.core import (QgsLineSymbol, QgsMarkerLineSymbolLayer, QgsMarkerSymbol, QgsProperty,
                           QgsSimpleLineSymbolLayer, QgsSingleSymbolRenderer,
                           QgsTemplatedLineSymbolLayerBase)

    line = QgsSimpleLineSymbolLayer(_qcolor(ROUTE_COLOUR), 0.7)
    line.setDataDefinedProperty(_symbol_property("StrokeStyle"), QgsProperty.fromExpression(
        "CASE WHEN \"mode\" = 'plane' THEN 'dash' WHEN \"mode\" = 'ship' THEN 'dot' ELSE 'solid' END"))
    arrows = QgsMarkerLineSymbolLayer(True)
    placements = getattr(Qgis, "MarkerLinePlacement", None)
    if placements is not None:  # QGIS >= 3.24
        arrows.setPlacements(placements.CentralPoint)
    else:
        arrows.setPlacement(QgsTemplatedLineSymbolLayerBase.CentralPoint)
    head = QgsMarkerSymbol.createSimple({"name": "filled_arrowhead", "color": _rgba(ROUTE_COLOUR),
                                         "outline_style": "no", "size": "3.6"})
    arrows.setSubSymbol(head)
    symbol = QgsLineSymbol()  # changeSymbolLayer/appendSymbolLayer take ownership; the list constructor does not
    symbol.changeSymbolLayer(0, line)
    symbol.appendSymbolLayer(arrows)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    _label(layer, "coalesce(\"mode\", '')", placement=_line_placement(), size=7.5,
           priority=LEG_LABEL_PRIORITY, colour=ROUTE_COLOUR, distance=0.8)
    _obstacle(layer, 0.8)
    layer.triggerRepaint()


def stop_label_expression(layer):
    """The stop label: sequence numbers and name, then the dates ('~' when inferred). A place
    visited twice (a return) gets one label, "1, 5. Tokyo", drawn at its first visit."""
    date_field = "date" if layer.fields().indexOf("date") >= 0 else "arrival"
    inferred = "if(\"date_inferred\", '~', '') || " if layer.fields().indexOf("date_inferred") >= 0 else ""
    key = "coalesce(\"place_id\", \"name\")"
    dates = ("array_to_string(array_filter(array_agg({inferred}format_date(\"{date}\", 'd MMM yyyy'), "
             "group_by:={key}, order_by:=\"seq\"), @element is not null), ' / ')").format(
                 inferred=inferred, date=date_field, key=key)
    return ("array_to_string(array_agg(to_string(\"seq\"), group_by:={key}, order_by:=\"seq\"), ', ') "
            "|| '. ' || \"name\" || if(length({dates}) > 0, '\\n' || {dates}, '')").format(key=key, dates=dates)


def style_stops(layer):
    """Itinerary stops: red circles numbered in travel order and labelled "seq. name" with the
    date below. Stop labels are always drawn and outrank every other label; a place visited
    twice is labelled once with both numbers."""
    from qgis.core import QgsMarkerSymbol, QgsSingleSymbolRenderer

    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": _rgba(STOP_COLOUR), "size": "3.2",
                                           "outline_color": "255,255,255", "outline_width": "0.5"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    key = "coalesce(\"place_id\", \"name\")"
    _label(layer, stop_label_expression(layer), placement=_around_point_placement(), size=9.0,
           priority=STOP_LABEL_PRIORITY, bold=True, always=True, distance=1.5, colour=(25, 25, 25),
           show_expression="\"seq\" = minimum(\"seq\", group_by:={})".format(key))
    # Labels lean towards the middle of the map, so a stop at the edge of the view keeps its
    # label inside it: positions on the inner side come first.
    labeling = layer.labeling()
    settings = labeling.settings()
    from qgis.core import QgsProperty

    settings.dataDefinedProperties().setProperty(
        _label_property("PredefinedPositionOrder"), QgsProperty.fromExpression(
            "if(x(transform($geometry, layer_property(@layer, 'crs'), @map_crs)) < x(@map_extent_center), "
            "'TR,R,BR,TL,L,BL,T,B', 'TL,L,BL,TR,R,BR,T,B')"))
    labeling.setSettings(settings)
    _obstacle(layer, 2.0)
    layer.triggerRepaint()


def style_mentions(layer):
    """Mentions: small hollow rings (the layer is unchecked by default: its rows are what matter)."""
    from qgis.core import QgsMarkerSymbol, QgsSingleSymbolRenderer

    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": "0,0,0,0", "size": "1.6",
                                           "outline_color": _rgba(PLACE_COLOUR), "outline_width": "0.25"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.triggerRepaint()


def style_basemap(layer, tinted_countries=()):
    """Quiet land with thin borders; countries the article names (ISO alpha-2 codes) tinted."""
    from qgis.core import QgsFillSymbol, QgsProperty, QgsSingleSymbolRenderer

    symbol = QgsFillSymbol.createSimple({"color": _rgba(LAND_COLOUR), "outline_color": _rgba(BORDER_COLOUR),
                                         "outline_width": "0.2"})
    if tinted_countries:
        symbol.symbolLayer(0).setDataDefinedProperty(_symbol_property("FillColor"), QgsProperty.fromExpression(
            "if(\"iso_a2\" in ({}), '{}', '{}')".format(_sql_list(tinted_countries), _rgba(TINT_COLOUR),
                                                        _rgba(LAND_COLOUR))))
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.setCustomProperty("article_gazetteer/tinted", ",".join(tinted_countries))
    layer.triggerRepaint()
