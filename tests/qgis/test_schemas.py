"""One schema per output: the layers the engine declares (layer_schemas in the Python module),
the files the `gazetteer` tool writes (GeoPackage and GeoJSON) and the layers the QGIS
algorithms and the map builder make all have the same fields, in the same order, of the same
types. A face that declared a field of its own, dropped one or changed a type fails here."""

import json
import os
import subprocess
import tempfile

import qgis_harness as h

h.app()

import unittest  # noqa: E402

from qgis.core import QgsVectorLayer  # noqa: E402

P = h.PROVIDER_ID + ":"

# A short itinerary that needs no ../shared file: two dated stops and a stated mode.
TRIP = ("Kim Jong Un left Pyongyang by armored train on Monday, Sept. 11, 2023, and crossed the border "
        "at Khasan on Tuesday, Sept. 12. On Wednesday, Sept. 13, he toured the Vostochny Cosmodrome.")
# What a GeoPackage column of each engine field type reads back as in QGIS (QVariant type names).
GPKG_TYPES = {"integer": "qlonglong", "real": "double", "string": "QString", "date": "QDate"}
QGIS_TYPES = GPKG_TYPES


def schema(module, output):
    return {layer["name"]: layer["fields"] for layer in module.layer_schemas(output)}


def names(fields):
    return [f[0] for f in fields]


def qgis_fields(layer):
    """[(name, QVariant type name)] of a QGIS layer."""
    from qgis.PyQt.QtCore import QVariant

    return [(f.name(), QVariant.typeToName(f.type())) for f in layer.fields()]


def expected(fields, types):
    return [(name, types[kind]) for name, kind, _precision in fields]


class SchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.iface, cls.plugin = h.start_plugin()
        h.init_processing()
        import processing

        from article_gazetteer import engine

        cls.processing = processing
        cls.module = engine.module()
        cls.index_path = engine.index().path
        cls.bin = os.environ.get("GAZETTEER_BIN")
        cls.tmp = tempfile.mkdtemp(prefix="gz-schemas-")

    def cli(self, *args, stdin=None):
        if not self.bin or not os.path.exists(self.bin):
            self.skipTest("GAZETTEER_BIN (the gazetteer tool) is not set")
        done = subprocess.run([self.bin, "--index", self.index_path, "--quiet"] + list(args), input=stdin,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        return done.stdout

    def gpkg_layer(self, path, name):
        layer = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
        self.assertTrue(layer.isValid(), "{} has no layer {}".format(path, name))
        return layer

    def run_alg(self, name, params):
        return self.processing.run(P + name, params)

    # --- the engine's declarations ---------------------------------------------------------------

    def test_declared_outputs(self):
        self.assertEqual(self.module.schema_outputs(), ["geoparse", "bulk", "route", "itinerary"])
        self.assertEqual(list(schema(self.module, "route")), ["stops", "legs", "route"])
        self.assertEqual(list(schema(self.module, "itinerary")), ["stops", "legs", "route", "place_notes"])
        self.assertEqual(list(schema(self.module, "geoparse")), ["places", "mentions"])
        # The bulk layers are the geoparse layers plus the articles.
        bulk = schema(self.module, "bulk")
        self.assertEqual(list(bulk), ["articles", "places", "mentions"])
        self.assertEqual(bulk["places"], schema(self.module, "geoparse")["places"])
        self.assertEqual(self.module.bulk_layer_schemas(), self.module.layer_schemas("bulk"))
        # The itinerary's stops are the route's stops and more; its legs are the route's legs.
        route, itinerary = schema(self.module, "route"), schema(self.module, "itinerary")
        self.assertEqual(itinerary["stops"][:len(route["stops"])], route["stops"])
        self.assertEqual(itinerary["legs"], route["legs"])
        self.assertEqual(self.module.layer_schema("itinerary", "legs")["geometry"], "LineString")
        with self.assertRaises(ValueError):
            self.module.layer_schemas("nothing")
        with self.assertRaises(ValueError):
            self.module.layer_schema("route", "place_notes")

    # --- the CLI's files -------------------------------------------------------------------------

    def test_cli_geoparse_files(self):
        article = os.path.join(self.tmp, "a.txt")
        with open(article, "w", encoding="utf-8") as f:
            f.write("Officials in Moscow said the delegation would fly from Vladivostok to Seoul.")
        gpkg = os.path.join(self.tmp, "geoparse.gpkg")
        self.cli("geoparse", "--format", "gpkg", "-o", gpkg, article)
        for name, fields in schema(self.module, "geoparse").items():
            self.assertEqual(qgis_fields(self.gpkg_layer(gpkg, name))[1:], expected(fields, GPKG_TYPES), name)
        collection = json.loads(self.cli("geoparse", "--format", "geojson", article))
        declared = schema(self.module, "geoparse")
        for feature in collection["features"]:
            props = dict(feature["properties"])
            layer = props.pop("layer")
            # One merged collection: its property order follows the union of the layers' fields.
            self.assertEqual(sorted(props), sorted(names(declared[layer])), layer)

    def test_cli_itinerary_files(self):
        gpkg = os.path.join(self.tmp, "trip.gpkg")
        self.cli("itinerary", "-", "--format", "gpkg", "-o", gpkg, stdin=TRIP)
        for name, fields in schema(self.module, "itinerary").items():
            self.assertEqual(qgis_fields(self.gpkg_layer(gpkg, name))[1:], expected(fields, GPKG_TYPES), name)

    def test_cli_route_files(self):
        gpkg = os.path.join(self.tmp, "route.gpkg")
        self.cli("route", "Vladivostok=43.1155,131.885", "Khasan=42.4297,130.6464", "--format", "gpkg", "-o", gpkg)
        for name, fields in schema(self.module, "route").items():
            self.assertEqual(qgis_fields(self.gpkg_layer(gpkg, name))[1:], expected(fields, GPKG_TYPES), name)
        collection = json.loads(self.cli("route", "Vladivostok=43.1155,131.885", "Khasan=42.4297,130.6464"))
        declared = schema(self.module, "route")
        for feature in collection["features"]:
            props = dict(feature["properties"])
            layer = props.pop("layer")
            # One merged collection: its property order follows the union of the layers' fields.
            self.assertEqual(sorted(props), sorted(names(declared[layer])), layer)

    # --- the QGIS layers -------------------------------------------------------------------------

    def test_qgis_geoparse_layers(self):
        result = self.run_alg("geoparse", {"TEXT": "Officials in Moscow said the delegation would fly to Seoul.",
                                           "USE_SAVED": False, "PLACES": "memory:", "MENTIONS": "memory:"})
        declared = schema(self.module, "geoparse")
        self.assertEqual(qgis_fields(result["PLACES"]), expected(declared["places"], QGIS_TYPES))
        self.assertEqual(qgis_fields(result["MENTIONS"]), expected(declared["mentions"], QGIS_TYPES))
        # The provenance is the engine's, as the CLI writes it.
        place = next(result["PLACES"].getFeatures())
        self.assertEqual(place["gazetteer_version"], self.module.Index.open(self.index_path).gazetteer_version())

    def test_qgis_itinerary_layers(self):
        result = self.run_alg("itinerary", {"TEXT": TRIP, "USE_SAVED": False, "LEGS": "memory:",
                                            "STOPS": "memory:", "NOTES": "memory:"})
        declared = schema(self.module, "itinerary")
        self.assertEqual(qgis_fields(result["STOPS"]), expected(declared["stops"], QGIS_TYPES))
        self.assertEqual(qgis_fields(result["LEGS"]), expected(declared["legs"], QGIS_TYPES))
        self.assertEqual(qgis_fields(result["NOTES"]), expected(declared["place_notes"], QGIS_TYPES))
        # The values follow the CLI's: arrival is the stop's day, date_inferred 0 or 1.
        cli = json.loads(self.cli("itinerary", "-", "--format", "geojson", stdin=TRIP))
        cli_stops = [f["properties"] for f in cli["features"] if f["properties"]["layer"] == "stops"]
        stops = sorted(result["STOPS"].getFeatures(), key=lambda f: f["seq"])
        self.assertEqual(len(stops), len(cli_stops))
        for stop, want in zip(stops, cli_stops):
            got = stop["arrival"].toString("yyyy-MM-dd") if stop["arrival"] else None
            self.assertEqual(got, want["arrival"])
            self.assertEqual(stop["date_inferred"], want["date_inferred"])
            self.assertEqual(stop["place_id"], want["place_id"])

    def test_qgis_route_layers(self):
        from test_processing import stops_layer

        layer = stops_layer([(1, "Vladivostok", 131.885, 43.1155, None, None),
                             (2, "Khasan", 130.6464, 42.4297, "train", "2023-09-12")])
        result = self.run_alg("buildroute", {"INPUT": layer, "ORDER_FIELD": "ord", "NAME_FIELD": "name",
                                             "MODE_FIELD": "mode", "DATE_FIELD": "arrived",
                                             "LEGS": "memory:", "STOPS": "memory:"})
        declared = schema(self.module, "route")
        self.assertEqual(qgis_fields(result["STOPS"]), expected(declared["stops"], QGIS_TYPES))
        self.assertEqual(qgis_fields(result["LEGS"]), expected(declared["legs"], QGIS_TYPES))
        # Reals keep the declared precision, as in the CLI's files.
        leg = next(result["LEGS"].getFeatures())
        self.assertEqual(leg["bearing_deg"], round(leg["bearing_deg"], 2))

    def test_map_builder_layers(self):
        from article_gazetteer import engine, map_builder

        index = engine.index()
        article = index.geoparse(TRIP, id="trip")
        itinerary = index.itinerary(TRIP)
        built = map_builder._article_layers(article, itinerary, index.gazetteer_version())
        declared = {"places": schema(self.module, "geoparse")["places"],
                    "mentions": schema(self.module, "geoparse")["mentions"],
                    "stops": schema(self.module, "itinerary")["stops"],
                    "legs": schema(self.module, "itinerary")["legs"]}
        self.assertEqual(sorted(built), sorted(declared))
        for name, fields in declared.items():
            self.assertEqual(qgis_fields(built[name]), expected(fields, QGIS_TYPES), name)


if __name__ == "__main__":
    h.main()
