"""Remembered resolution changes: when the user picks another place for a mention, the choice is
kept per article in a small JSON file under the QGIS profile folder
(<profile>/article_gazetteer/resolutions.json) and applied on later runs of the panel and of the
Geoparse / Extract itinerary algorithms.

Articles are keyed by the SHA-1 of their text, mentions by their start offset (code points), so a
choice applies to the same text wherever it comes from. The file is rewritten atomically
(temporary file + rename)."""

import hashlib
import json
import os
import tempfile
import threading

_lock = threading.Lock()


def article_key(text):
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def default_path():
    from qgis.core import QgsApplication

    return os.path.join(QgsApplication.qgisSettingsDirPath(), "article_gazetteer", "resolutions.json")


class ResolutionStore:
    """{article key: {mention start: place id, or None for "no place"}} in a JSON file."""

    def __init__(self, path=None):
        self.path = path or default_path()

    def _read(self):
        try:
            with open(self.path, encoding="utf-8") as f:
                data = json.load(f)
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}  # absent or damaged: start afresh rather than fail the panel

    def overrides(self, text):
        """{start (int): place id or None} remembered for this article text."""
        with _lock:
            entry = self._read().get(article_key(text), {})
        out = {}
        for start, place_id in entry.items():
            try:
                out[int(start)] = place_id
            except ValueError:
                continue
        return out

    def set(self, text, start, place_id):
        """Remembers `place_id` (None: no place) for the mention at `start` of this text."""
        self._update(text, lambda entry: entry.__setitem__(str(int(start)), place_id))

    def forget(self, text, start=None):
        """Forgets one mention's choice, or every choice for the article."""
        if start is None:
            self._update(text, lambda entry: entry.clear())
        else:
            self._update(text, lambda entry: entry.pop(str(int(start)), None))

    def _update(self, text, change):
        with _lock:
            data = self._read()
            key = article_key(text)
            entry = data.get(key, {})
            change(entry)
            if entry:
                data[key] = entry
            else:
                data.pop(key, None)
            folder = os.path.dirname(self.path)
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".resolutions-", suffix=".json", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(data, f, indent=1, sort_keys=True)
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
