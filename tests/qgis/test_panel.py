"""The article panel turns an article into layers: mentions highlighted in the text, a click on a
mention zooms the map, a changed resolution is remembered per article and applied on later runs,
and the places and itinerary go to the map as styled layers."""

import json
import os
import tempfile
import time

import qgis_harness as h

h.app()

import unittest  # noqa: E402

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem,  # noqa: E402
                       QgsCoordinateTransform, QgsMarkerLineSymbolLayer, QgsPointXY, QgsProject, QgsProperty,
                       QgsSimpleMarkerSymbolLayerBase)
from qgis.PyQt.QtCore import QCoreApplication, QTimer  # noqa: E402
from qgis.PyQt.QtGui import QTextCursor  # noqa: E402

OWN_TEXT = ("Officials said the delegation flew from Vladivostok to Pyongyang on Monday, "
            "then went on by road to Kaesong.\nSeoul did not comment.")


def long_article(megabytes):
    """About `megabytes` MB of news-like text written here (places, people, travel), with a
    padding paragraph between repeats so that mentions spread over the whole text."""
    paragraph = (OWN_TEXT + " The minister later travelled from Moscow to Khabarovsk by train, "
                 "met officials in Beijing and returned to Vladivostok on Friday.\n"
                 + "Analysts expect further talks on trade and security in the coming months. " * 20 + "\n\n")
    return paragraph * (megabytes * 1024 * 1024 // len(paragraph) + 1)


def wait_for(condition, timeout_s, on_tick=None):
    """Runs the Qt event loop until condition() is true; returns the event-loop turns taken."""
    deadline = time.monotonic() + timeout_s
    turns = 0
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out after {} s".format(timeout_s))
        QCoreApplication.processEvents()
        turns += 1
        if on_tick is not None:
            on_tick()
        time.sleep(0.01)
    return turns


class PanelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.iface, cls.plugin = h.start_plugin()
        cls.dock = cls.plugin.dock

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

    def test_open_refuses_a_binary_file(self):
        """Open... reads through the engine's check_text(): a binary file is a message naming it
        and leaves the text alone; a stray byte is repaired."""
        import tempfile
        from article_gazetteer.panel import dock as dock_module

        folder = tempfile.mkdtemp(prefix="gz-panel-")
        binary = os.path.join(folder, "photo.txt")
        with open(binary, "wb") as f:
            f.write(b"GIF89a\x01\x00\x01\x00\x80\x00\x00Ak Dhaka")
        stray = os.path.join(folder, "stray.txt")
        with open(stray, "wb") as f:
            f.write(b"Caf\xe9 owners in Vladivostok complained about prices.")
        real = dock_module.QFileDialog.getOpenFileName
        try:
            self.dock.set_article(OWN_TEXT, "own")
            dock_module.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (binary, ""))
            self.dock._open_clicked()
            self.assertEqual(self.dock.text(), OWN_TEXT)
            self.assertIn("photo.txt: not text", self.dock.status.text())
            dock_module.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (stray, ""))
            self.dock._open_clicked()
            self.assertEqual(self.dock.text(), "Caf\ufffd owners in Vladivostok complained about prices.")
            self.assertIn("Vladivostok", [m["text"] for m in self.dock.article["mentions"]])
        finally:
            dock_module.QFileDialog.getOpenFileName = real
            self.iface.bar.clearWidgets()

    def test_mentions_highlighted_and_clickable(self):
        self.dock.set_article(OWN_TEXT, "own")
        self.assertTrue(self.dock.run())
        mentions = self.dock.article["mentions"]
        texts = [m["text"] for m in mentions]
        for name in ("Vladivostok", "Pyongyang", "Seoul"):
            self.assertIn(name, texts)
        self.assertEqual(self.dock.mentions.model().rowCount(), len(mentions))
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
            self.assertIsNone(self.dock.article["mentions"][self.mention_index("Seoul")]["place_id"])
            store_file = os.path.join(QgsApplication.qgisSettingsDirPath(), "article_gazetteer", "resolutions.json")
            self.assertTrue(store_file.startswith(h.PROFILE_DIR), store_file)
            with open(store_file, encoding="utf-8") as f:
                self.assertIn(str(start), next(iter(json.load(f).values())))
            # A later run of the same article, from scratch, applies the choice.
            self.dock.set_article(OWN_TEXT, "own")
            self.assertTrue(self.dock.run())
            self.assertIsNone(self.dock.article["mentions"][self.mention_index("Seoul")]["place_id"])
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
        self.assertIsNotNone(self.dock.article["mentions"][self.mention_index("Seoul")]["place_id"])

    def test_russian_and_korean_text(self):
        """Cyrillic and Hangul articles are parsed in their language (the Russian genitive and the
        Korean noun without its particle are found), highlighted over the noun alone and drawn
        with real glyphs (a font that has them, not boxes)."""
        from qgis.PyQt.QtGui import QFontDatabase, QRawFont
        systems = getattr(QFontDatabase, "WritingSystem", QFontDatabase)  # scoped in Qt6
        texts = {"ru": ("Поезд из Хабаровска прибыл во Владивосток.", ["Хабаровска", "Владивосток"]),
                 "ko": ("열차는 평양에서 출발해 블라디보스토크로 향했다.", ["평양", "블라디보스토크"])}
        for language, (text, expected) in texts.items():
            self.dock.set_article(text, language)
            self.assertTrue(self.dock.run())
            mentions = self.dock.article["mentions"]
            self.assertEqual([m["text"] for m in mentions], expected)
            for m, selection in zip(mentions, self.dock.editor.extraSelections()):
                self.assertEqual(selection.cursor.selectedText(), m["text"])
            font = QRawFont.fromFont(self.dock.editor.font(),
                                     systems.Korean if language == "ko" else systems.Cyrillic)
            self.assertTrue(font.isValid())
            for ch in expected[0]:
                self.assertTrue(font.supportsCharacter(ch), "no glyph for {!r} in {}".format(ch, font.familyName()))

    def test_selecting_a_mention_scrolls_the_text_to_it(self):
        filler = "Nothing happened here today.\n" * 400
        self.dock.set_article(filler + OWN_TEXT, "own")
        self.dock.setFloating(True)
        self.dock.resize(420, 480)
        self.dock.show()
        QCoreApplication.processEvents()
        self.assertTrue(self.dock.run())
        self.dock.editor.moveCursor(QTextCursor.MoveOperation.Start)
        self.dock.editor.ensureCursorVisible()
        bar = self.dock.editor.verticalScrollBar()
        self.assertEqual(bar.value(), 0)
        i = self.mention_index("Seoul")
        self.dock.mentions.setCurrentIndex(self.dock.mentions.model().index(i, 0))  # a click in the list
        self.assertEqual(self.dock.current, i)
        self.assertEqual(self.dock.editor.textCursor().position(), self.dock.article["mentions"][i]["start"])
        self.assertGreater(bar.value(), 0)
        rect = self.dock.editor.cursorRect()
        self.assertTrue(self.dock.editor.viewport().rect().contains(rect.center()))
        self.dock.hide()
        self.dock.setFloating(False)

    def test_resolution_box_shows_the_lists_number(self):
        self.dock.set_article(OWN_TEXT, "own")
        self.assertTrue(self.dock.run())
        i = self.mention_index("Pyongyang")
        try:
            for step in ("parsed", "chosen by the user"):
                self.dock.select_mention(i, zoom=False)
                listed = self.dock.mentions.model().index(i, 3).data()
                self.assertIn("— " + listed, self.dock.alternatives.currentText(), step)
                if step == "parsed":
                    other = next(a["place_id"] for a in self.dock.article["mentions"][i]["alternatives"]
                                 if a["place_id"] != self.dock.article["mentions"][i]["place_id"])
                    self.dock.choose_alternative(i, other)
                    i = self.mention_index("Pyongyang")
                    self.assertEqual(self.dock.article["mentions"][i]["place_id"], other)
        finally:
            self.dock.store.forget(OWN_TEXT)

    def test_pasted_text_does_not_keep_the_opened_files_name(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "old-file.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(OWN_TEXT)
            self.dock.open_file(path)
        self.assertEqual(self.dock.article_id, "old-file")
        self.assertEqual(self.dock.article["id"], "old-file")
        self.dock.editor.selectAll()
        self.dock.editor.insertPlainText("Pasted news: the envoy flew from Seoul to Tokyo.")  # a paste
        self.assertTrue(self.dock.run())
        self.assertNotEqual(self.dock.article["id"], "old-file")
        added = self.dock.add_to_map()
        self.assertTrue(added)
        # The group the layers went into is named after the pasted text, not the old file.
        groups = [g for g in QgsProject.instance().layerTreeRoot().findGroups()
                  if any(g.findLayer(layer.id()) for layer in added)]
        self.assertEqual(len(groups), 1)
        self.assertNotIn("old-file", groups[0].name())
        self.assertIsNone(QgsProject.instance().layerTreeRoot().findGroup("old-file"))

    def test_long_article_runs_in_a_task_with_progress_and_cancel(self):
        text = long_article(5)
        self.assertGreater(len(text), 5 * 1000 * 1000)
        ticks = []
        timer = QTimer()
        # Ticks count only while a task works: filling the list with the results afterwards is
        # the panel's own (short) work, not a freeze during the parse.
        timer.timeout.connect(lambda: ticks.append(time.monotonic()) if self.dock.task is not None else None)
        timer.start(20)

        # Cancelled while it works: no results, the panel ready again.
        self.dock.set_article(text, "five-megabytes")
        progress = []
        self.assertTrue(self.dock.run())
        task = self.dock.task
        self.assertIsNotNone(task)
        self.assertTrue(self.dock.progress.isVisible() or not self.dock.isVisible())
        self.assertFalse(self.dock.run_button.isEnabled())
        wait_for(lambda: task.progress() > 5, 120, lambda: progress.append(task.progress()))
        cancelled_at = time.monotonic()
        self.dock.cancel_button.click()
        self.assertIsNone(self.dock.task)
        wait_for(lambda: task.status() in (task.TaskStatus.Terminated, task.TaskStatus.Complete), 60)
        self.assertEqual(task.status(), task.TaskStatus.Terminated)
        print("cancel took effect in {:.2f} s".format(time.monotonic() - cancelled_at))
        self.assertIsNone(self.dock.article)
        self.assertFalse(self.dock.last_run_ok)
        self.assertTrue(self.dock.run_button.isEnabled())

        # Left to finish: progress rises, the event loop keeps turning, results arrive.
        ticks.clear()
        started = time.monotonic()
        self.assertTrue(self.dock.run())
        task = self.dock.task
        seen = []
        wait_for(lambda: self.dock.task is None, 600, lambda: seen.append(task.progress()))
        elapsed = time.monotonic() - started
        timer.stop()
        self.assertTrue(self.dock.last_run_ok, self.dock.status.text())
        self.assertGreater(len(set(int(p) for p in seen)), 3)  # progress moved in steps
        # The interface stayed responsive: the 20 ms timer fired throughout the parse (a frozen
        # event loop would leave one gap as long as the work). Half the work is the bound, so that
        # a loaded machine, which slows both alike, does not fail it.
        self.assertGreater(len(ticks), 2)
        gaps = [b - a for a, b in zip([started] + ticks, ticks)]
        print("5 MB article: {:.1f} s in the task, {} timer ticks, longest gap {:.2f} s".format(
            elapsed, len(ticks), max(gaps)))
        self.assertLess(max(gaps), elapsed / 2)
        mentions = self.dock.article["mentions"]
        self.assertGreater(len(mentions), 10000)
        # The list holds every mention at once; the highlights come slice by slice, then all.
        self.assertEqual(self.dock.mentions.model().rowCount(), len(mentions))
        self.assertTrue(self.dock.highlighting())
        wait_for(lambda: not self.dock.highlighting(), 60)
        selections = self.dock.editor.extraSelections()
        self.assertEqual(len(selections), len(mentions))
        last = mentions[-1]
        self.assertEqual((selections[-1].cursor.selectionStart(), selections[-1].cursor.selectionEnd()),
                         (last.start, last.end))

    def test_seed_article_to_layers(self):
        text = h.seed_article_text()  # skips when ../shared is absent
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
