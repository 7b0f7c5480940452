"""Geoparse and itinerary results are lazy objects (GeoparseResult, Mention, ArticlePlace,
MentionCandidate, Itinerary, ItineraryStop, ItineraryLeg, PlaceNote) that read the engine's result
when a field is asked for. One schema per output (issue 15): to_dict() of each is json.loads of the
JSON the CLI writes for the same text (`gazetteer geoparse`, `gazetteer itinerary --format json`),
keys, order and values; their attributes, their mapping view and to_dict() agree with each other;
to_dict() of our own narratives (tests/data/itinerary) is what tests/data/python holds; and the
features the plugin makes of them are the ones `gazetteer geoparse` and `gazetteer itinerary`
write, field by field of the engine's layer schema."""

import json
import os
import subprocess

import qgis_harness as h

h.app()

import unittest  # noqa: E402

NARRATIVES = os.path.join(h.SOURCE_DIR, "tests", "data", "itinerary")
BEFORE = os.path.join(h.SOURCE_DIR, "tests", "data", "python")
# The project's own texts the faces are compared on: (path, article date for the itinerary).
OWN_TEXTS = [(os.path.join(NARRATIVES, "pacific_tour.txt"), "2024-05-01"),
             (os.path.join(NARRATIVES, "car_and_ship_2022.txt"), "2024-05-01"),
             (os.path.join(NARRATIVES, "athlete_tour_2025.txt"), "2025-03-01"),
             (os.path.join(h.SOURCE_DIR, "data", "samples", "siberian-rail.txt"), "2023-09-20"),
             (os.path.join(h.SOURCE_DIR, "data", "samples", "pacific-tour.txt"), "2024-05-01")]


def narrative(name):
    with open(os.path.join(NARRATIVES, name + ".txt"), encoding="utf-8") as f:
        return f.read()


def plain(value):
    """A value as to_dict() holds it: result objects as their dicts, lists of them as lists."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


class ResultObjectTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        h.install_plugin()
        from article_gazetteer import engine  # the module as the plugin loads it

        cls.m = engine.module()
        cls.index = engine.index()
        cls.index_path = cls.index.path

    def assert_reads_alike(self, obj, path):
        """Every field of `obj` reads the same as a property, as obj[key], by get() and in
        to_dict(), with the dict's keys in order; nested results likewise."""
        d = obj.to_dict()
        self.assertEqual(list(obj.keys()), list(d), path)
        self.assertEqual(list(obj), list(d), path)
        for key, want in d.items():
            self.assertIn(key, obj, path)
            self.assertEqual(plain(getattr(obj, key)), want, path + "." + key)
            self.assertEqual(plain(obj[key]), want, path + "[" + key + "]")
            self.assertEqual(plain(obj.get(key)), want, path + ".get(" + key + ")")
        self.assertNotIn("no_such_field", obj)
        self.assertIsNone(obj.get("no_such_field"))
        with self.assertRaises(KeyError):
            obj["no_such_field"]
        with self.assertRaises(AttributeError):
            setattr(obj, next(iter(d)), None)  # read-only
        self.assertEqual(obj, d)  # equal by value to the dict it replaced
        self.assertEqual(dict(obj), {k: getattr(obj, k) for k in d})

    def test_fields_read_alike_every_way(self):
        text = narrative("pacific_tour")
        result = self.index.geoparse(text, id="pacific")
        self.assertIsInstance(result, self.m.GeoparseResult)
        self.assert_reads_alike(result, "result")
        self.assertIs(result.mentions, result.mentions)  # made once
        for i, m in enumerate(result.mentions):
            self.assertIsInstance(m, self.m.Mention)
            self.assertEqual(text[m.start:m.end], m.text)
            self.assert_reads_alike(m, "mentions[{}]".format(i))
            self.assertIs(m.alternatives, m.alternatives)
            if m.place_id is not None:
                self.assertIn(m.place_id, [a.place_id for a in m.alternatives])
            for j, a in enumerate(m.alternatives):
                self.assertIsInstance(a, self.m.MentionCandidate)
                self.assert_reads_alike(a, "mentions[{}].alternatives[{}]".format(i, j))
        for i, p in enumerate(result.places):
            self.assertIsInstance(p, self.m.ArticlePlace)
            self.assert_reads_alike(p, "places[{}]".format(i))

        itinerary = self.index.itinerary(text, article_date="2024-05-01")
        self.assertIsInstance(itinerary, self.m.Itinerary)
        self.assert_reads_alike(itinerary, "itinerary")
        self.assertGreaterEqual(len(itinerary.stops), 2)
        for i, s in enumerate(itinerary.stops):
            self.assertIsInstance(s, self.m.ItineraryStop)
            self.assert_reads_alike(s, "stops[{}]".format(i))
        for i, leg in enumerate(itinerary.legs):
            self.assertIsInstance(leg, self.m.ItineraryLeg)
            self.assert_reads_alike(leg, "legs[{}]".format(i))
        # The geometry is the engine's legs layer: Tokyo to Honolulu crosses the antimeridian, so
        # that leg has a part on each side.
        legs = next(layer for layer in itinerary.layers() if layer["name"] == "legs")
        self.assertEqual(len(legs["features"]), len(itinerary.legs))
        self.assertTrue(any(len(parts) == 2 for _, parts in legs["features"]))
        for i, n in enumerate(itinerary.place_notes):
            self.assertIsInstance(n, self.m.PlaceNote)
            self.assert_reads_alike(n, "place_notes[{}]".format(i))

    def test_objects_outlive_their_result(self):
        """A mention, a stop or a place taken from a result keeps what it reads alive."""
        import gc

        text = narrative("car_and_ship_2022")
        result = self.index.geoparse(text)
        mention = next(m for m in result.mentions if m.alternatives)
        alternative, want = mention.alternatives[0], mention.to_dict()
        itinerary = self.index.itinerary(text, article_date="2024-05-01")
        stop, stop_want = itinerary.stops[-1], itinerary.stops[-1].to_dict()
        del result, itinerary
        gc.collect()
        self.index.geoparse(narrative("pacific_tour"))  # reuse the freed memory, if any was freed
        self.assertEqual(mention.to_dict(), want)
        self.assertEqual(alternative.to_dict(), want["alternatives"][0])
        self.assertEqual(stop.to_dict(), stop_want)

    def test_to_dict_is_what_the_file_holds(self):
        """to_dict() of our narratives is byte for byte what tests/data/python holds, keys in the
        same order, floats to the last bit: a change of the engine's answers shows here."""
        names = sorted(f[:-5] for f in os.listdir(BEFORE) if f.endswith(".json"))
        self.assertTrue(names)
        for name in names:
            with open(os.path.join(BEFORE, name + ".json"), encoding="utf-8") as f:
                before = json.load(f)
            text = narrative(name)
            now = {"geoparse": self.index.geoparse(text, id=name).to_dict(),
                   "itinerary": self.index.itinerary(text, article_date=before["article_date"]).to_dict()}
            for what in ("geoparse", "itinerary"):
                self.assertEqual(json.dumps(now[what], ensure_ascii=False),
                                 json.dumps(before[what], ensure_ascii=False),
                                 "{} {}: if the engine's answer changed on purpose, write the file again from "
                                 "to_dict()".format(name, what))

    # --- one schema: the Python objects against the CLI's JSON -----------------------------------

    def assert_same_object(self, obj, want, path):
        """`obj` (a result object) is the CLI's JSON object `want`: to_dict() equal, keys in the same
        order, every attribute the value of its key, nested objects likewise."""
        self.assertEqual(json.dumps(obj.to_dict(), ensure_ascii=False), json.dumps(want, ensure_ascii=False), path)
        self.assertEqual(list(obj.keys()), list(want), path)
        for key, value in want.items():
            got = getattr(obj, key)
            if isinstance(value, list) and got and hasattr(got[0], "to_dict"):
                self.assertEqual(len(got), len(value), path + "." + key)
                for i, (o, w) in enumerate(zip(got, value)):
                    self.assert_same_object(o, w, "{}.{}[{}]".format(path, key, i))
            else:
                self.assertEqual(got, value, path + "." + key)

    def test_python_objects_are_the_cli_json(self):
        """For the project's own texts, a GeoparseResult is the JSON line `gazetteer geoparse` writes
        for the same text and id (to_json() byte for byte), and an Itinerary is the JSON `gazetteer
        itinerary --format json` writes for the same text and date: one schema for every face."""
        for path, date in OWN_TEXTS:
            name = os.path.basename(path)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            line = self.cli_text("geoparse", path).splitlines()
            self.assertEqual(len(line), 1, name)
            cli = json.loads(line[0])
            result = self.index.geoparse(text, id=cli["id"])
            self.assertEqual(result.to_json(), line[0], name)
            self.assertTrue(cli["mentions"] and cli["places"], name)
            self.assert_same_object(result, cli, name)

            cli = json.loads(self.cli_text("itinerary", path, "--date", date, "--format", "json"))
            itinerary = self.index.itinerary(text, article_date=date)
            self.assertTrue(cli["stops"], name)
            self.assert_same_object(itinerary, cli, name + " itinerary")

    def test_candidates_are_the_cli_json(self):
        """A look-up's Candidates are the objects `gazetteer lookup --format json` prints, key for
        key and in the same order: exact, typo-corrected and near-a-point queries."""
        for query, options, cli_options in (("Vladivostok", {}, []), ("Vladivostk", {}, []),
                                             ("Portland", {"near": (45.5, -122.7)}, ["--near", "45.5,-122.7"])):
            cli = self.cli("lookup", query, "--format", "json", "--limit", "3", *cli_options)
            got = [c.to_dict() for c in self.index.lookup(query, limit=3, **options)]
            self.assertTrue(cli, query)
            self.assertEqual([list(c) for c in got], [list(c) for c in cli], query)
            self.assertEqual(json.loads(json.dumps(got)), cli, query)

    def test_index_info_is_the_cli_json(self):
        """Index.info() is the object `gazetteer info --format json` prints (without --verify)."""
        cli = self.cli("info", "--format", "json")
        self.assertEqual(self.index.info(), cli)
        self.assertFalse(cli["verified"])
        self.assertGreater(cli["places"], 0)

    # --- the plugin's features against the CLI's -------------------------------------------------

    def cli_text(self, *args):
        binary = os.environ.get("GAZETTEER_BIN")
        if not binary or not os.path.exists(binary):
            self.skipTest("GAZETTEER_BIN (the gazetteer tool) is not set")
        done = subprocess.run([binary, "--index", self.index_path, "--quiet"] + list(args), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True, encoding="utf-8")
        self.assertEqual(done.returncode, 0, done.stderr)
        return done.stdout

    def cli(self, *args):
        return json.loads(self.cli_text(*args))

    def assert_features_match(self, features, fields, cli_features, layer):
        from qgis.PyQt.QtCore import QDate, QVariant

        def value(v):
            if isinstance(v, QDate):
                return v.toString("yyyy-MM-dd") if v.isValid() else None
            if v is None or (isinstance(v, QVariant) and v.isNull()):
                return None
            return v

        want = [f["properties"] for f in cli_features if f["properties"]["layer"] == layer]
        self.assertEqual(len(features), len(want), layer)
        self.assertTrue(want, layer)
        names = [fields.at(i).name() for i in range(fields.count())]
        for n, (feature, props) in enumerate(zip(features, want)):
            got = {name: value(feature[name]) for name in names}
            self.assertEqual(got, {name: props[name] for name in names}, "{} #{}".format(layer, n))

    def test_plugin_features_hold_the_cli_values(self):
        from article_gazetteer import layers

        name = "car_and_ship_2022"
        path = os.path.join(NARRATIVES, name + ".txt")
        text = narrative(name)
        cli = self.cli("geoparse", "--format", "geojson", path)
        article_id = cli["features"][0]["properties"]["article_id"]
        result = self.index.geoparse(text, id=article_id)
        features = layers.engine_features(result.layers(self.index.gazetteer_version()))
        for name in ("places", "mentions"):
            self.assert_features_match(features[name], layers.schema_fields("geoparse", name), cli["features"], name)

        cli = self.cli("itinerary", path, "--date", "2024-05-01", "--format", "geojson")
        itinerary = self.index.itinerary(text, article_date="2024-05-01")
        features = layers.engine_features(itinerary.layers())
        for name in ("stops", "legs", "place_notes"):
            self.assert_features_match(features[name], layers.schema_fields("itinerary", name), cli["features"], name)


if __name__ == "__main__":
    h.main()
