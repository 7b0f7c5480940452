"""The Processing provider ("article_gazetteer")."""

import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

PROVIDER_ID = "article_gazetteer"


class GazetteerProvider(QgsProcessingProvider):
    """Offline geocoding, geoparsing, routes and itineraries."""

    def id(self):
        return PROVIDER_ID

    def name(self):
        return "Article Gazetteer"

    def longName(self):  # noqa: N802 (QGIS API)
        from .. import engine
        try:
            return "Article Gazetteer {}".format(engine.module().__version__)
        except engine.EngineUnavailable:
            return "Article Gazetteer (engine not loaded)"

    def icon(self):
        return QIcon(os.path.join(os.path.dirname(os.path.dirname(__file__)), "icons", "icon.png"))

    def loadAlgorithms(self):  # noqa: N802 (QGIS API)
        from .geocode import GeocodeAlgorithm
        from .geoparse import GeoparseAlgorithm
        from .itinerary import ItineraryAlgorithm
        from .route import BuildRouteAlgorithm

        for algorithm in (GeocodeAlgorithm(), GeoparseAlgorithm(), BuildRouteAlgorithm(), ItineraryAlgorithm()):
            self.addAlgorithm(algorithm)
