"""Access to the compiled engine (`_gazetteer_engine`, built from gazetteer/python/module.cpp) and
the gazetteer index it reads.

Faces of the plugin (geocoder, Processing, panel) never import the compiled module themselves:
they call module() and index(), which raise EngineUnavailable with a message fit for a message bar
when the module is missing, was built for another Python, or carries another version than
metadata.txt, or when no index can be found. The index is looked up in this order:

1. ``data/default.gzidx`` in the plugin folder (the plugin zip bundles it);
2. the ``GAZETTEER_INDEX`` environment variable;
3. the ``article_gazetteer/index_path`` setting (QgsSettings);
4. ``<QGIS profile>/article_gazetteer/default.gzidx``, which the plugin builds on first start from
   the sources the plugin-repository zip carries instead of an index (``data/sources``: too big
   for the repository's 25 MB limit otherwise; see index_task.py).
"""

import configparser
import importlib
import os
import threading

PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))
SETTINGS_INDEX_KEY = "article_gazetteer/index_path"
MODULE_NAME = "_gazetteer_engine"


class EngineUnavailable(RuntimeError):
    """The engine or its index cannot be used; str() is a one-line message for the user."""


_lock = threading.Lock()
_module = None
_index = None
_index_path = None


def plugin_version():
    """The version metadata.txt declares ('' when metadata.txt is missing)."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(os.path.join(PLUGIN_DIR, "metadata.txt"), encoding="utf-8")
    return parser.get("general", "version", fallback="")


def module():
    """The compiled engine module. Raises EngineUnavailable when it cannot be used."""
    global _module
    with _lock:
        if _module is not None:
            return _module
        try:
            mod = importlib.import_module("." + MODULE_NAME, __package__)
        except ImportError as package_error:
            try:  # a development checkout: the module on sys.path (build/python)
                mod = importlib.import_module(MODULE_NAME)
            except ImportError:
                raise EngineUnavailable(
                    "The compiled gazetteer engine ({}) cannot be loaded: {}. Install the plugin "
                    "zip built for this QGIS (cmake --build build --target plugin_zip).".format(
                        MODULE_NAME, package_error)) from None
        wanted = plugin_version()
        found = getattr(mod, "__version__", "")
        if wanted and found != wanted:
            raise EngineUnavailable(
                "The compiled gazetteer engine is version {} but the plugin is {}: reinstall the "
                "plugin zip of one build.".format(found or "unknown", wanted))
        _module = mod
        return mod


def index_candidates():
    """Index paths in the order they are tried (existing or not)."""
    paths = [os.path.join(PLUGIN_DIR, "data", "default.gzidx")]
    env = os.environ.get("GAZETTEER_INDEX")
    if env:
        paths.append(env)
    try:
        from qgis.core import QgsSettings

        configured = QgsSettings().value(SETTINGS_INDEX_KEY, "", type=str)
        if configured:
            paths.append(configured)
    except ImportError:  # outside QGIS (scripts)
        pass
    paths.append(built_index_path())
    return paths


def built_index_path():
    """Where the index built from the bundled sources goes (the plugin folder may be read-only
    and is replaced on every update; the profile is not)."""
    try:
        from qgis.core import QgsApplication

        return os.path.join(QgsApplication.qgisSettingsDirPath(), "article_gazetteer", "default.gzidx")
    except ImportError:  # outside QGIS (scripts)
        return os.path.join(os.path.expanduser("~"), ".article_gazetteer", "default.gzidx")


def bundled_sources():
    """(manifest.json, [curated CSV files]) the repository zip carries, or None."""
    folder = os.path.join(PLUGIN_DIR, "data", "sources")
    manifest = os.path.join(folder, "manifest.json")
    if not os.path.isfile(manifest):
        return None
    curated_dir = os.path.join(folder, "curated")
    curated = sorted(os.path.join(curated_dir, f) for f in os.listdir(curated_dir)
                     if f.endswith(".csv")) if os.path.isdir(curated_dir) else []
    return manifest, curated


def needs_build():
    """True when no index exists but the bundled sources can build one."""
    return find_index_path() is None and bundled_sources() is not None


def find_index_path():
    """The first existing index path, or None."""
    for path in index_candidates():
        if path and os.path.isfile(path):
            return path
    return None


def index():
    """The shared, opened index (thread safe; opened once). Raises EngineUnavailable."""
    global _index, _index_path
    mod = module()
    path = find_index_path()
    with _lock:
        if _index is not None and path == _index_path:
            return _index
        if path is None and bundled_sources() is not None:
            raise EngineUnavailable(
                "The gazetteer index is being built from the data the plugin carries (once, about "
                "half a minute; see the task manager). Try again when it is done.")
        if path is None:
            raise EngineUnavailable(
                "No gazetteer index found: put default.gzidx in {}, set GAZETTEER_INDEX, or set "
                "the '{}' setting.".format(os.path.join(PLUGIN_DIR, "data"), SETTINGS_INDEX_KEY))
        try:
            _index = mod.Index.open(path)
        except (RuntimeError, ValueError) as e:
            raise EngineUnavailable("The gazetteer index cannot be opened: {}".format(e)) from None
        _index_path = path
        return _index


def reset():
    """Forgets the opened index (after the settings changed, and on unload)."""
    global _index, _index_path
    with _lock:
        _index = None
        _index_path = None
