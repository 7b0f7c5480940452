"""Geoparse and itinerary results are lazy objects (GeoparseResult, Mention, ArticlePlace,
MentionCandidate, Itinerary, ItineraryStop, ItineraryLeg, PlaceNote) that read the engine's result
when a field is asked for. Their properties, their mapping view and to_dict() agree with each other;
to_dict() gives exactly the dicts the module returned before (tests/data/python, made from our
own narratives in tests/data/itinerary); and the features the plugin makes from them hold the
values `gazetteer geoparse` and `gazetteer itinerary` write, field by field of the engine's schema."""

import json
import os
import subprocess

import qgis_harness as h

h.app()

import unittest  # noqa: E402

NARRATIVES = os.path.join(h.SOURCE_DIR, "tests", "data", "itinerary")
BEFORE = os.path.join(h.SOURCE_DIR, "tests", "data", "python")


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
        self.assertTrue(any(m.place is None for m in result.mentions) or result.unresolved == 0)
        for i, m in enumerate(result.mentions):
            self.assertIsInstance(m, self.m.Mention)
            self.assertEqual(text[m.start:m.end], m.text)
            self.assert_reads_alike(m, "mentions[{}]".format(i))
            if m.place is not None:
                self.assertIsInstance(m.place, self.m.Place)
                self.assertIs(m.place, m.place)
                self.assertEqual(m.place.place_id, m["place"]["place_id"])
            for j, a in enumerate(m.alternatives):
                self.assertIsInstance(a, self.m.MentionCandidate)
                self.assert_reads_alike(a, "mentions[{}].alternatives[{}]".format(i, j))
        for i, p in enumerate(result.places):
            self.assertIsInstance(p, self.m.ArticlePlace)
            self.assert_reads_alike(p, "places[{}]".format(i))
            self.assertEqual(p.place.place_id, p.place_id)

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
        # Tokyo to Honolulu crosses the antimeridian: that leg has a part on each side.
        self.assertTrue(any(len(leg.parts) == 2 for leg in itinerary.legs))
        for i, n in enumerate(itinerary.place_notes):
            self.assertIsInstance(n, self.m.PlaceNote)
            self.assert_reads_alike(n, "place_notes[{}]".format(i))

    def test_objects_outlive_their_result(self):
        """A mention, a stop or a place taken from a result keeps what it reads alive."""
        import gc

        text = narrative("car_and_ship_2022")
        result = self.index.geoparse(text)
        mention = next(m for m in result.mentions if m.place is not None)
        place, want = mention.place, mention.to_dict()
        itinerary = self.index.itinerary(text, article_date="2024-05-01")
        stop, stop_want = itinerary.stops[-1], itinerary.stops[-1].to_dict()
        del result, itinerary
        gc.collect()
        self.index.geoparse(narrative("pacific_tour"))  # reuse the freed memory, if any was freed
        self.assertEqual(mention.to_dict(), want)
        self.assertEqual(place.to_dict(), want["place"])
        self.assertEqual(stop.to_dict(), stop_want)

    def test_to_dict_is_the_dict_of_before(self):
        """to_dict() is byte for byte the dict the module returned before, keys in the same order,
        floats to the last bit."""
        names = sorted(f[:-5] for f in os.listdir(BEFORE) if f.endswith(".json"))
        self.assertTrue(names)
        for name in names:
            with open(os.path.join(BEFORE, name + ".json"), encoding="utf-8") as f:
                before = json.load(f)
            text = narrative(name)
            now = {"geoparse": self.index.geoparse(text, id=name).to_dict(),
                   "itinerary": self.index.itinerary(text, article_date=before["article_date"]).to_dict()}
            for what in ("geoparse", "itinerary"):
                # JSON of both, so that tuples (leg parts, alt_names) compare with the stored lists
                # and key order counts.
                self.assertEqual(json.dumps(now[what], ensure_ascii=False),
                                 json.dumps(before[what], ensure_ascii=False),
                                 "{} {}: if the engine's answer changed on purpose, write the file again from "
                                 "to_dict()".format(name, what))

    # --- the plugin's features against the CLI's -------------------------------------------------

    def cli(self, *args):
        binary = os.environ.get("GAZETTEER_BIN")
        if not binary or not os.path.exists(binary):
            self.skipTest("GAZETTEER_BIN (the gazetteer tool) is not set")
        done = subprocess.run([binary, "--index", self.index_path, "--quiet"] + list(args), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        return json.loads(done.stdout)

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
        fields = layers.schema_fields("geoparse", "places")
        self.assert_features_match(layers.place_features(result, fields, self.index.gazetteer_version()), fields,
                                   cli["features"], "places")
        fields = layers.schema_fields("geoparse", "mentions")
        self.assert_features_match(layers.mention_features(result, fields), fields, cli["features"], "mentions")

        cli = self.cli("itinerary", path, "--date", "2024-05-01", "--format", "geojson")
        itinerary = self.index.itinerary(text, article_date="2024-05-01")
        fields = layers.schema_fields("itinerary", "stops")
        self.assert_features_match(layers.itinerary_stop_features(itinerary, fields), fields, cli["features"], "stops")
        fields = layers.schema_fields("itinerary", "legs")
        self.assert_features_match(layers.leg_features(itinerary.legs, fields), fields, cli["features"], "legs")
        fields = layers.schema_fields("itinerary", "place_notes")
        self.assert_features_match(layers.itinerary_note_features(itinerary, fields), fields, cli["features"],
                                   "place_notes")


if __name__ == "__main__":
    h.main()
