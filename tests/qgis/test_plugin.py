"""The plugin zip installs into a fresh profile and loads through qgis.utils; the geocoder and
the locator find Vladivostok; unload leaves no provider, locator filter, dock or action behind."""

import configparser
import os
import time
import zipfile

import qgis_harness as h

h.app()

import unittest  # noqa: E402

from qgis.core import (QgsApplication, QgsCoordinateTransformContext, QgsGeocoderContext,  # noqa: E402
                       QgsLocatorContext)
from qgis.PyQt.QtCore import QEventLoop, QTimer  # noqa: E402


class PluginTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.iface, cls.plugin = h.start_plugin()

    def test_a_zip_contents(self):
        names = zipfile.ZipFile(os.environ["GAZETTEER_PLUGIN_ZIP"]).namelist()
        for required in ("metadata.txt", "__init__.py", "plugin.py", "engine.py", "geocoder.py",
                         "processing/provider.py", "panel/dock.py", "icons/icon.png"):
            self.assertIn(h.PACKAGE + "/" + required, names)
        self.assertTrue(any(n.startswith(h.PACKAGE + "/_gazetteer_engine.") and n.endswith(".so") for n in names))
        self.assertTrue(h.PACKAGE + "/data/default.gzidx" in names or h.PACKAGE + "/data/README.md" in names)
        self.assertFalse([n for n in names if "__pycache__" in n])

    def test_b_metadata_and_version(self):
        meta = configparser.ConfigParser(interpolation=None)
        meta.read(os.path.join(h.plugins_dir(), h.PACKAGE, "metadata.txt"), encoding="utf-8")
        general = meta["general"]
        for key in ("name", "description", "about", "version", "qgisMinimumVersion", "author", "email",
                    "tracker", "repository", "homepage", "tags", "icon"):
            self.assertTrue(general.get(key), key)
        self.assertEqual(general["qgisMinimumVersion"], "3.22")
        self.assertEqual(general["supportsQt6"], "True")
        self.assertEqual(general["hasProcessingProvider"], "yes")
        self.assertTrue(os.path.isfile(os.path.join(h.plugins_dir(), h.PACKAGE, general["icon"])))
        from article_gazetteer import engine
        self.assertEqual(engine.module().__version__, general["version"])

    def test_c_registered(self):
        self.assertIsNotNone(QgsApplication.processingRegistry().providerById(h.PROVIDER_ID))
        filters = [f for f in self.iface.locator.filters() if f.name() == "article_gazetteer"]
        self.assertEqual(len(filters), 1)
        self.assertEqual(filters[0].prefix(), "gaz")
        self.assertEqual([d.objectName() for d in self.iface.docks()], ["ArticleGazetteerDock"])
        self.assertEqual(len(self.iface.toolbar_actions), 1)
        self.assertEqual(self.iface.messages, [], "no engine error expected")

    def test_d_geocoder_vladivostok(self):
        context = QgsGeocoderContext(QgsCoordinateTransformContext())
        results = self.plugin.geocoder.geocodeString("Vladivostok", context)
        self.assertTrue(results and results[0].isValid(), [r.error() for r in results])
        best = results[0]
        self.assertTrue(best.identifier().startswith("Vladivostok"), best.identifier())
        point = best.geometry().asPoint()
        self.assertAlmostEqual(point.y(), 43.106, delta=0.1)
        self.assertAlmostEqual(point.x(), 131.874, delta=0.1)
        self.assertEqual(best.crs().authid(), "EPSG:4326")
        self.assertEqual(best.additionalAttributes()["gz_country"], "RU")

    def test_e_geocoder_own_name_first_and_says_why_others_matched(self):
        context = QgsGeocoderContext(QgsCoordinateTransformContext())
        results = self.plugin.geocoder.geocodeString("Khasan", context)
        self.assertTrue(results and results[0].isValid())
        self.assertTrue(results[0].identifier().startswith("Khasan (Primorye, RU)"), results[0].identifier())
        for r in results:
            shown = r.identifier().split(" — ")[0]
            if "khasan" not in shown.casefold():
                # A place listed for a name it does not show says why it matched.
                self.assertIn(" — ", r.identifier(), r.identifier())
        hassan = [r for r in results if r.identifier().startswith("Hassan")]
        self.assertTrue(hassan and "also called 'khasan'" in hassan[0].identifier(), [r.identifier() for r in results])

    def test_e_geocoder_typo_says_fuzzy(self):
        context = QgsGeocoderContext(QgsCoordinateTransformContext())
        best = self.plugin.geocoder.geocodeString("Vladivostock", context)[0]
        self.assertTrue(best.identifier().startswith("Vladivostok"), best.identifier())
        self.assertEqual(best.additionalAttributes()["gz_match"], "fuzzy")
        self.assertEqual(best.additionalAttributes()["gz_edit_distance"], 1)
        self.assertIn("typo-corrected from 'Vladivostock' (edit distance 1)", best.identifier())

    def test_e_geocoder_no_match_is_empty(self):
        context = QgsGeocoderContext(QgsCoordinateTransformContext())
        self.assertEqual(self.plugin.geocoder.geocodeString("Xqzzqx Wvvk", context), [])

    def test_f_locator_async(self):
        """Results come through QgsLocator's worker thread: fetchResults() returns at once and the
        UI event loop keeps running while the engine searches."""
        found = []
        locator = self.iface.locator
        # Copy what is needed inside the slot: the result object is only valid during the signal.
        locator.foundResult.connect(lambda r: found.append(r.displayString))
        loop = QEventLoop()
        locator.finished.connect(loop.quit)
        ticks = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(1)
        QTimer.singleShot(10000, loop.quit)
        start = time.monotonic()
        locator.fetchResults("gaz Vladivostok", QgsLocatorContext())
        returned_with = len(found)
        loop.exec()
        elapsed = time.monotonic() - start
        timer.stop()
        print("locator: {} results in {:.3f} s, UI loop ticked {} times".format(len(found), elapsed, len(ticks)))
        self.assertEqual(returned_with, 0, "fetchResults must not run the search on the UI thread")
        self.assertTrue(found)
        self.assertTrue(found[0].startswith("Vladivostok"), found)

    def test_g_version_mismatch_is_a_message(self):
        from article_gazetteer import engine
        saved_module, saved_version = engine._module, engine.plugin_version
        try:
            engine._module = None
            engine.plugin_version = lambda: "99.0.0"
            with self.assertRaises(engine.EngineUnavailable) as caught:
                engine.module()
            self.assertIn("99.0.0", str(caught.exception))
            self.assertFalse(self.plugin.check_engine())
            self.assertTrue(any("99.0.0" in m for m in self.iface.messages), self.iface.messages)
        finally:
            engine._module, engine.plugin_version = saved_module, saved_version
            self.iface.bar.clearWidgets()

    def test_h_missing_module_is_a_message(self):
        from article_gazetteer import engine
        saved_module, saved_name = engine._module, engine.MODULE_NAME
        try:
            engine._module = None
            engine.MODULE_NAME = "_gazetteer_engine_not_built"
            with self.assertRaises(engine.EngineUnavailable) as caught:
                engine.module()
            self.assertIn("cannot be loaded", str(caught.exception))
            self.assertFalse(self.plugin.check_engine())
            self.assertTrue(any("cannot be loaded" in m for m in self.iface.messages), self.iface.messages)
            # The faces explain themselves instead of raising.
            context = QgsGeocoderContext(QgsCoordinateTransformContext())
            results = self.plugin.geocoder.geocodeString("Vladivostok", context)
            self.assertFalse(results[0].isValid())
            self.assertIn("cannot be loaded", results[0].error())
        finally:
            engine._module, engine.MODULE_NAME = saved_module, saved_name
            self.iface.bar.clearWidgets()

    def test_i_missing_index_is_a_message(self):
        from article_gazetteer import engine
        saved = engine.index_candidates
        try:
            engine.reset()
            engine.index_candidates = lambda: ["/nonexistent/default.gzidx"]
            self.assertFalse(self.plugin.check_engine())
            self.assertTrue(any("No gazetteer index found" in m for m in self.iface.messages), self.iface.messages)
        finally:
            engine.index_candidates = saved
            engine.reset()
            self.iface.bar.clearWidgets()

    def test_j_index_search_order(self):
        from article_gazetteer import engine
        candidates = engine.index_candidates()
        self.assertEqual(candidates[0], os.path.join(h.plugins_dir(), h.PACKAGE, "data", "default.gzidx"))
        os.environ["GAZETTEER_INDEX"] = "/elsewhere/x.gzidx"
        try:
            self.assertEqual(engine.index_candidates()[1], "/elsewhere/x.gzidx")
        finally:
            del os.environ["GAZETTEER_INDEX"]

    def test_z_unload(self):
        import qgis.utils

        self.assertTrue(qgis.utils.unloadPlugin(h.PACKAGE), self.iface.messages)
        self.assertIsNone(QgsApplication.processingRegistry().providerById(h.PROVIDER_ID))
        self.assertEqual([f.name() for f in self.iface.locator.filters() if f.name() == "article_gazetteer"], [])
        QgsApplication.processEvents()
        self.assertEqual([d.objectName() for d in self.iface.docks()], [])
        self.assertEqual(self.iface.toolbar_actions, [])
        self.assertEqual(self.iface.menu_actions, [])
        self.assertNotIn(h.PACKAGE, qgis.utils.plugins)

    def test_zz_reload(self):
        """Loading again after unload (as Plugin Reloader does) registers everything once more,
        including a fresh import of the compiled module."""
        import qgis.utils

        self.assertTrue(qgis.utils.loadPlugin(h.PACKAGE))
        self.assertTrue(qgis.utils.startPlugin(h.PACKAGE), self.iface.messages)
        plugin = qgis.utils.plugins[h.PACKAGE]
        self.assertIsNotNone(QgsApplication.processingRegistry().providerById(h.PROVIDER_ID))
        context = QgsGeocoderContext(QgsCoordinateTransformContext())
        self.assertTrue(plugin.geocoder.geocodeString("Vladivostok", context)[0].isValid())
        self.assertTrue(qgis.utils.unloadPlugin(h.PACKAGE), self.iface.messages)
        self.assertIsNone(QgsApplication.processingRegistry().providerById(h.PROVIDER_ID))
        self.assertEqual([d.objectName() for d in self.iface.docks()], [])


if __name__ == "__main__":
    h.main()
