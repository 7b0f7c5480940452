"""The compiled module `_gazetteer_engine` as the plugin zip ships it: version, results (Candidate
and Place objects for look-ups, GeoparseResult and Itinerary objects, dicts elsewhere), code
point offsets, and engine errors raised as ValueError (bad input) / RuntimeError (index, IO)."""

import json
import os
import sys

import qgis_harness as h

import unittest  # noqa: E402


class ModuleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        folder = h.install_plugin()
        sys.path.insert(0, folder)  # the module alone, without the plugin package
        import _gazetteer_engine

        cls.m = _gazetteer_engine
        cls.index = cls.m.Index.open(os.path.join(folder, "data", "default.gzidx"))

    def test_version_matches_metadata(self):
        import configparser

        meta = configparser.ConfigParser(interpolation=None)
        meta.read(os.path.join(h.plugins_dir(), h.PACKAGE, "metadata.txt"), encoding="utf-8")
        self.assertEqual(self.m.__version__, meta["general"]["version"])

    def test_lookup_search_reverse(self):
        best = self.index.lookup("Vladivostok", limit=3)[0]
        self.assertEqual((best.name, best.country, best.place_id), ("Vladivostok", "RU", "geonames:2013348"))
        self.assertIn("exact name", best.reasons)
        self.assertEqual(self.index.lookup("Xqzzqx Wvvk"), [])
        self.assertEqual(self.index.lookup("Moscow", countries=["US"], limit=1)[0].country, "US")
        self.assertTrue(any(c.name == "Vladivostok" for c in self.index.search("Vladiv")))
        rev = self.index.reverse(44.0, 132.5, limit=3)  # inland Primorye
        self.assertEqual(rev.country, "RU")
        self.assertEqual(rev.country_place.place_id, "country:RU")
        self.assertEqual(len(rev.nearest), 3)
        self.assertLess(rev.nearest[0].distance_km, 100.0)
        self.assertEqual(self.index.place("geonames:2013348").name, "Vladivostok")
        self.assertIsNone(self.index.place("geonames:0"))
        self.assertGreater(len(self.index), 1000)

    def test_candidates_read_lazily_and_as_the_dicts_they_replaced(self):
        c = self.index.lookup("Vladivostok", limit=1)[0]
        self.assertIsInstance(c, self.m.Candidate)
        self.assertIsNone(c.distance_km)  # no `near` point
        near = self.index.lookup("Vladivostok", near=(43.0, 132.0), limit=1)[0]
        self.assertGreater(near.distance_km, 5.0)
        self.assertLess(near.distance_km, 30.0)
        with self.assertRaises(AttributeError):
            c.name = "Elsewhere"  # read-only
        # The mapping view: the keys, order and values of the dicts of earlier versions.
        d = c.to_dict()
        self.assertEqual(list(d), ["place_id", "name", "ascii_name", "lat", "lon", "feature_class", "feature_code",
                                   "country", "admin1_code", "admin1_name", "population", "source", "importance",
                                   "score", "match", "match_kind", "matched_name", "edit_distance", "distance_km",
                                   "reasons"])
        self.assertEqual(list(c.keys()), list(d))
        self.assertEqual(dict(c), d)
        self.assertEqual((c["name"], c["lat"], c["match"]), (c.name, c.lat, c.match))
        self.assertEqual(c.get("feature_class"), "P")
        self.assertIsNone(c.get("no_such_field"))
        self.assertEqual(c.get("no_such_field", 7), 7)
        self.assertIn("reasons", c)
        self.assertNotIn("alt_names", c)  # not loaded by a look-up, as the dicts left it out
        with self.assertRaises(KeyError):
            c["no_such_field"]
        self.assertEqual(json.loads(json.dumps(d))["place_id"], "geonames:2013348")
        # Equal by value, as the dicts were (and so unhashable like them).
        self.assertEqual(c, self.index.lookup("Vladivostok", limit=1)[0])
        self.assertEqual(c, d)
        self.assertNotEqual(c, self.index.lookup("Moscow", limit=1)[0])
        self.assertNotEqual(c, "Vladivostok")
        with self.assertRaises(TypeError):
            hash(c)
        self.assertEqual(c.place.place_id, c.place_id)
        self.assertIn("Vladivostok", repr(c))
        self.assertIn("geonames:2013348", repr(c.place))
        # Typo matches say how far they are.
        typo = self.index.lookup("Vladivostock", limit=1)[0]
        self.assertEqual((typo.name, typo.match, typo.edit_distance), ("Vladivostok", "fuzzy", 1))
        # A place with its alternate names; the reverse result as nested plain dicts.
        place = self.index.place("geonames:2013348", alt_names=True)
        self.assertIsInstance(place, self.m.Place)
        self.assertTrue(all(isinstance(n, tuple) and len(n) == 2 for n in place.alt_names))
        self.assertIn("alt_names", place.to_dict())
        self.assertEqual(self.index.place("geonames:2013348").alt_names, [])
        rev = self.index.reverse(44.0, 132.5, limit=2)
        self.assertIs(rev.nearest, rev["nearest"])
        plain = json.loads(json.dumps(rev.to_dict()))
        self.assertEqual((plain["country"], plain["country_place"]["place_id"]), ("RU", "country:RU"))
        self.assertEqual([n["place_id"] for n in plain["nearest"]], [n.place_id for n in rev.nearest])
        self.assertEqual(self.index.reverse(0.0, -30.0, limit=2, radius_km=1).to_dict(),
                         {"country": "", "country_place": None, "nearest": []})  # mid-Atlantic

    def test_route(self):
        route = self.m.route([("Pyongyang", 39.03385, 125.75432), {"name": "Khasan", "lat": 42.42387, "lon": 130.65156}],
                             ["train"], ["2023-09-12"])
        leg = route["legs"][0]
        self.assertEqual((leg["from"], leg["to"], leg["mode"], leg["date"]), (1, 2, "train", "2023-09-12"))
        self.assertGreater(len(leg["parts"][0]), 2)
        # Across the antimeridian: two parts.
        cross = self.m.route([("a", 60.0, 170.0), ("b", 60.0, -170.0)])
        self.assertTrue(cross["legs"][0]["crosses_antimeridian"])
        self.assertEqual(len(cross["legs"][0]["parts"]), 2)

    def test_errors(self):
        with self.assertRaises(RuntimeError) as e:
            self.m.Index.open("/nonexistent/x.gzidx")
        self.assertIn("/nonexistent/x.gzidx", str(e.exception))
        with self.assertRaises(ValueError):
            self.m.route([("a", 0, 0)])
        with self.assertRaises(ValueError):
            self.m.route([("a", 0, 0), ("b", 1, 1)], ["bicycle"])
        with self.assertRaises(ValueError):
            self.m.route([("a", 95, 0), ("b", 1, 1)])
        with self.assertRaises(ValueError):
            self.index.lookup("Moscow", bbox=(1, 2, 3))

    def test_geoparse_offsets_are_code_points(self):
        text = "\U0001F680 Launch day \u2014 the leaders met in Vladivostok."
        result = self.index.geoparse(text, id="t")
        mention = next(m for m in result["mentions"] if m["text"] == "Vladivostok")
        self.assertEqual(text[mention["start"]:mention["end"]], "Vladivostok")
        self.assertEqual(result["places"][0]["count"], 1)
        with self.assertRaises(ValueError):
            self.index.geoparse(text, abstain_below=2.0)
        with self.assertRaises(ValueError):
            self.index.geoparse(text, overrides={mention["start"]: "geonames:does-not-exist"})
        self.assertEqual(self.index.geoparse(text, kinds="metonymy,demonym")["mentions"], [])
        with self.assertRaises(ValueError):
            self.index.geoparse(text, kinds="toponym")
        moved = self.index.geoparse(text, overrides={mention["start"]: "geonames:2013348"})
        self.assertIn("chosen by the user", next(m for m in moved["mentions"] if m["text"] == "Vladivostok")["reasons"])

    def test_check_text(self):
        """The CLI's article gate: the same repairs (and code point count) as Python's "replace"
        decoding, and a ValueError naming the file for bytes that are not text."""
        data = "Officials in Vladivostok said".encode() + b"\xff" + " Москва".encode()
        text, replaced = self.m.check_text(data, "a.txt")
        self.assertEqual(replaced, 1)
        self.assertEqual(text, data.decode("utf-8", "replace"))
        self.assertEqual(self.m.check_text("Seoul".encode(), "b.txt"), ("Seoul", 0))
        with self.assertRaises(ValueError) as e:
            self.m.check_text(b"GIF89a\x01\x00\x01\x00Ak Dhaka", "photo.txt")
        self.assertIn("photo.txt: not text", str(e.exception))
        with self.assertRaises(ValueError) as e:
            self.m.check_text(bytes(range(128, 256)) * 4, "blob.bin")
        self.assertIn("blob.bin: not UTF-8 text", str(e.exception))

    def test_country_rule(self):
        # The engine's one rule (place.hpp), which the plugin asks for instead of its own prefix test.
        for code in ("PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCLH", "PCL", "TERR"):
            self.assertTrue(self.m.is_country_feature_code(code), code)
        for code in ("ADM1", "PPLC", "CONT", "RGN", "", "PC", "pcli"):
            self.assertFalse(self.m.is_country_feature_code(code), code)
        self.assertIn("country", self.index.lookup("Russia", limit=1)[0]["reasons"])

    def test_read_articles(self):
        """The engine's article reader: the ids, fields and errors of `gazetteer geoparse`."""
        data = (b'{"id": "x", "text": "In Seoul.", "date": "2023-09-13T08:00:00Z", "title": ""}\n\n'
                b'{"text": "In Kyiv.", "lang": "RU"}\n')
        articles, replaced = self.m.read_articles(data, "feeds/day.jsonl")
        self.assertEqual(replaced, 0)
        self.assertEqual(articles, [("x", "In Seoul.", {"date": "2023-09-13T08:00:00Z"}),
                                    ("day:3", "In Kyiv.", {"lang": "ru"})])
        self.assertEqual(self.m.read_articles(b"Caf\xe9 in Kyiv", "news/a1.txt"),
                         ([("a1", "Caf\ufffd in Kyiv", {})], 1))
        self.assertEqual(self.m.read_articles(b"{x}", "pasted", format="text")[0][0][0], "pasted")
        with self.assertRaises(ValueError) as e:
            self.m.read_articles(b'{"text": 1}\n', "feed.jsonl")
        self.assertEqual(str(e.exception), 'feed.jsonl:1: no "text" string')
        with self.assertRaises(ValueError):
            self.m.read_articles(b"x", "a.txt", format="xml")
        # A publication timestamp anchors the itinerary by its day; a bad date is a ValueError.
        self.assertIsInstance(self.index.itinerary("Kim flew to Seoul.", article_date="2023-09-13T08:00:00Z"),
                              self.m.Itinerary)
        with self.assertRaises(ValueError):
            self.index.itinerary("Kim flew to Seoul.", article_date="Sept 13")


if __name__ == "__main__":
    h.main()
