"""Each Processing algorithm of the plugin runs through processing.run("article_gazetteer:...")
inside QGIS and its outputs have the expected features and fields. Algorithms whose engine part
is not built are skipped with the reason; the seed article comes from ../shared (skipped when
absent, never copied into the repository)."""

import json
import os
import tempfile

import qgis_harness as h

h.app()

import unittest  # noqa: E402

from qgis.core import (QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException,  # noqa: E402
                       QgsProcessingFeedback, QgsVectorLayer)
from qgis.PyQt.QtCore import QDate  # noqa: E402

P = h.PROVIDER_ID + ":"


def names_layer(names):
    layer = QgsVectorLayer("None?field=place:string&field=row:integer", "names", "memory")
    features = []
    for n, name in enumerate(names):
        f = QgsFeature(layer.fields())
        f.setAttributes([name, n])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def stops_layer(rows, crs="EPSG:4326"):
    layer = QgsVectorLayer("Point?crs={}&field=ord:integer&field=name:string&field=mode:string&field=arrived:date".format(crs),
                           "stops", "memory")
    features = []
    for order, name, lon, lat, mode, date in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes([order, name, mode, QDate.fromString(date, "yyyy-MM-dd") if date else None])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


class Recording(QgsProcessingFeedback):
    """Feedback that keeps errors and progress, and cancels once progress reaches `cancel_at`."""

    def __init__(self, cancel_at=None):
        super().__init__()
        self.errors = []
        self.progress_seen = [0.0]
        self.cancel_at = cancel_at
        self.progressChanged.connect(self._progress)

    def _progress(self, value):
        self.progress_seen.append(value)
        if self.cancel_at is not None and value >= self.cancel_at:
            self.cancel()

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API)
        self.errors.append(error)
        super().reportError(error, fatalError)


def field_names(layer):
    return [f.name() for f in layer.fields()]


def by_name(layer, field="name"):
    return {f[field]: f for f in layer.getFeatures()}


class ProcessingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.iface, cls.plugin = h.start_plugin()
        h.init_processing()
        import processing

        cls.processing = processing
        cls.tmp = tempfile.mkdtemp(prefix="gz-processing-")

    def run_alg(self, name, params, feedback=None):
        return self.processing.run(P + name, params, feedback=feedback)

    def test_algorithms_registered(self):
        from qgis.core import QgsApplication

        provider = QgsApplication.processingRegistry().providerById(h.PROVIDER_ID)
        self.assertEqual(sorted(a.name() for a in provider.algorithms()),
                         ["buildroute", "geocode", "geoparse", "itinerary"])

    # --- geocode ---------------------------------------------------------------------------------

    def test_geocode(self):
        layer = names_layer(["Vladivostok", "Khasan, Russia", "Komsomolsk-na-Amure", "Xqzzqx Wvvk", None])
        out = self.run_alg("geocode", {"INPUT": layer, "FIELD": "place", "OUTPUT": "memory:"})["OUTPUT"]
        self.assertEqual(out.featureCount(), 5)
        self.assertEqual(out.crs().authid(), "EPSG:4326")
        names = field_names(out)
        self.assertEqual(names[:2], ["place", "row"])
        for field in ("gz_place_id", "gz_name", "gz_country", "gz_feature_code", "gz_lat", "gz_lon",
                      "gz_score", "gz_match", "gz_status"):
            self.assertIn(field, names)
        rows = {f["row"]: f for f in out.getFeatures()}
        self.assertEqual(rows[0]["gz_name"], "Vladivostok")
        self.assertEqual(rows[0]["gz_country"], "RU")
        p = rows[0].geometry().asPoint()
        self.assertAlmostEqual(p.y(), 43.106, delta=0.1)
        self.assertAlmostEqual(p.x(), 131.874, delta=0.1)
        self.assertEqual(rows[1]["gz_country"], "RU")
        self.assertAlmostEqual(rows[1]["gz_lat"], 42.42, delta=0.2)
        self.assertTrue(rows[2]["gz_name"].startswith("Komsomolsk"))
        for row in (3, 4):
            self.assertEqual(rows[row]["gz_status"], "no match")
            self.assertTrue(rows[row].geometry().isNull())

    def test_geocode_typo_says_fuzzy(self):
        out = self.run_alg("geocode", {"INPUT": names_layer(["Vladivostock", "Vladivostok"]), "FIELD": "place",
                                       "OUTPUT": "memory:"})["OUTPUT"]
        rows = {f["row"]: f for f in out.getFeatures()}
        self.assertEqual((rows[0]["gz_name"], rows[0]["gz_match"], rows[0]["gz_edit_distance"]), ("Vladivostok", "fuzzy", 1))
        self.assertEqual((rows[1]["gz_match"], rows[1]["gz_edit_distance"]), ("name", 0))

    def test_geocode_output_feeds_build_route(self):
        geocoded = self.run_alg("geocode", {"INPUT": names_layer(["Pyongyang", "Xqzzqx Wvvk", "Khasan", "Vladivostok"]),
                                            "FIELD": "place", "OUTPUT": "memory:"})["OUTPUT"]
        feedback = Recording()
        result = self.run_alg("buildroute", {"INPUT": geocoded, "ORDER_FIELD": "row", "LEGS": "memory:",
                                             "STOPS": "memory:"}, feedback)
        self.assertEqual([f["name"] for f in result["STOPS"].getFeatures()], ["Pyongyang", "Khasan", "Vladivostok"])
        self.assertEqual(result["LEGS"].featureCount(), 2)
        self.assertTrue(any("1 rows without geometry skipped (rows 2)" in e for e in feedback.errors), feedback.errors)

    def test_geocode_countries_filter(self):
        out = self.run_alg("geocode", {"INPUT": names_layer(["Moscow"]), "FIELD": "place",
                                       "COUNTRIES": "us", "OUTPUT": "memory:"})["OUTPUT"]
        self.assertEqual(next(out.getFeatures())["gz_country"], "US")

    def test_geocode_canceled(self):
        feedback = QgsProcessingFeedback()
        feedback.cancel()
        out = self.run_alg("geocode", {"INPUT": names_layer(["Vladivostok"] * 5), "FIELD": "place",
                                       "OUTPUT": "memory:"}, feedback)["OUTPUT"]
        self.assertEqual(out.featureCount(), 0)

    # --- route -----------------------------------------------------------------------------------

    def test_build_route(self):
        layer = stops_layer([(2, "Khasan", 130.65156, 42.42387, "train", "2023-09-12"),
                             (1, "Pyongyang", 125.75432, 39.03385, None, None),
                             (3, "Vostochny", 128.334, 51.884, "train", "2023-09-13")])
        result = self.run_alg("buildroute", {"INPUT": layer, "ORDER_FIELD": "ord", "NAME_FIELD": "name",
                                             "MODE_FIELD": "mode", "DATE_FIELD": "arrived",
                                             "LEGS": "memory:", "STOPS": "memory:"})
        legs, stops = result["LEGS"], result["STOPS"]
        self.assertEqual(field_names(legs), ["seq", "from", "to", "mode", "date", "distance_km", "bearing_deg"])
        self.assertEqual(field_names(stops), ["seq", "name", "place_id", "arrival", "departure"])
        self.assertEqual([f["name"] for f in stops.getFeatures()], ["Pyongyang", "Khasan", "Vostochny"])
        features = sorted(legs.getFeatures(), key=lambda f: f["seq"])
        self.assertEqual(len(features), 2)
        self.assertEqual([f["mode"] for f in features], ["train", "train"])
        self.assertEqual([(f["from"], f["to"]) for f in features], [(1, 2), (2, 3)])
        self.assertEqual(features[0]["date"], QDate(2023, 9, 12))
        self.assertGreater(features[0]["distance_km"], 450)
        self.assertLess(features[0]["distance_km"], 650)
        self.assertGreater(features[0].geometry().constGet().vertexCount(), 5)  # densified geodesic

    def test_build_route_reprojects(self):
        # Two stops given in Web Mercator come out in EPSG:4326.
        layer = stops_layer([(1, "a", 14000000, 5000000, None, None), (2, "b", 14100000, 5100000, None, None)],
                            crs="EPSG:3857")
        legs = self.run_alg("buildroute", {"INPUT": layer, "LEGS": "memory:", "STOPS": "memory:"})["LEGS"]
        self.assertEqual(legs.crs().authid(), "EPSG:4326")
        self.assertAlmostEqual(legs.extent().xMinimum(), 125.76, delta=0.1)

    def test_build_route_bad_input(self):
        with self.assertRaises(QgsProcessingException):
            self.run_alg("buildroute", {"INPUT": stops_layer([(1, "a", 0, 0, None, None)]),
                                        "LEGS": "memory:", "STOPS": "memory:"})
        with self.assertRaises(QgsProcessingException):
            self.run_alg("buildroute", {"INPUT": stops_layer([(1, "a", 0, 0, None, None), (2, "b", 1, 1, "bicycle", None)]),
                                        "MODE_FIELD": "mode", "LEGS": "memory:", "STOPS": "memory:"})

    # --- geoparse --------------------------------------------------------------------------------

    def test_geoparse_jsonl(self):
        path = os.path.join(self.tmp, "two.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "a1", "text": "The delegation flew from Vladivostok to Pyongyang on Monday."}) + "\n")
            f.write(json.dumps({"id": "a2", "text": "Officials in Seoul said nothing."}) + "\n")
        result = self.run_alg("geoparse", {"INPUT": path, "USE_SAVED": False, "PLACES": "memory:",
                                           "MENTIONS": "memory:"})
        places, mentions = result["PLACES"], result["MENTIONS"]
        self.assertEqual(field_names(places), ["article_id", "place_id", "name", "country", "feature_code", "mentions",
                                               "first_start", "max_confidence", "mean_confidence",
                                               "gazetteer_version", "source"])
        self.assertEqual(field_names(mentions), ["article_id", "start", "end", "text", "kind", "place_id", "name",
                                                 "country", "feature_code", "confidence", "sentence"])
        got = {(f["article_id"], f["name"]) for f in places.getFeatures()}
        self.assertTrue({("a1", "Vladivostok"), ("a1", "Pyongyang"), ("a2", "Seoul")} <= got, got)
        m = {f["text"]: f for f in mentions.getFeatures()}
        self.assertEqual((m["Vladivostok"]["start"], m["Vladivostok"]["end"]), (25, 36))

    def test_geoparse_language(self):
        text = "열차는 평양에서 출발해 블라디보스토크로 향했다."
        detected = self.run_alg("geoparse", {"TEXT": text, "USE_SAVED": False, "PLACES": "memory:",
                                             "MENTIONS": "memory:"})
        self.assertEqual(sorted(f["text"] for f in detected["MENTIONS"].getFeatures()), ["블라디보스토크", "평양"])
        # Read as English (choice 1) the Korean text has no names; a JSON "lang" field wins.
        english = self.run_alg("geoparse", {"TEXT": text, "LANGUAGE": 1, "USE_SAVED": False, "PLACES": "memory:",
                                            "MENTIONS": "memory:"})
        self.assertEqual(english["MENTIONS"].featureCount(), 0)
        path = os.path.join(self.tmp, "ko.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "k1", "lang": "ko", "text": text}) + "\n")
        given = self.run_alg("geoparse", {"INPUT": path, "LANGUAGE": 1, "USE_SAVED": False, "PLACES": "memory:",
                                          "MENTIONS": "memory:"})
        self.assertEqual(given["MENTIONS"].featureCount(), 2)

    def test_geoparse_folder(self):
        folder = tempfile.mkdtemp(prefix="articles-", dir=self.tmp)
        os.makedirs(os.path.join(folder, "more"))
        with open(os.path.join(folder, "b-seoul.txt"), "w", encoding="utf-8") as f:
            f.write("Officials in Seoul said nothing.")
        with open(os.path.join(folder, "more", "a.jsonl"), "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "j1", "text": "The delegation flew from Vladivostok to Pyongyang."}) + "\n")
        with open(os.path.join(folder, "notes.md"), "w", encoding="utf-8") as f:
            f.write("Moscow is not an article here.")
        places = self.run_alg("geoparse", {"FOLDER": folder, "USE_SAVED": False, "PLACES": "memory:"})["PLACES"]
        got = {(f["article_id"], f["name"]) for f in places.getFeatures()}
        self.assertEqual({a for a, _ in got}, {"b-seoul", "j1"})
        self.assertTrue({("b-seoul", "Seoul"), ("j1", "Vladivostok"), ("j1", "Pyongyang")} <= got, got)
        with self.assertRaises(QgsProcessingException):
            self.run_alg("geoparse", {"FOLDER": os.path.join(folder, "more", "a.jsonl"), "PLACES": "memory:"})

    def test_geoparse_cancelled_inside_a_long_article(self):
        paragraph = ("The delegation flew from Vladivostok to Pyongyang on Monday, then went on to Kaesong. "
                     + "Talks on trade continued through the week. " * 20 + "\n\n")
        text = paragraph * (5 * 1024 * 1024 // len(paragraph) + 1)  # one 5 MB article
        path = os.path.join(self.tmp, "five-megabytes.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        feedback = Recording(cancel_at=20)
        result = self.run_alg("geoparse", {"INPUT": path, "USE_SAVED": False, "PLACES": "memory:",
                                           "MENTIONS": "memory:"}, feedback)
        self.assertTrue(feedback.isCanceled())
        self.assertGreater(max(feedback.progress_seen), 0)  # progress reported inside the article
        self.assertLess(max(feedback.progress_seen), 100)
        self.assertEqual(result["MENTIONS"].featureCount(), 0)  # the article was not finished
        self.assertTrue(any("Cancelled" in e for e in feedback.errors), feedback.errors)

    def test_geoparse_bad_input(self):
        path = os.path.join(self.tmp, "bad.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write("{not json\n")
        with self.assertRaises(QgsProcessingException):
            self.run_alg("geoparse", {"INPUT": path, "PLACES": "memory:", "MENTIONS": "memory:"})
        with self.assertRaises(QgsProcessingException):
            self.run_alg("geoparse", {"PLACES": "memory:", "MENTIONS": "memory:"})

    def test_geoparse_not_text(self):
        """A binary file is refused by name, never turned into confident places."""
        path = os.path.join(self.tmp, "photo.txt")
        with open(path, "wb") as f:
            f.write(b"GIF89a\x01\x00\x01\x00\x80\x00\x00Ak Dhaka")
        with self.assertRaises(QgsProcessingException) as e:
            self.run_alg("geoparse", {"INPUT": path, "PLACES": "memory:", "MENTIONS": "memory:"})
        self.assertIn("photo.txt: not text", str(e.exception))
        # A stray byte is repaired (and reported), the places still found.
        path = os.path.join(self.tmp, "stray.txt")
        with open(path, "wb") as f:
            f.write(b"Caf\xe9 owners in Vladivostok complained about prices.")
        feedback = QgsProcessingFeedback()
        result = self.run_alg("geoparse", {"INPUT": path, "USE_SAVED": False, "PLACES": "memory:",
                                           "MENTIONS": "memory:"}, feedback)
        m = {f["text"]: f for f in result["MENTIONS"].getFeatures()}
        self.assertEqual((m["Vladivostok"]["start"], m["Vladivostok"]["end"]), (15, 26))

    def test_geoparse_seed_article(self):
        path = h.seed_article_path()
        if path is None:
            self.skipTest("seed article not found (GAZETTEER_SHARED_DIR or ../shared)")
        result = self.run_alg("geoparse", {"INPUT": path, "USE_SAVED": False, "PLACES": "memory:",
                                           "MENTIONS": "memory:"})
        places = by_name(result["PLACES"])
        for name in ("Vladivostok", "Khasan", "Pyongyang", "Moscow", "Seoul"):
            self.assertIn(name, places)
        self.assertEqual(places["Vladivostok"]["article_id"], "kim-putin-vostochny-2023")
        self.assertGreater(result["MENTIONS"].featureCount(), result["PLACES"].featureCount())

    # --- itinerary -------------------------------------------------------------------------------

    def test_itinerary_seed_article(self):
        path = h.seed_article_path()
        if path is None:
            self.skipTest("seed article not found (GAZETTEER_SHARED_DIR or ../shared)")
        with open(path.replace(".txt", ".expected.json"), encoding="utf-8") as f:
            expected = json.load(f)["itinerary"]
        result = self.run_alg("itinerary", {"INPUT": path, "USE_SAVED": False, "LEGS": "memory:",
                                            "STOPS": "memory:", "NOTES": "memory:"})
        stops = sorted(result["STOPS"].getFeatures(), key=lambda f: f["seq"])
        legs = sorted(result["LEGS"].getFeatures(), key=lambda f: f["seq"])
        self.assertEqual([f["name"] for f in stops], expected["stops"])
        self.assertEqual([f["mode"] or None for f in legs], expected["modes"])
        self.assertTrue(all(f["traveller"] == expected["traveller"] for f in stops))
        for f in stops:
            if f["name"] in expected["dates"]:
                self.assertEqual(f["date"], QDate.fromString(expected["dates"][f["name"]], "yyyy-MM-dd"))
        for field in ("seq", "name", "place_id", "date", "role", "placed_by", "cue", "event_role", "evidence"):
            self.assertIn(field, field_names(result["STOPS"]))
        # Every stop says what its quoted mention is to the traveller.
        motion_roles = {"origin", "arrival", "visit", "transit", "departure", "return"}
        self.assertTrue(all(f["event_role"] in motion_roles for f in stops))
        # Places the article names off the route come with their role and reason: the seed
        # article names Moscow and Seoul, neither of them a stop.
        notes = list(result["NOTES"].getFeatures())
        self.assertIn("role", field_names(result["NOTES"]))
        noted = {f["name"]: f for f in notes}
        for name in ("Moscow", "Seoul"):
            self.assertIn(name, noted)
            self.assertNotIn(noted[name]["role"], motion_roles - {"departure"})
            self.assertTrue(noted[name]["reason"])
        self.assertEqual(len(legs), len(stops) - 1)
        self.assertTrue(all(f.geometry().length() > 0 for f in legs))

    def test_itinerary_unknown_traveller(self):
        with self.assertRaises(QgsProcessingException):
            self.run_alg("itinerary", {"TEXT": "Kim travelled from Pyongyang to Vladivostok by train.",
                                       "TRAVELLER": "Nobody Atall", "LEGS": "memory:", "STOPS": "memory:"})


if __name__ == "__main__":
    h.main()
