"""Shared set-up of the QGIS plugin tests: a real, headless QGIS 3.22 (QT_QPA_PLATFORM=offscreen,
Debian python3-qgis, system /usr/bin/python3) with a throwaway profile; the plugin zip installed
into that profile with scripts/install-plugin.sh and loaded through qgis.utils, as QGIS does.

Import this module before anything from qgis: it points the profile, settings and caches at a
fresh temporary folder first. Environment (set by tests/qgis/CMakeLists.txt):
  GAZETTEER_PLUGIN_ZIP   the zip built by the plugin_zip target
  GAZETTEER_SOURCE_DIR   the checkout (for scripts/install-plugin.sh)
  GAZETTEER_SHARED_DIR   ../shared beside the checkout (the seed article); tests skip without it
"""

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

PACKAGE = "article_gazetteer"
PROVIDER_ID = "article_gazetteer"
SKIP_EXIT_CODE = 77  # CTest SKIP_RETURN_CODE: every test of the file was skipped

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("GAZETTEER_SOURCE_DIR", os.path.dirname(os.path.dirname(HERE)))

_root = tempfile.mkdtemp(prefix="gazetteer-qgis-test-")
atexit.register(shutil.rmtree, _root, True)
PROFILE_DIR = os.path.join(_root, "profile")
os.makedirs(PROFILE_DIR)
for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"),
                 ("XDG_RUNTIME_DIR", "runtime")):
    os.makedirs(os.path.join(_root, sub), mode=0o700)
    os.environ[var] = os.path.join(_root, sub)
os.environ["QGIS_CUSTOM_CONFIG_PATH"] = PROFILE_DIR
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
sys.dont_write_bytecode = True
os.environ.pop("GAZETTEER_INDEX", None)  # the plugin must find the index it bundles

from qgis.core import QgsApplication  # noqa: E402
from qgis.PyQt.QtCore import QCoreApplication, QSettings  # noqa: E402

QCoreApplication.setOrganizationName("ArticleGazetteerTests")
QCoreApplication.setApplicationName("QGIS3")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, PROFILE_DIR)

_app = None


def app():
    """The one QgsApplication of the process, on the throwaway profile."""
    global _app
    if _app is None:
        QgsApplication.setPrefixPath("/usr", True)
        _app = QgsApplication([], True, PROFILE_DIR)
        _app.initQgis()
        atexit.register(_app.exitQgis)
    return _app


def seed_article_path():
    """The seed article in ../shared, or None when it is absent (tests then skip)."""
    shared = os.environ.get("GAZETTEER_SHARED_DIR") or os.path.join(SOURCE_DIR, "..", "shared")
    path = os.path.join(shared, "articles", "kim-putin-vostochny-2023.txt")
    return path if os.path.isfile(path) else None


def seed_article_text():
    path = seed_article_path()
    if path is None:
        raise unittest.SkipTest("seed article not found (set GAZETTEER_SHARED_DIR or put ../shared beside the checkout)")
    with open(path, encoding="utf-8") as f:
        return f.read()


def plugins_dir():
    return os.path.join(PROFILE_DIR, "python", "plugins")


def install_plugin():
    """Installs the zip into the profile with scripts/install-plugin.sh; returns the plugin folder."""
    zip_path = os.environ.get("GAZETTEER_PLUGIN_ZIP")
    if not zip_path or not os.path.isfile(zip_path):
        raise RuntimeError("GAZETTEER_PLUGIN_ZIP does not name the built zip: {!r}".format(zip_path))
    folder = os.path.join(plugins_dir(), PACKAGE)
    if not os.path.isdir(folder):
        subprocess.run(["bash", os.path.join(SOURCE_DIR, "scripts", "install-plugin.sh"), zip_path, PROFILE_DIR],
                       check=True, stdout=subprocess.DEVNULL)
    if plugins_dir() not in sys.path:
        sys.path.insert(0, plugins_dir())
    return folder


class FakeIface:
    """The parts of QgisInterface the plugin uses, backed by real Qt/QGIS objects (a main window,
    a map canvas, a message bar, a QgsLocator) so that tests can see what was registered."""

    def __init__(self):
        from qgis.core import QgsLocator
        from qgis.gui import QgsMapCanvas, QgsMessageBar
        from qgis.PyQt.QtWidgets import QMainWindow

        self.window = QMainWindow()
        self.canvas = QgsMapCanvas(self.window)
        self.canvas.resize(800, 600)
        self.window.setCentralWidget(self.canvas)
        self.bar = QgsMessageBar(self.window)
        self.locator = QgsLocator()
        self.toolbar_actions = []
        self.menu_actions = []

    @property
    def messages(self):
        """Texts of the message bar entries pushed so far (and not dismissed)."""
        return [item.text() for item in self.bar.items()]

    def mainWindow(self):  # noqa: N802 (QgisInterface API)
        return self.window

    def mapCanvas(self):  # noqa: N802
        return self.canvas

    def messageBar(self):  # noqa: N802
        return self.bar

    def registerLocatorFilter(self, locator_filter):  # noqa: N802
        self.locator.registerFilter(locator_filter)

    def deregisterLocatorFilter(self, locator_filter):  # noqa: N802
        self.locator.deregisterFilter(locator_filter)

    def addDockWidget(self, area, dock):  # noqa: N802
        self.window.addDockWidget(area, dock)

    def removeDockWidget(self, dock):  # noqa: N802
        self.window.removeDockWidget(dock)

    def addToolBarIcon(self, action):  # noqa: N802
        self.toolbar_actions.append(action)

    def removeToolBarIcon(self, action):  # noqa: N802
        self.toolbar_actions.remove(action)

    def addPluginToMenu(self, name, action):  # noqa: N802
        self.menu_actions.append((name, action))

    def removePluginMenu(self, name, action):  # noqa: N802
        self.menu_actions.remove((name, action))

    def docks(self):
        from qgis.PyQt.QtWidgets import QDockWidget

        return [d for d in self.window.findChildren(QDockWidget) if d.parent() is self.window]


def start_plugin():
    """Installs and starts the plugin through qgis.utils with a FakeIface; returns (iface, plugin)."""
    import qgis.utils

    app()
    install_plugin()
    iface = FakeIface()
    qgis.utils.iface = iface
    # As QGIS does at start-up: scan the profile's plugin folder (this also lets qgis.utils track
    # the plugin's modules so that unloadPlugin() can remove them).
    if plugins_dir() not in qgis.utils.plugin_paths:
        qgis.utils.plugin_paths.insert(0, plugins_dir())
    qgis.utils.updateAvailablePlugins()
    if PACKAGE not in qgis.utils.available_plugins:
        raise RuntimeError("qgis.utils does not see the installed plugin in " + plugins_dir())
    if PACKAGE not in qgis.utils.active_plugins:
        if not qgis.utils.loadPlugin(PACKAGE):
            raise RuntimeError("qgis.utils.loadPlugin failed: " + "; ".join(iface.messages))
        if not qgis.utils.startPlugin(PACKAGE):
            raise RuntimeError("qgis.utils.startPlugin failed: " + "; ".join(iface.messages))
    return iface, qgis.utils.plugins[PACKAGE]


def init_processing():
    """Initialises the Processing framework (QGIS's own processing plugin)."""
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()


def main():
    """Runs the unittest cases of __main__; exits 77 when every one was skipped."""
    app()
    result = unittest.main(exit=False, verbosity=2).result
    code = 0
    if not result.wasSuccessful():
        code = 1
    elif result.testsRun and len(result.skipped) == result.testsRun:
        code = SKIP_EXIT_CODE
    # Leave without running Qt/QGIS destructors: their order at interpreter exit is not defined
    # in standalone scripts and can crash after every test has passed.
    sys.stdout.flush()
    sys.stderr.flush()
    shutil.rmtree(_root, True)
    os._exit(code)
