"""The article panel turns an article into layers: mentions highlighted in the text, a click on a
mention zooms the map, a changed resolution is remembered per article and applied on later runs,
and the places and itinerary go to the map as styled layers."""

import json
import os

import qgis_harness as h

h.app()

import unittest  # noqa: E402

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform,  # noqa: E402
                       QgsMarkerLineSymbolLayer, QgsPointXY, QgsProject, QgsProperty,
                       QgsSimpleMarkerSymbolLayerBase)
from qgis.PyQt.QtGui import QTextCursor  # noqa: E402

OWN_TEXT = ("Officials said the delegation flew from Vladivostok to Pyongyang on Monday, "
            "then went on by road to Kaesong.\nSeoul did not comment.")


class PanelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.iface, cls.plugin = h.start_plugin()
        cls.dock = cls.plugin.dock
        if not h.engine_has("geoparse"):
            raise unittest.SkipTest("the engine of this build has no geoparser yet")

    def setUp(self):
        QgsProject.instance().clear()

    def mention_index(self, text):
        return next(n for n, m in enumerate(self.dock.article["mentions"]) if m["text"] == text)

    def canvas_contains(self, lon, lat):
        canvas = self.iface.canvas
        t = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                   canvas.mapSettings().destinationCrs(), QgsProject.instance())
        return canvas.extent().contains(t.transform(QgsPointXY(lon, lat)))

    def test_empty_text_is_a_message(self):
        self.dock.set_article("")
        self.assertFalse(self.dock.run())
        self.assertTrue(self.iface.messages)
        self.iface.bar.clearWidgets()

    def test_mentions_highlighted_and_clickable(self):
        self.dock.set_article(OWN_TEXT, "own")
        self.assertTrue(self.dock.run())
        mentions = self.dock.article["mentions"]
        texts = [m["text"] for m in mentions]
        for name in ("Vladivostok", "Pyongyang", "Seoul"):
            self.assertIn(name, texts)
        self.assertEqual(self.dock.mentions.topLevelItemCount(), len(mentions))
        self.assertEqual(len(self.dock.editor.extraSelections()), len(mentions))
        for m, selection in zip(mentions, self.dock.editor.extraSelections()):
            self.assertEqual(selection.cursor.selectedText(), m["text"])

        # A click in the text (the cursor moves into a mention) selects it and zooms to it.
        i = self.mention_index("Pyongyang")
        cursor = QTextCursor(self.dock.editor.document())
        cursor.setPosition(mentions[i]["start"] + 2)
        self.dock.editor.setTextCursor(cursor)
        self.assertEqual(self.dock.current, i)
        self.assertTrue(self.canvas_contains(125.75, 39.03))
        self.assertFalse(self.canvas_contains(131.87, 43.11))
        self.assertGreaterEqual(self.dock.alternatives.count(), 2)  # candidates + "(no place)"

    def test_resolution_change_is_remembered(self):
        self.dock.set_article(OWN_TEXT, "own")
        self.assertTrue(self.dock.run())
        i = self.mention_index("Seoul")
        start = self.dock.article["mentions"][i]["start"]
        try:
            self.dock.choose_alternative(i, None)  # "(no place)"
            self.assertIsNone(self.dock.article["mentions"][self.mention_index("Seoul")]["place"])
            store_file = os.path.join(QgsApplication.qgisSettingsDirPath(), "article_gazetteer", "resolutions.json")
            self.assertTrue(store_file.startswith(h.PROFILE_DIR), store_file)
            with open(store_file, encoding="utf-8") as f:
                self.assertIn(str(start), next(iter(json.load(f).values())))
            # A later run of the same article, from scratch, applies the choice.
            self.dock.set_article(OWN_TEXT, "own")
            self.assertTrue(self.dock.run())
            self.assertIsNone(self.dock.article["mentions"][self.mention_index("Seoul")]["place"])
            self.assertNotIn("Seoul", [p["name"] for p in self.dock.article["places"]])
            # So does the Processing algorithm.
            h.init_processing()
            import processing
            places = processing.run(h.PROVIDER_ID + ":geoparse", {"TEXT": OWN_TEXT, "PLACES": "memory:"})["PLACES"]
            self.assertNotIn("Seoul", [f["name"] for f in places.getFeatures()])
        finally:
            self.dock.store.forget(OWN_TEXT)
        self.dock.set_article(OWN_TEXT, "own")
        self.assertTrue(self.dock.run())
        self.assertIsNotNone(self.dock.article["mentions"][self.mention_index("Seoul")]["place"])

    def test_seed_article_to_layers(self):
        text = h.seed_article_text()  # skips when ../shared is absent
        if not h.engine_has("itinerary"):
            self.skipTest("the engine of this build has no itinerary extraction yet")
        self.dock.set_article(text, "kim-putin-vostochny-2023")
        self.assertTrue(self.dock.run())
        self.assertEqual(self.dock.itinerary["traveller"], "Kim Jong Un")
        added = self.dock.add_to_map()
        names = [layer.name() for layer in added]
        self.assertEqual(names, ["stops", "legs", "places", "mentions"])
        for layer in added:
            self.assertIn(layer.id(), QgsProject.instance().mapLayers())
            self.assertTrue(layer.isValid())
        group = QgsProject.instance().layerTreeRoot().findGroup("kim-putin-vostochny-2023")
        self.assertEqual(len(group.findLayers()), 4)

        stops, legs, places, _mentions = added
        place_names = {f["name"]: f for f in places.getFeatures()}
        for name in ("Vladivostok", "Khasan", "Pyongyang", "Vostochny Cosmodrome", "Komsomolsk-on-Amur"):
            self.assertIn(name, place_names)
        self.assertGreater(place_names["Russia"]["mentions"], 1)
        # Points sized by mention count, labelled.
        symbol = places.renderer().symbol()
        self.assertTrue(symbol.dataDefinedSize().isActive())
        self.assertEqual(symbol.dataDefinedSize().propertyType(), QgsProperty.ExpressionBasedProperty)
        self.assertIn("mentions", symbol.dataDefinedSize().expressionString())
        self.assertTrue(places.labelsEnabled())
        # Legs as lines with an arrowhead in the travel direction, labelled with the mode.
        arrows = legs.renderer().symbol().symbolLayer(1)
        self.assertIsInstance(arrows, QgsMarkerLineSymbolLayer)
        self.assertEqual(arrows.subSymbol().symbolLayer(0).shape(), QgsSimpleMarkerSymbolLayerBase.ArrowHeadFilled)
        self.assertTrue(legs.labelsEnabled())
        self.assertIn("mode", legs.labeling().settings().fieldName)
        self.assertEqual(sorted(f["mode"] or "" for f in legs.getFeatures()), ["", "plane", "train", "train"])
        self.assertEqual(stops.featureCount(), 5)
        self.assertTrue(self.canvas_contains(131.87, 43.11))  # zoomed to the layers
        self.assertTrue(self.canvas_contains(125.75, 39.03))


if __name__ == "__main__":
    h.main()
