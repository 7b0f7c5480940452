"""The plugin object: registers the Processing provider, the locator filter (QGIS geocoder
framework, prefix "gaz") and the article dock in initGui(), and undoes each of them in unload().

Every failure to reach the engine ends as a message bar entry (STYLE.md, "Errors and bad
input"), never as a traceback dialog: the provider, filter and dock still register and explain
themselves when used."""

import os

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from . import engine

PLUGIN_NAME = "Article Gazetteer"
ICON_PATH = os.path.join(os.path.dirname(__file__), "icons", "icon.png")


class ArticleGazetteerPlugin:
    """What QGIS drives: initProcessing()/initGui() then unload()."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.geocoder = None
        self.locator_filter = None
        self.dock = None
        self.action = None
        self.index_task = None

    # --- registration ---------------------------------------------------------------------------

    def initProcessing(self):  # noqa: N802 (QGIS API; qgis_process calls it without initGui)
        if self.provider is None:
            from .processing.provider import GazetteerProvider

            self.provider = GazetteerProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 (QGIS API)
        self.initProcessing()

        from .geocoder import GazetteerGeocoder, make_locator_filter

        # The filter keeps a plain pointer to the geocoder: self.geocoder keeps it alive.
        self.geocoder = GazetteerGeocoder()
        self.locator_filter = make_locator_filter(self.geocoder, self.iface.mapCanvas())
        self.iface.registerLocatorFilter(self.locator_filter)

        from .panel.dock import ArticleDock

        self.dock = ArticleDock(self.iface, self.iface.mainWindow())
        self.dock.setObjectName("ArticleGazetteerDock")
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()

        self.action = QAction(QIcon(ICON_PATH), PLUGIN_NAME, self.iface.mainWindow())
        self.action.setObjectName("ArticleGazetteerAction")
        self.action.setCheckable(True)
        self.action.toggled.connect(self.dock.setVisible)
        self.dock.visibilityChanged.connect(self.action.setChecked)
        self.iface.addToolBarIcon(self.action)
        self.iface.addPluginToMenu(PLUGIN_NAME, self.action)

        self.check_engine()

    def check_engine(self):
        """Pushes a message bar entry when the engine or its index cannot be used. Without an
        index but with the sources the repository zip carries, builds the index first (a task)."""
        try:
            engine.module()
            if engine.needs_build() and self.index_task is None:
                from .index_task import start_build

                self.index_task = start_build(self._index_built)
                self.iface.messageBar().pushMessage(
                    PLUGIN_NAME, "Building the gazetteer index from the data the plugin carries (once, about "
                    "half a minute).", Qgis.MessageLevel.Info, 10)
                return False
            engine.index()
        except engine.EngineUnavailable as e:
            self.iface.messageBar().pushMessage(PLUGIN_NAME, str(e), Qgis.MessageLevel.Critical, 0)
            return False
        return True

    def _index_built(self, task, ok):
        self.index_task = None
        if ok:
            self.iface.messageBar().pushMessage(
                PLUGIN_NAME, "Gazetteer index ready ({:,} places).".format(task.report["places"]),
                Qgis.MessageLevel.Success, 6)
        else:
            self.iface.messageBar().pushMessage(
                PLUGIN_NAME, "The gazetteer index could not be built: {}".format(task.error or "cancelled"),
                Qgis.MessageLevel.Critical, 0)

    def unload(self):
        if self.action is not None:
            self.action.toggled.disconnect(self.dock.setVisible)
            self.dock.visibilityChanged.disconnect(self.action.setChecked)
            self.iface.removePluginMenu(PLUGIN_NAME, self.action)
            self.iface.removeToolBarIcon(self.action)
            self.action.deleteLater()
            self.action = None
        if self.dock is not None:
            self.dock.close_panel()
            self.iface.removeDockWidget(self.dock)
            self.dock.setParent(None)
            self.dock.deleteLater()
            self.dock = None
        if self.locator_filter is not None:
            # deregisterLocatorFilter deletes the filter (QgsLocator::deregisterFilter).
            self.iface.deregisterLocatorFilter(self.locator_filter)
            self.locator_filter = None
        self.geocoder = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.index_task is not None:
            self.index_task.on_done = None
            self.index_task.cancel()
            self.index_task = None
        engine.reset()
