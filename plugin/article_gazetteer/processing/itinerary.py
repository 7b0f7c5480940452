"""Extract itinerary from article: who travels, where, in which order, by which mode."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)

from .. import layers
from ..compat import SOURCE_VECTOR_LINE, SOURCE_VECTOR_POINT, WKB_MULTILINESTRING, WKB_POINT
from ..panel.resolutions import ResolutionStore
from .base import ArticleInputMixin, GazetteerAlgorithm, engine_progress


class ItineraryAlgorithm(ArticleInputMixin, GazetteerAlgorithm):
    """Stops and legs as the engine's itinerary_layers (itinerary.hpp)."""

    TRAVELLER = "TRAVELLER"
    ARTICLE_DATE = "ARTICLE_DATE"
    USE_SAVED = "USE_SAVED"
    STOPS = "STOPS"
    LEGS = "LEGS"
    NOTES = "NOTES"

    def name(self):
        return "itinerary"

    def displayName(self):  # noqa: N802
        return self.tr("Extract itinerary from article")

    def shortHelpString(self):  # noqa: N802
        return self.tr("Reconstructs a traveller's itinerary from one article: stops in travel "
                       "order with dates, role and the sentence that placed them, geodesic "
                       "legs with the transport mode the article states, and the places the "
                       "article names that are not stops, each with its role (another "
                       "traveller, a plan, a past trip, a topic, ...) and the reason. Leave the "
                       "traveller empty to pick the person the article moves most.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_article_parameters()
        self.addParameter(QgsProcessingParameterString(
            self.TRAVELLER, self.tr("Traveller (as the article names them)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.ARTICLE_DATE, self.tr("Article date (YYYY-MM-DD)"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.USE_SAVED, self.tr("Apply resolutions chosen in the article panel"), defaultValue=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.LEGS, self.tr("Itinerary legs"), SOURCE_VECTOR_LINE))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.STOPS, self.tr("Itinerary stops"), SOURCE_VECTOR_POINT))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.NOTES, self.tr("Places that are not stops"), SOURCE_VECTOR_POINT, optional=True))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        index = self.index()
        articles = self.read_articles(parameters, context, feedback)
        if len(articles) != 1:
            raise QgsProcessingException(self.tr("Give one article (the input holds {}).").format(len(articles)))
        article_id, text, meta = articles[0]
        traveller = self.parameterAsString(parameters, self.TRAVELLER, context).strip()
        # A publication timestamp anchors by its day (the engine's publication_day).
        article_date = self.parameterAsString(parameters, self.ARTICLE_DATE, context).strip() or \
            meta.get("date", "")
        overrides = None
        if self.parameterAsBoolean(parameters, self.USE_SAVED, context):
            overrides = ResolutionStore().overrides(text) or None
        try:
            # Geoparsing (the first 60%) stops when the user cancels; extraction is not reported.
            itinerary = index.itinerary(text, traveller=traveller, article_date=article_date, overrides=overrides,
                                        progress=engine_progress(feedback, 0, 60))
        except self.module().Cancelled:
            feedback.reportError(self.tr("Cancelled."))
            return {}
        except (ValueError, RuntimeError) as e:
            raise QgsProcessingException("{}: {}".format(article_id, e)) from None
        if feedback.isCanceled():
            return {}
        feedback.setProgress(70)
        for note in itinerary.notes:
            feedback.pushInfo(note)
        if len(itinerary.stops) < 2:
            feedback.reportError(self.tr("The article gives fewer than two stops: no legs."))
            features = {}
        else:
            features = layers.engine_features(itinerary.layers())

        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        leg_fields = layers.schema_fields("itinerary", "legs")
        sink, legs_dest = self.parameterAsSink(parameters, self.LEGS, context, leg_fields,
                                               WKB_MULTILINESTRING, wgs84)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.LEGS))
        sink.addFeatures(features.get("legs", []), QgsFeatureSink.Flag.FastInsert)
        stop_fields = layers.schema_fields("itinerary", "stops")
        sink, stops_dest = self.parameterAsSink(parameters, self.STOPS, context, stop_fields,
                                                WKB_POINT, wgs84)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.STOPS))
        sink.addFeatures(features.get("stops", []), QgsFeatureSink.Flag.FastInsert)
        note_fields = layers.schema_fields("itinerary", "place_notes")
        sink, notes_dest = self.parameterAsSink(parameters, self.NOTES, context, note_fields, WKB_POINT, wgs84)
        if sink is not None:
            sink.addFeatures(features.get("place_notes", []), QgsFeatureSink.Flag.FastInsert)
        feedback.setProgress(100)
        feedback.pushInfo(self.tr("Traveller: {}; {} stops.").format(
            itinerary.traveller or "?", len(itinerary.stops)))
        outputs = {self.LEGS: legs_dest, self.STOPS: stops_dest}
        if notes_dest is not None:
            outputs[self.NOTES] = notes_dest
        return outputs
