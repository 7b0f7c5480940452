"""The plugin-repository zip (no index, the index's pinned sources instead) works offline: on
first start the plugin builds the index into the QGIS profile in a background task, then the
locator, look-ups and geoparsing work as with the full zip, on an index of the same places."""

import os
import time

import qgis_harness as h

REPOSITORY_ZIP = os.environ.get("GAZETTEER_PLUGIN_REPOSITORY_ZIP", "")
if REPOSITORY_ZIP:
    os.environ["GAZETTEER_PLUGIN_ZIP"] = REPOSITORY_ZIP  # install this zip, not the full one

h.app()

import unittest  # noqa: E402

from qgis.core import QgsApplication, QgsCoordinateTransformContext, QgsGeocoderContext  # noqa: E402
from qgis.PyQt.QtCore import QCoreApplication  # noqa: E402


@unittest.skipUnless(REPOSITORY_ZIP and os.path.isfile(REPOSITORY_ZIP),
                     "repository zip not built (GAZETTEER_PLUGIN_REPOSITORY_ZIP)")
class RepositoryZipTest(unittest.TestCase):
    def test_first_start_builds_the_index_then_everything_works(self):
        iface, plugin = h.start_plugin()
        from article_gazetteer import engine

        self.assertFalse(os.path.exists(os.path.join(h.plugins_dir(), h.PACKAGE, "data", "default.gzidx")))
        task = plugin.index_task
        self.assertIsNotNone(task, iface.messages)
        self.assertTrue(any("Building the gazetteer index" in m for m in iface.messages), iface.messages)
        started = time.monotonic()
        progress = []
        while plugin.index_task is not None:
            QCoreApplication.processEvents()
            progress.append(task.progress())
            time.sleep(0.05)
            self.assertLess(time.monotonic() - started, 600, "index build timed out")
        print("index built in {:.1f} s".format(time.monotonic() - started))
        self.assertTrue(any("index ready" in m for m in iface.messages), iface.messages)
        self.assertGreater(len(set(int(p) for p in progress)), 2)

        path = engine.find_index_path()
        self.assertEqual(path, engine.built_index_path())
        self.assertTrue(path.startswith(QgsApplication.qgisSettingsDirPath()))
        built = engine.index()
        reference = os.environ.get("GAZETTEER_TEST_INDEX")
        if reference and os.path.isfile(reference):
            self.assertEqual(len(built), len(engine.module().Index.open(reference)))
        context = QgsGeocoderContext(QgsCoordinateTransformContext())
        best = plugin.geocoder.geocodeString("Khasan", context)[0]
        self.assertTrue(best.identifier().startswith("Khasan"), best.identifier())
        article = built.geoparse("The delegation flew from Vladivostok to Pyongyang.")
        self.assertEqual([p["name"] for p in article["places"]], ["Vladivostok", "Pyongyang"])


if __name__ == "__main__":
    h.main()
