"""*Find places* then *Add to map* in a new project, as a user does it in QGIS desktop: the layers
arrive in a group named after the article over the basemap, the view frames the journey after
QGIS's own "zoom to the first layers" has run, in a projection centred on it (a Pacific route is
drawn whole), stop labels are all drawn and no two labels overlap. Each case exports the map
through a QGIS print layout to build/qgis/*.png, to be looked at."""

import os

import qgis_harness as h

h.app()

import unittest  # noqa: E402

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsExpression,  # noqa: E402
                       QgsExpressionContext, QgsExpressionContextUtils, QgsGeometry, QgsMapRendererSequentialJob,
                       QgsMapSettings, QgsPointXY, QgsProject, QgsRectangle)
from qgis.gui import QgsLayerTreeMapCanvasBridge  # noqa: E402
from qgis.PyQt.QtCore import QCoreApplication, QElapsedTimer, QSize  # noqa: E402
from qgis.PyQt.QtGui import QImage  # noqa: E402

OUTPUT_DIR = os.environ.get("GAZETTEER_QGIS_OUTPUT_DIR") or os.path.join(h.SOURCE_DIR, "build", "qgis")
LAYER_NAMES = ["stops", "legs", "places", "mentions"]


def spin(ms=400):
    """Runs the event loop for `ms`, so queued calls (QGIS's first-layer zoom, ours) happen."""
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QCoreApplication.processEvents()


def sample_text(name):
    with open(os.path.join(h.SOURCE_DIR, "data", "samples", name), encoding="utf-8") as f:
        return f.read()


class AddToMapTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.iface, cls.plugin = h.start_plugin()
        cls.dock = cls.plugin.dock
        import article_gazetteer.map_builder as map_builder

        cls.mb = map_builder
        if map_builder.basemap_source() is None:
            raise unittest.SkipTest("this QGIS has no resources/data/world_map.gpkg")
        # QGIS desktop's bridge from the layer tree to the canvas: it zooms to the full extent
        # when a project's first layers arrive, the behaviour that used to win over our framing.
        cls.bridge = QgsLayerTreeMapCanvasBridge(QgsProject.instance().layerTreeRoot(), cls.iface.canvas)
        os.makedirs(OUTPUT_DIR, exist_ok=True)

    def setUp(self):
        QgsProject.instance().clear()
        self.iface.canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
        self.iface.canvas.setExtent(QgsRectangle(-180, -90, 180, 90))
        spin(50)

    # --- helpers --------------------------------------------------------------------------------

    def add(self, text, article_id):
        self.dock.set_article(text, article_id)
        self.assertTrue(self.dock.run(), "; ".join(self.iface.messages))
        added = self.dock.add_to_map()
        spin()
        return {layer.name(): layer for layer in added}

    def to_canvas(self):
        return QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                      self.iface.canvas.mapSettings().destinationCrs(), QgsProject.instance())

    def check_group_and_basemap(self, title, tinted=()):
        project = QgsProject.instance()
        root = project.layerTreeRoot()
        groups = [c for c in root.children() if c.name() == title]
        self.assertEqual(len(groups), 1)
        group = groups[0]
        self.assertIs(root.children()[0], group)  # the newest article on top
        self.assertEqual([n.layer().name() for n in group.findLayers()][:len(LAYER_NAMES)], LAYER_NAMES)
        self.assertFalse(group.findLayers()[3].isVisible())  # mentions: a table, unchecked
        basemaps = [layer for layer in project.mapLayers().values()
                    if layer.customProperty(self.mb.BASEMAP_PROPERTY, False)]
        self.assertEqual(len(basemaps), 1)
        basemap = basemaps[0]
        self.assertIs(root.children()[-1].layer(), basemap)  # below everything
        self.assertGreater(basemap.featureCount(), 50)  # the countries within the projection's domain
        self.assertTrue(basemap.isValid())
        fill = basemap.renderer().symbol().symbolLayer(0)
        props = fill.dataDefinedProperties()
        tint = " ".join(props.property(key).expressionString() for key in props.propertyKeys())
        for code in tinted:
            self.assertIn("'{}'".format(code), tint)
        return group, basemap

    def check_framed(self, stops, legs):
        """Every stop and every vertex of every leg lies in the view, and the journey fills a
        good part of it (the view is not the world)."""
        extent = self.iface.canvas.extent()
        t = self.to_canvas()
        xs, ys = [], []
        for f in stops.getFeatures():
            p = t.transform(f.geometry().asPoint())
            self.assertTrue(extent.contains(p), "stop {} outside the view {}".format(f["name"], extent.toString()))
            xs.append(p.x())
            ys.append(p.y())
        for f in legs.getFeatures():
            for part in f.geometry().asMultiPolyline():
                for v in part:
                    p = t.transform(v)
                    self.assertTrue(extent.contains(p), "leg {} leaves the view at {}".format(f["seq"], v.toString()))
        share = max((max(xs) - min(xs)) / extent.width(), (max(ys) - min(ys)) / extent.height())
        self.assertGreater(share, 0.45, "the journey fills {:.0%} of the view".format(share))
        return extent

    def check_labels(self, stops, places, legs):
        self.assertEqual(stops.labeling().settings().priority, 10)
        self.assertLess(places.labeling().settings().priority, legs.labeling().settings().priority)
        self.assertLess(legs.labeling().settings().priority, 10)
        stop_settings = stops.labeling().settings()
        always = getattr(stop_settings, "displayAll", None)
        if always is None or not always:  # QGIS >= 3.26 says it with overlap handling
            from qgis.core import Qgis

            self.assertEqual(stop_settings.placementSettings().overlapHandling(),
                             Qgis.LabelOverlapHandling.AllowOverlapIfRequired)
        self.assertTrue(stop_settings.obstacleSettings().isObstacle())
        self.assertIn("mode", legs.labeling().settings().fieldName)
        for layer in (stops, places, legs):
            self.assertTrue(layer.labelsEnabled())

    def stop_labels(self, stops):
        """The label text of each stop whose label is shown, by seq (QGIS evaluates them)."""
        settings = stops.labeling().settings()
        label = QgsExpression(settings.fieldName)
        show = settings.dataDefinedProperties().property(settings.Property.Show)
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(stops))
        out = {}
        for f in stops.getFeatures():
            context.setFeature(f)
            shown, _ = show.valueAsBool(context, True)
            if shown:
                out[f["seq"]] = label.evaluate(context)
        return out

    def render_labels(self, frame, size):
        """Renders the visible layers over `frame` and returns QGIS's placed labels."""
        settings = QgsMapSettings()
        settings.setLayers(self.iface.canvas.layers() or
                           [n.layer() for n in QgsProject.instance().layerTreeRoot().findLayers() if n.isVisible()])
        settings.setDestinationCrs(QgsProject.instance().crs())
        settings.setOutputSize(size)
        settings.setExtent(frame)
        settings.setOutputDpi(110)
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        return job.takeLabelingResults().allLabels(), settings

    def check_no_overlap(self, frame, stops, expected_stop_labels):
        labels, settings = self.render_labels(frame, QSize(1040, 740))
        drawn = [l for l in labels if not getattr(l, "isUnplaced", False)]
        stop_labels = [l for l in drawn if l.layerID == stops.id()]
        self.assertEqual(len(stop_labels), expected_stop_labels, [l.labelText for l in stop_labels])
        visible = settings.visibleExtent()
        for l in stop_labels:
            self.assertTrue(visible.contains(l.labelRect), "stop label {!r} leaves the map".format(l.labelText))
        # The label's own outline (rotated along a line for the leg modes), not its bounding box.
        shapes = [l.labelGeometry if not l.labelGeometry.isEmpty() else QgsGeometry.fromRect(l.labelRect)
                  for l in drawn]
        for i, a in enumerate(drawn):
            for j in range(i + 1, len(drawn)):
                self.assertFalse(shapes[i].intersects(shapes[j]),
                                 "labels {!r} and {!r} overlap".format(a.labelText, drawn[j].labelText))
        return drawn

    def export(self, name, title):
        path = os.path.join(OUTPUT_DIR, name)
        # The frame add_article computed (the offscreen canvas of the tests is never shown, so its
        # own extent keeps an arbitrary shape).
        crs = QgsProject.instance().crs()
        frame = self.mb.frame_rectangle(self.mb.framing_points(self.dock.article, self.dock.itinerary), crs)
        self.mb.export_map_image(path, frame, crs, title=title)
        image = QImage(path)
        self.assertFalse(image.isNull(), path)
        self.assertGreater(image.width(), 800)
        # Not blank: land, sea, route and labels give many colours.
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        self.assertGreater(len(colours), 30, path)
        return path

    # --- cases ----------------------------------------------------------------------------------

    def test_seed_article(self):
        text = h.seed_article_text()  # skips when ../shared is absent
        layers = self.add(text, "kim-putin-vostochny-2023")
        self.assertEqual(sorted(layers), sorted(LAYER_NAMES))
        stops, legs, places = layers["stops"], layers["legs"], layers["places"]
        self.check_group_and_basemap("kim-putin-vostochny-2023", tinted=("RU", "KP"))
        crs = QgsProject.instance().crs()
        self.assertEqual(self.iface.canvas.mapSettings().destinationCrs(), crs)
        self.assertIn("+proj=lcc", crs.toProj())  # a regional conformal projection for a regional journey
        self.assertTrue(crs.description().startswith("Lambert conformal conic"), crs.description())
        extent = self.check_framed(stops, legs)
        # Not the world and not from the United States to Kamchatka.
        t = self.to_canvas()
        self.assertFalse(extent.contains(t.transform(QgsPointXY(-77.04, 38.91))))  # Washington
        self.assertFalse(extent.contains(t.transform(QgsPointXY(37.62, 55.76))))  # Moscow
        self.check_labels(stops, places, legs)
        texts = self.stop_labels(stops)
        self.assertTrue(texts[1].startswith("1. Pyongyang"), texts)
        self.assertIn("12 Sep 2023", texts[2])
        self.check_no_overlap(extent, stops, len(texts))

        # The same article again replaces its group; the basemap stays single.
        before = len(QgsProject.instance().mapLayers())
        self.add(text, "kim-putin-vostochny-2023")
        self.assertEqual(len(QgsProject.instance().mapLayers()), before)
        self.check_group_and_basemap("kim-putin-vostochny-2023")
        self.export("add-to-map.png", "Kim Jong Un's journey to Russia, September 2023")

    def test_pacific_route_is_drawn_whole(self):
        text = sample_text("pacific-tour.txt")
        layers = self.add(text, "pacific-tour")
        stops, legs, places = layers["stops"], layers["legs"], layers["places"]
        self.assertTrue(any(len(f.geometry().asMultiPolyline()) > 1 for f in legs.getFeatures()),
                        "the sample's route no longer crosses 180 degrees")
        self.check_group_and_basemap("pacific-tour", tinted=("KR",))
        crs = QgsProject.instance().crs()
        # Centred on the Pacific: its central meridian lies east of Japan and west of Alaska.
        self.assertIn("+lon_0=", crs.toProj())
        lon_0 = float(crs.toProj().split("+lon_0=")[1].split()[0])
        self.assertTrue(lon_0 > 140 or lon_0 < -150, crs.toProj())
        extent = self.check_framed(stops, legs)  # a torn leg would run off the view
        self.check_labels(stops, places, legs)
        texts = self.stop_labels(stops)
        self.assertTrue(texts[1].startswith("1, 5. Tokyo"), texts)  # the return shares the label
        self.assertNotIn(5, texts)
        self.check_no_overlap(extent, stops, len(texts))
        # No basemap polygon crosses the projection's back meridian (it would smear across the map).
        basemap = self.mb.find_basemap()
        t = QgsCoordinateTransform(basemap.crs(), crs, QgsProject.instance())
        world_width = 2 * 20037508.0
        for f in basemap.getFeatures():
            g = f.geometry()
            g.transform(t)
            self.assertLess(g.boundingBox().width(), world_width * 0.6, f["name"])
        self.export("add-to-map-pacific.png", "Prime Minister Tanaka's Pacific tour (sample text)")

    def test_engine_frames_across_the_antimeridian(self):
        # The plugin takes its framing rules from the engine module, not from code of its own.
        import article_gazetteer.engine as engine

        module = engine.module()
        extent = module.extent_of([(139.69, 35.69), (-157.86, 21.31), (-149.9, 61.22)])
        self.assertTrue(extent.crosses_antimeridian)
        self.assertAlmostEqual(extent.west, 139.69)
        self.assertAlmostEqual(extent.east, -149.9)
        self.assertGreater(abs(extent.center_lon), 160)
        choice = module.choose_projection(extent.padded(0.1, 1.0), "local")
        self.assertIn("+lon_0=", choice.definition)
        self.assertEqual(choice.kind, "local")
        self.assertIsNone(module.extent_of([]))
        with self.assertRaises(ValueError):
            module.choose_projection(extent, "gnomonic")
        with self.assertRaises(ValueError):
            module.extent_of([(0, 95)])

    def test_own_sample_and_a_second_article(self):
        # The project's own sample text, then a second article: two groups, one basemap, and
        # the view follows the newest article.
        first = self.add(sample_text("siberian-rail.txt"), "siberian-rail")
        extent = self.check_framed(first["stops"], first["legs"])
        self.check_labels(first["stops"], first["places"], first["legs"])
        texts = self.stop_labels(first["stops"])
        self.assertTrue(texts[1].startswith("1, 7. Moscow"), texts)
        self.check_no_overlap(extent, first["stops"], len(texts))
        self.export("add-to-map-sample.png", "Anna Petrova on the Trans-Siberian (sample text)")
        layers = self.add(sample_text("pacific-tour.txt"), "pacific-tour")
        root = QgsProject.instance().layerTreeRoot()
        self.assertEqual([c.name() for c in root.children()][:2], ["pacific-tour", "siberian-rail"])
        self.check_group_and_basemap("pacific-tour")
        self.check_framed(layers["stops"], layers["legs"])

    def test_basemap_follows_the_project_crs(self):
        self.add(sample_text("pacific-tour.txt"), "pacific-tour")
        basemap = self.mb.find_basemap()
        cut_for_pacific = basemap.featureCount()
        # The user picks a world CRS: the basemap is cut again, for the whole world.
        QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        spin(100)
        self.assertEqual(basemap.customProperty(self.mb.BASEMAP_CRS_PROPERTY),
                         QgsCoordinateReferenceSystem("EPSG:3857").toProj())
        self.assertGreater(basemap.featureCount(), cut_for_pacific)
        # A reopened project keeps the memory layer but not its features: Add to map fills it again.
        basemap.dataProvider().truncate()
        self.assertEqual(basemap.featureCount(), 0)
        self.add(sample_text("pacific-tour.txt"), "pacific-tour")
        self.assertIs(self.mb.find_basemap(), basemap)
        self.assertGreater(basemap.featureCount(), 50)

    def test_user_project_keeps_its_crs(self):
        from qgis.core import QgsVectorLayer

        mine = QgsVectorLayer("Point?crs=EPSG:3857", "my layer", "memory")
        QgsProject.instance().addMapLayer(mine)
        QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        spin()
        layers = self.add(sample_text("siberian-rail.txt"), "siberian-rail")
        self.assertEqual(QgsProject.instance().crs().authid(), "EPSG:3857")
        self.assertIn(mine.id(), QgsProject.instance().mapLayers())
        if "stops" in layers:
            self.check_framed(layers["stops"], layers["legs"])


if __name__ == "__main__":
    h.main()
