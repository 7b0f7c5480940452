"""The plugin zip passes the checks the QGIS plugin repository (plugins.qgis.org, QGIS-Django
plugins/validator.py) applies to an upload, and carries what a published plugin owes its users:

- a single top folder named like a Python package, with __init__.py and metadata.txt;
- metadata.txt with a [general] section holding every field the repository requires (name,
  description, version, qgisMinimumVersion, author, email, about, tracker, repository) and those
  the issue asks for (homepage, tags, category, icon, experimental, supportsQt6), booleans that
  parse, URLs with a scheme and a host, an author without slashes, an icon that exists;
- LICENSE at the top of the package (mandatory on the repository since June 2024) and the data
  credits (CREDITS.md: GeoNames CC BY 4.0, world-countries ODbL, Natural Earth);
- no path with "..", no absolute path, no .pyc, no __pycache__, .git or __MACOSX folder, and no
  compiled file but the one engine module the plugin needs, which must be stripped;
- the upload size limit (25,000,000 bytes): met by the repository zip, which carries the index's
  pinned sources instead of the index; the full zip (with the index) is for installs from a file.

The URL reachability check the repository also makes needs the network and is not run here."""

import configparser
import json
import os
import re
import subprocess
import tempfile
import unittest
import zipfile

FULL_ZIP = os.environ.get("GAZETTEER_PLUGIN_ZIP", "")
REPOSITORY_ZIP = os.environ.get("GAZETTEER_PLUGIN_REPOSITORY_ZIP", "")
MAX_UPLOAD_BYTES = 25_000_000  # QGIS-Django PLUGIN_MAX_UPLOAD_SIZE
REQUIRED = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about",
            "tracker", "repository")
ASKED = ("homepage", "tags", "category", "icon", "experimental", "supportsQt6", "changelog")
COMPILED = (".so", ".pyd", ".dll", ".dylib", ".exe", ".o", ".a", ".pyc", ".pyo")
# The engine module: the one compiled file, stripped (the 19 MB debug build stays in build/python).
MODULE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*/_gazetteer_engine\.[A-Za-z0-9_.-]+\.(so|pyd)$")
MAX_MODULE_BYTES = 4 * 1024 * 1024


class Checks:
    """The checks both zips pass; ZIP names the zip."""

    ZIP = ""

    @classmethod
    def setUpClass(cls):
        if not (cls.ZIP and os.path.isfile(cls.ZIP)):
            raise unittest.SkipTest("zip not built: {!r}".format(cls.ZIP))
        cls.zip = zipfile.ZipFile(cls.ZIP)
        cls.names = cls.zip.namelist()
        cls.package = cls.names[0].split("/")[0]
        parser = configparser.ConfigParser(interpolation=None)
        parser.optionxform = str
        parser.read_string(cls.zip.read(cls.package + "/metadata.txt").decode("utf-8"))
        cls.meta = dict(parser.items("general"))

    @classmethod
    def tearDownClass(cls):
        cls.zip.close()

    def test_layout(self):
        self.assertRegex(self.package, r"^[A-Za-z][A-Za-z0-9_-]+$")
        self.assertEqual({n.split("/")[0] for n in self.names}, {self.package}, "one top folder")
        for name in ("__init__.py", "metadata.txt", "LICENSE", "CREDITS.md"):
            self.assertIn(self.package + "/" + name, self.names)
        self.assertIsNone(self.zip.testzip())

    def test_no_forbidden_paths(self):
        for name in self.names:
            self.assertNotIn("..", name)
            self.assertFalse(name.startswith("/"), name)
            self.assertNotIn(".pyc", name)
            for folder in ("__MACOSX", ".git", "__pycache__"):
                self.assertNotIn(folder, name.split("/"), name)

    def test_metadata(self):
        for field in REQUIRED + ASKED:
            self.assertTrue(self.meta.get(field, "").strip(), "metadata.txt lacks " + field)
        self.assertRegex(self.meta["version"], r"^\d+\.\d+\.\d+$")
        self.assertRegex(self.meta["qgisMinimumVersion"], r"^3\.\d+$")
        self.assertNotIn("/", self.meta["author"])
        self.assertRegex(self.meta["email"], r"^[^@\s]+@[^@\s]+\.[a-z]+$")
        for flag in ("experimental", "deprecated", "supportsQt6", "server"):
            if flag in self.meta:
                self.assertIn(self.meta[flag].strip().lower(), ("true", "false", "1", "0", "yes", "no"), flag)
        self.assertIn(self.meta["supportsQt6"].strip().lower(), ("true", "yes", "1"))
        for field in ("tracker", "repository", "homepage"):
            self.assertRegex(self.meta[field], r"^https?://[^/\s]+", field)
            self.assertNotIn(self.meta[field], ("http://bugs", "http://repo", "http://homepage"))
        self.assertIn(self.package + "/" + self.meta["icon"].lstrip("./"), self.names)
        self.assertIn(self.meta["category"], ("Raster", "Vector", "Database", "Web", "Mesh", "Analysis"))

    def test_licence_and_credits(self):
        licence = self.zip.read(self.package + "/LICENSE").decode("utf-8")
        self.assertIn("GNU GENERAL PUBLIC LICENSE", licence)
        self.assertIn("either version 2", licence)
        credits = self.zip.read(self.package + "/CREDITS.md").decode("utf-8")
        for needed in ("GeoNames", "CC BY 4.0", "world-countries", "ODbL", "Natural Earth", "public domain"):
            self.assertIn(needed, credits)

    def test_only_the_stripped_engine_module_is_compiled(self):
        compiled = [n for n in self.names if n.lower().endswith(COMPILED)]
        self.assertEqual(len(compiled), 1, compiled)
        self.assertRegex(compiled[0], MODULE)
        info = self.zip.getinfo(compiled[0])
        print("engine module: {:,} bytes ({:,} compressed)".format(info.file_size, info.compress_size))
        self.assertLess(info.file_size, MAX_MODULE_BYTES)
        data = self.zip.read(compiled[0])
        self.assertEqual(data[:4], b"\x7fELF")
        with tempfile.NamedTemporaryFile(suffix=".so") as f:
            f.write(data)
            f.flush()
            try:
                sections = subprocess.run(["readelf", "-S", "-W", f.name], capture_output=True,
                                          check=True).stdout.decode()
            except (OSError, subprocess.CalledProcessError) as e:
                self.skipTest("readelf cannot list the sections: {}".format(e))
        self.assertNotIn(".debug_info", sections)
        self.assertNotIn(".symtab", sections)
        self.assertIn(".gnu_debuglink", sections)  # gdb finds build/plugin/<module>.debug



class RepositoryZip(Checks, unittest.TestCase):
    """The zip for plugins.qgis.org (target plugin_repository_zip): the sources of the index
    instead of the index, which the plugin builds on first start (test_repository_zip.py)."""

    ZIP = REPOSITORY_ZIP

    def test_size_within_the_upload_limit(self):
        size = os.path.getsize(self.ZIP)
        print("repository zip: {:,} bytes (limit {:,})".format(size, MAX_UPLOAD_BYTES))
        self.assertLessEqual(size, MAX_UPLOAD_BYTES)

    def test_carries_the_sources_not_the_index(self):
        self.assertFalse([n for n in self.names if n.endswith(".gzidx")])
        self.assertIn(self.package + "/data/sources/manifest.json", self.names)
        manifest = json.loads(self.zip.read(self.package + "/data/sources/manifest.json"))
        for source in manifest["sources"]:
            if source["role"] != "basemap":
                self.assertIn(self.package + "/data/sources/" + source["path"], self.names)
        self.assertTrue([n for n in self.names if n.startswith(self.package + "/data/sources/curated/")])


class FullZip(Checks, unittest.TestCase):
    """The zip with the built index (target plugin_zip), for offline installs from a file: the
    same checks but the upload size, which its 100 MB index exceeds."""

    ZIP = FULL_ZIP

    def test_only_the_index_makes_it_big(self):
        rest = sum(i.compress_size for i in self.zip.infolist() if not i.filename.endswith(".gzidx"))
        print("full zip: {:,} bytes, {:,} without its index".format(os.path.getsize(self.ZIP), rest))
        self.assertLess(rest, 2 * 1024 * 1024)


if __name__ == "__main__":
    unittest.main(verbosity=2)
