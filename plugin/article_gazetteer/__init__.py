"""Article Gazetteer: offline gazetteer, geoparser and itinerary engine for QGIS.

QGIS calls classFactory() when it loads the plugin. Everything is imported lazily here so that
merely scanning the plugin folder (the plugin manager does) costs nothing and cannot fail on a
missing compiled engine.
"""


def classFactory(iface):  # noqa: N802 (name fixed by the QGIS plugin API)
    """Returns the plugin object QGIS drives through initGui()/unload()."""
    from .plugin import ArticleGazetteerPlugin

    return ArticleGazetteerPlugin(iface)
