"""Geoparse articles: the places an article mentions, as a places layer and a mentions layer."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
)

from .. import layers
from ..compat import SOURCE_VECTOR_POINT, WKB_POINT
from ..panel.resolutions import ResolutionStore
from .base import ArticleInputMixin, GazetteerAlgorithm, engine_progress


class GeoparseAlgorithm(ArticleInputMixin, GazetteerAlgorithm):
    """Schema as the engine's GeoparseLayers (geoparse.hpp): "places" and "mentions"."""

    LANGUAGE = "LANGUAGE"
    # Engine language codes behind the LANGUAGE choices ("" detects from the script).
    LANGUAGE_CODES = ["", "en", "ru", "ko"]
    USE_SAVED = "USE_SAVED"
    PLACES = "PLACES"
    MENTIONS = "MENTIONS"

    def name(self):
        return "geoparse"

    def displayName(self):  # noqa: N802
        return self.tr("Geoparse articles")

    def shortHelpString(self):  # noqa: N802
        return self.tr("Finds the places articles mention and resolves them offline: one article file, "
                       "a JSON Lines file of articles, a folder of them, or pasted text. Places: one "
                       "point per resolved place per article with its mention count and "
                       "confidence. Mentions: one feature per mention with its character span "
                       "(code points) and sentence; no geometry where the parser abstained.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_article_parameters(folder=True)
        self.addParameter(QgsProcessingParameterEnum(
            self.LANGUAGE, self.tr("Language (a JSON Lines \"lang\" field wins)"),
            options=[self.tr("Detect from the script"), "English", "Russian", "Korean"], defaultValue=0))
        self.addParameter(QgsProcessingParameterBoolean(
            self.USE_SAVED, self.tr("Apply resolutions chosen in the article panel"), defaultValue=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.PLACES, self.tr("Places"), SOURCE_VECTOR_POINT))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.MENTIONS, self.tr("Mentions"), SOURCE_VECTOR_POINT, optional=True,
            createByDefault=True))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        index = self.index()
        version = index.gazetteer_version()  # as `gazetteer geoparse` writes it
        articles = self.read_articles(parameters, context, feedback)
        use_saved = self.parameterAsBoolean(parameters, self.USE_SAVED, context)
        language = self.LANGUAGE_CODES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        store = ResolutionStore() if use_saved else None

        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        place_fields = layers.schema_fields("geoparse", "places")
        places_sink, places_dest = self.parameterAsSink(parameters, self.PLACES, context, place_fields,
                                                        WKB_POINT, wgs84)
        if places_sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.PLACES))
        mention_fields = layers.schema_fields("geoparse", "mentions")
        mentions_sink, mentions_dest = self.parameterAsSink(parameters, self.MENTIONS, context,
                                                            mention_fields, WKB_POINT, wgs84)
        counts = [0, 0]
        cancelled = self.module().Cancelled
        done = 0
        for n, (article_id, text, meta) in enumerate(articles):
            if feedback.isCanceled():
                break
            overrides = store.overrides(text) if store else None
            # The engine reports within the article and stops when the user cancels.
            progress = engine_progress(feedback, 100.0 * n / len(articles), 100.0 / len(articles))
            try:
                result = index.geoparse(text, id=article_id, overrides=overrides or None,
                                        language=str(meta.get("lang") or language), progress=progress)
            except cancelled:
                break
            except ValueError as e:
                raise QgsProcessingException("{}: {}".format(article_id, e)) from None
            done += 1
            features = layers.engine_features(result.layers(version))
            places_sink.addFeatures(features["places"], QgsFeatureSink.Flag.FastInsert)
            counts[0] += len(result.places)
            if mentions_sink is not None:
                mentions_sink.addFeatures(features["mentions"], QgsFeatureSink.Flag.FastInsert)
            counts[1] += len(result.mentions)
            feedback.setProgress(100.0 * (n + 1) / len(articles))
        if done < len(articles):
            feedback.reportError(self.tr("Cancelled: {} of {} articles geoparsed.").format(done, len(articles)))
        feedback.pushInfo(self.tr("{} articles: {} places, {} mentions.").format(done, *counts))
        results = {self.PLACES: places_dest}
        if mentions_sink is not None:
            results[self.MENTIONS] = mentions_dest
        return results
