"""Build route from stops: geodesic legs through the points of a layer, in order."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt

from .. import layers
from ..compat import SOURCE_VECTOR_LINE, SOURCE_VECTOR_POINT, WKB_MULTILINESTRING, WKB_POINT
from .base import GazetteerAlgorithm


def _iso_date(value):
    """'YYYY-MM-DD' of a date, datetime or string attribute; '' for null."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    if isinstance(value, QDateTime):
        value = value.date()
    if isinstance(value, QDate):
        return value.toString(Qt.DateFormat.ISODate)
    return str(value).strip()[:10]


class BuildRouteAlgorithm(GazetteerAlgorithm):
    """Legs are geodesics on the WGS84 ellipsoid, densified and split at the antimeridian."""

    INPUT = "INPUT"
    ORDER_FIELD = "ORDER_FIELD"
    NAME_FIELD = "NAME_FIELD"
    MODE_FIELD = "MODE_FIELD"
    DATE_FIELD = "DATE_FIELD"
    STOPS = "STOPS"
    LEGS = "LEGS"

    def name(self):
        return "buildroute"

    def displayName(self):  # noqa: N802
        return self.tr("Build route from stops")

    def shortHelpString(self):  # noqa: N802
        return self.tr("Joins the points of a layer, ordered by a field (else in feature order), "
                       "with geodesic legs on the WGS84 ellipsoid. Rows without a geometry (such as "
                       "the unmatched rows of Geocode place names, whose output can be used as it is) "
                       "are skipped and reported. The mode field of a stop "
                       "(train, plane, car, ship) is the mode of the leg arriving at it; the date "
                       "field is its arrival date (YYYY-MM-DD) and the date of that leg.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Stops"), [SOURCE_VECTOR_POINT]))
        for key, label in ((self.ORDER_FIELD, "Order field"), (self.NAME_FIELD, "Name field"),
                           (self.MODE_FIELD, "Mode field (mode of the leg arriving at the stop)"),
                           (self.DATE_FIELD, "Arrival date field")):
            self.addParameter(QgsProcessingParameterField(
                key, self.tr(label), parentLayerParameterName=self.INPUT, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.LEGS, self.tr("Route legs"), SOURCE_VECTOR_LINE))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.STOPS, self.tr("Route stops"), SOURCE_VECTOR_POINT))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        mod = self.module()
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        names = {key: self.parameterAsString(parameters, key, context)
                 for key in (self.ORDER_FIELD, self.NAME_FIELD, self.MODE_FIELD, self.DATE_FIELD)}
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        transform = QgsCoordinateTransform(source.sourceCrs(), wgs84, context.transformContext())

        # The Geocode algorithm's output works as it is: its names are in gz_name, and its rows
        # without a match (no geometry) are skipped and reported, not fatal.
        if not names[self.NAME_FIELD] and source.fields().lookupField("gz_name") >= 0:
            names[self.NAME_FIELD] = "gz_name"
        rows = []
        skipped = []
        for n, feature in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                return {}
            geometry = feature.geometry()
            if geometry is None or geometry.isEmpty():
                skipped.append(n + 1)
                continue
            geometry.transform(transform)
            p = geometry.asPoint() if not geometry.isMultipart() else geometry.asMultiPoint()[0]

            def attr(key, default=None):
                return feature[names[key]] if names[key] else default

            rows.append(dict(order=attr(self.ORDER_FIELD, n), name=str(attr(self.NAME_FIELD, "") or ""),
                             mode=str(attr(self.MODE_FIELD, "") or "").strip().lower(),
                             date=_iso_date(attr(self.DATE_FIELD)), lat=p.y(), lon=p.x()))
        if names[self.ORDER_FIELD]:
            try:
                rows.sort(key=lambda r: (r["order"] is None, r["order"]))
            except TypeError:
                raise QgsProcessingException(self.tr("The order field mixes values that cannot be compared.")) from None
        if skipped:
            feedback.reportError(self.tr("{} rows without geometry skipped (rows {}).").format(
                len(skipped), ", ".join(str(n) for n in skipped[:20]) + (", …" if len(skipped) > 20 else "")))
        if len(rows) < 2:
            raise QgsProcessingException(self.tr("A route needs at least two stops with a geometry; the input has {}.")
                                         .format(len(rows)))
        feedback.setProgress(30)

        stops = [dict(name=r["name"] or "stop {}".format(i + 1), lat=r["lat"], lon=r["lon"], arrival=r["date"])
                 for i, r in enumerate(rows)]
        modes = [r["mode"] for r in rows[1:]]
        dates = [r["date"] for r in rows[1:]]
        try:
            route = mod.route(stops, modes, dates)
        except ValueError as e:
            raise QgsProcessingException(self.tr("Cannot build the route: {}").format(e)) from None
        feedback.setProgress(60)

        results = {}
        leg_fields = layers.schema_fields("route", "legs")
        sink, dest = self.parameterAsSink(parameters, self.LEGS, context, leg_fields,
                                          WKB_MULTILINESTRING, wgs84)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.LEGS))
        sink.addFeatures(layers.leg_features(route["legs"], leg_fields), QgsFeatureSink.Flag.FastInsert)
        results[self.LEGS] = dest
        stop_fields = layers.schema_fields("route", "stops")
        sink, dest = self.parameterAsSink(parameters, self.STOPS, context, stop_fields, WKB_POINT, wgs84)
        if sink is not None:
            sink.addFeatures(layers.route_stop_features(route, stop_fields), QgsFeatureSink.Flag.FastInsert)
            results[self.STOPS] = dest
        feedback.setProgress(100)
        feedback.pushInfo(self.tr("{} stops, {} legs, {:.0f} km.").format(
            len(route["stops"]), len(route["legs"]), route["total_km"]))
        return results
