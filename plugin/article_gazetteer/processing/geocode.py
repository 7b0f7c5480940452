"""Geocode place names: one output point per input row, from the offline gazetteer."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)
from ..compat import (DOUBLE, FIELD_PARAMETER_STRING, INTEGER64 as INTEGER, SOURCE_VECTOR_ANY, SOURCE_VECTOR_POINT,
                      STRING, WKB_POINT)
from ..layers import point
from .base import GazetteerAlgorithm

OUTPUT_FIELDS = [("gz_place_id", STRING), ("gz_name", STRING), ("gz_country", STRING),
                 ("gz_admin1", STRING), ("gz_feature_code", STRING), ("gz_lat", DOUBLE),
                 ("gz_lon", DOUBLE), ("gz_score", DOUBLE), ("gz_match", STRING), ("gz_edit_distance", INTEGER),
                 ("gz_status", STRING)]


class GeocodeAlgorithm(GazetteerAlgorithm):
    """Looks up the names of a text field; rows without a match keep a null geometry and
    gz_status 'no match' (an expected outcome, not a failure)."""

    INPUT = "INPUT"
    FIELD = "FIELD"
    COUNTRIES = "COUNTRIES"
    OUTPUT = "OUTPUT"

    def name(self):
        return "geocode"

    def displayName(self):  # noqa: N802
        return self.tr("Geocode place names")

    def shortHelpString(self):  # noqa: N802
        return self.tr("Resolves the place names of a field against the offline gazetteer and "
                       "writes one point per row (EPSG:4326) with the chosen place, its score and "
                       "match kind (gz_match 'fuzzy' for a typo-corrected name, gz_edit_distance saying "
                       "how far). 'Name, Qualifier' forms such as 'Moscow, Idaho' are understood. "
                       "Rows without a match get no geometry and gz_status 'no match'.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Table or layer with place names"), [SOURCE_VECTOR_ANY]))
        self.addParameter(QgsProcessingParameterField(
            self.FIELD, self.tr("Place name field"), parentLayerParameterName=self.INPUT,
            type=FIELD_PARAMETER_STRING))
        self.addParameter(QgsProcessingParameterString(
            self.COUNTRIES, self.tr("Keep only these countries (ISO codes, comma separated)"),
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Geocoded places"), SOURCE_VECTOR_POINT))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        index = self.index()
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        field = self.parameterAsString(parameters, self.FIELD, context)
        field_index = source.fields().lookupField(field)
        if field_index < 0:
            raise QgsProcessingException(self.tr("Field '{}' not found in the input.").format(field))
        countries = [c.strip().upper() for c in
                     self.parameterAsString(parameters, self.COUNTRIES, context).split(",") if c.strip()]

        fields = QgsFields(source.fields())
        for name, kind in OUTPUT_FIELDS:
            fields.append(QgsField(name, kind))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             WKB_POINT, QgsCoordinateReferenceSystem("EPSG:4326"))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))

        total = source.featureCount() or 0
        matched = 0
        for n, feature in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                break
            name = feature.attribute(field_index)
            out = QgsFeature(fields)
            attributes = list(feature.attributes())
            candidates = []
            if name not in (None, "") and str(name).strip():
                try:
                    candidates = index.lookup(str(name), countries=countries or None, limit=1)
                except ValueError as e:
                    raise QgsProcessingException(str(e)) from None
            if candidates:
                c = candidates[0]
                attributes += [c.place_id, c.name, c.country, c.admin1_name,
                               c.feature_code, c.lat, c.lon, c.score, c.match, c.edit_distance, "ok"]
                out.setGeometry(point(c.lon, c.lat))
                matched += 1
            else:
                attributes += [None] * (len(OUTPUT_FIELDS) - 1) + ["no match"]
            out.setAttributes(attributes)
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
            if total:
                feedback.setProgress(100.0 * (n + 1) / total)
        feedback.pushInfo(self.tr("{} of {} names matched.").format(matched, total))
        return {self.OUTPUT: dest_id}
