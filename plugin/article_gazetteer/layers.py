"""Engine results (dicts from `_gazetteer_engine`) as QGIS fields, features, memory layers and
styles. Processing algorithms and the panel share these so that both write the same schema as the
engine's own writers (geoparse.hpp GeoparseLayers, route.hpp route_layers, itinerary.hpp
itinerary_layers): the same layer names, field names and meanings."""

from qgis.core import (
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

from .compat import BOOL as _B, DATE as _DATE, DOUBLE as _D, INTEGER64 as _I, STRING as _S

PLACE_FIELDS = [("article_id", _S), ("place_id", _S), ("name", _S), ("country", _S),
                ("feature_code", _S), ("mentions", _I), ("first_start", _I),
                ("max_confidence", _D), ("mean_confidence", _D), ("gazetteer_version", _S),
                ("source", _S)]
MENTION_FIELDS = [("article_id", _S), ("start", _I), ("end", _I), ("text", _S), ("kind", _S),
                  ("place_id", _S), ("name", _S), ("country", _S), ("feature_code", _S),
                  ("confidence", _D), ("sentence", _S)]
ROUTE_STOP_FIELDS = [("seq", _I), ("name", _S), ("place_id", _S), ("arrival", _DATE),
                     ("departure", _DATE)]
ITINERARY_STOP_FIELDS = [("seq", _I), ("name", _S), ("place_id", _S), ("country", _S),
                         ("traveller", _S), ("date", _DATE), ("date_inferred", _B), ("role", _S),
                         ("placed_by", _S), ("cue", _S), ("event_role", _S), ("evidence", _S),
                         ("evidence_start", _I), ("evidence_end", _I)]
# The engine's "place_notes" layer (itinerary.hpp itinerary_layers): places that are no stop.
ITINERARY_NOTE_FIELDS = [("name", _S), ("place_id", _S), ("role", _S), ("merged_into", _S),
                         ("reason", _S), ("cue", _S), ("evidence", _S), ("evidence_start", _I),
                         ("evidence_end", _I), ("traveller", _S)]
LEG_FIELDS = [("seq", _I), ("from", _I), ("to", _I), ("mode", _S), ("date", _DATE),
              ("distance_km", _D), ("bearing_deg", _D)]
ITINERARY_LEG_FIELDS = LEG_FIELDS + [("traveller", _S)]


def make_fields(spec):
    """QgsFields from a [(name, QVariant type)] list."""
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, kind))
    return fields


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


def _feature(fields, values, geometry=None):
    f = QgsFeature(fields)
    f.setAttributes([values.get(fields.at(i).name()) for i in range(fields.count())])
    if geometry is not None:
        f.setGeometry(geometry)
    return f


def place_features(article, fields, gazetteer_version=""):
    """One point per resolved place of a geoparse result (engine dict)."""
    out = []
    for p in article["places"]:
        values = dict(article_id=article.get("id", ""), place_id=p["place_id"], name=p["name"],
                      country=p["country"], feature_code=p["feature_code"], mentions=p["count"],
                      first_start=p["first_start"], max_confidence=p["max_confidence"],
                      mean_confidence=p["mean_confidence"], gazetteer_version=gazetteer_version,
                      source=p["source"])
        out.append(_feature(fields, values, point(p["lon"], p["lat"])))
    return out


def mention_features(article, fields):
    """One feature per mention; no geometry when the geoparser abstained."""
    out = []
    for m in article["mentions"]:
        p = m["place"] or {}
        values = dict(article_id=article.get("id", ""), start=m["start"], end=m["end"],
                      text=m["text"], kind=m["kind"], place_id=p.get("place_id"),
                      name=p.get("name"), country=p.get("country"),
                      feature_code=p.get("feature_code"), confidence=m["confidence"],
                      sentence=m["sentence"])
        out.append(_feature(fields, values, point(p["lon"], p["lat"]) if p else None))
    return out


def route_stop_features(route, fields):
    return [_feature(fields, dict(seq=s["seq"], name=s["name"], place_id=s["place_id"],
                                  arrival=_date(s["arrival"]), departure=_date(s["departure"])),
                     point(s["lon"], s["lat"]))
            for s in route["stops"]]


def leg_features(legs, fields, traveller=None):
    out = []
    for leg in legs:
        values = dict(seq=leg["seq"], mode=leg["mode"], date=_date(leg.get("date")),
                      distance_km=round(leg["distance_km"], 3), bearing_deg=leg.get("bearing_deg"),
                      traveller=traveller)
        values["from"] = leg["from"]
        values["to"] = leg["to"]
        out.append(_feature(fields, values, leg_geometry(leg["parts"])))
    return out


def itinerary_stop_features(itinerary, fields):
    out = []
    for s in itinerary["stops"]:
        ev = s["evidence"]
        values = dict(seq=s["seq"], name=s["name"], place_id=s["place_id"],
                      country=s["place"]["country"], traveller=itinerary["traveller"] or None,
                      date=_date(s["date"]), date_inferred=s["date_inferred"], role=s["role"],
                      placed_by=s["placed_by"], cue=ev["cue"] or None,
                      event_role=ev.get("role"), evidence=ev["sentence"],
                      evidence_start=ev["start"], evidence_end=ev["end"])
        out.append(_feature(fields, values, point(s["lon"], s["lat"])))
    return out


def itinerary_note_features(itinerary, fields):
    """Points of the place mentions that are no stop, with the role that says why."""
    out = []
    for n in itinerary.get("place_notes", []):
        ev = n["evidence"]
        values = dict(name=n["name"], place_id=n["place_id"], role=n["role"],
                      merged_into=n["merged_into"], reason=n["reason"], cue=ev["cue"] or None,
                      evidence=ev["sentence"], evidence_start=ev["start"], evidence_end=ev["end"],
                      traveller=itinerary["traveller"] or None)
        out.append(_feature(fields, values, point(n["lon"], n["lat"])))
    return out


def memory_layer(name, geometry, spec, features):
    """An EPSG:4326 memory layer. `geometry`: 'Point', 'MultiLineString' or 'None'."""
    layer = QgsVectorLayer("{}?crs=EPSG:4326".format(geometry), name, "memory")
    provider = layer.dataProvider()
    provider.addAttributes(make_fields(spec).toList())
    layer.updateFields()
    provider.addFeatures(features)
    layer.updateExtents()
    return layer


# --- styles -------------------------------------------------------------------------------------

def _label(layer, expression, placement=None, size=9.0):
    from qgis.core import (QgsPalLayerSettings, QgsTextBufferSettings, QgsTextFormat,
                           QgsVectorLayerSimpleLabeling)
    from qgis.PyQt.QtGui import QColor

    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    text = QgsTextFormat()
    text.setSize(size)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1.0)
    buffer.setColor(QColor(255, 255, 255))
    text.setBuffer(buffer)
    settings.setFormat(text)
    if placement is not None:
        settings.placement = placement
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _line_placement():
    from qgis.core import Qgis, QgsPalLayerSettings

    label_placement = getattr(Qgis, "LabelPlacement", None)  # QGIS >= 3.26 / 4
    return label_placement.Line if label_placement is not None else QgsPalLayerSettings.Placement.Line


def style_places(layer):
    """Points sized by mention count (diameter grows with the square root, capped so that a
    country named thirty times does not hide its neighbours) and labelled with the name."""
    from qgis.core import QgsMarkerSymbol, QgsProperty, QgsSingleSymbolRenderer

    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": "214,69,65,200",
                                           "outline_color": "255,255,255", "outline_width": "0.3"})
    symbol.setDataDefinedSize(QgsProperty.fromExpression('min(2 + 1.2 * sqrt(coalesce("mentions", 1)), 8)'))
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    _label(layer, '"name" || if(coalesce("mentions", 1) > 1, \' (\' || "mentions" || \')\', \'\')')
    layer.triggerRepaint()


def style_legs(layer):
    """Legs as arrows in the travel direction, labelled with their mode."""
    from qgis.core import QgsArrowSymbolLayer, QgsLineSymbol, QgsSingleSymbolRenderer, QgsFillSymbol

    arrow = QgsArrowSymbolLayer()
    arrow.setIsCurved(False)
    arrow.setIsRepeated(False)
    arrow.setArrowWidth(0.8)
    arrow.setArrowStartWidth(0.8)
    arrow.setHeadLength(3.0)
    arrow.setHeadThickness(2.0)
    arrow.setSubSymbol(QgsFillSymbol.createSimple({"color": "31,120,180,220", "outline_style": "no"}))
    symbol = QgsLineSymbol()
    symbol.changeSymbolLayer(0, arrow)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    _label(layer, "coalesce(\"mode\", '')", placement=_line_placement(), size=8.5)
    layer.triggerRepaint()


def style_stops(layer):
    """Itinerary stops: numbered, labelled with sequence, name and date."""
    from qgis.core import QgsMarkerSymbol, QgsSingleSymbolRenderer

    symbol = QgsMarkerSymbol.createSimple({"name": "square", "color": "31,120,180", "size": "2.6",
                                           "outline_color": "255,255,255"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    date_field = "date" if layer.fields().indexOf("date") >= 0 else "arrival"
    _label(layer, '"seq" || \'. \' || "name" || if("{0}" is null, \'\', \' \' || to_string("{0}"))'.format(date_field))
    layer.triggerRepaint()
