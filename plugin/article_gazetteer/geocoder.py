"""A QgsGeocoderInterface over the engine (QGIS API: qgsgeocoder.h), so that the gazetteer serves
QGIS's own geocoding framework: the locator through QgsGeocoderLocatorFilter (prefix "gaz") and
any batch geocoding that takes a QgsGeocoderInterface.

QgsLocator runs filters in worker threads; geocodeString() is therefore called off the UI thread,
and the engine releases the GIL while it searches, so typing never stalls the interface.
"""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsField,
    QgsFields,
    QgsGeocoderInterface,
    QgsGeocoderResult,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
)
from . import engine
from .compat import DOUBLE, INTEGER64 as INTEGER, STRING, WKB_POINT

LOCATOR_NAME = "article_gazetteer"
# QgsLocator::registerFilter ignores plugin prefixes shorter than 3 characters (those are kept
# for QGIS's own filters), so "gz" would silently not work: "gaz" it is.
LOCATOR_PREFIX = "gaz"

# Half the side of the view the locator zooms to, degrees, by GeoNames feature class:
# countries and divisions need a wide view, a town a close one.
_VIEW_HALF_DEG = {"A": 3.0, "H": 1.0, "T": 0.5, "L": 0.5}


class GazetteerGeocoder(QgsGeocoderInterface):
    """Geocodes strings with the offline gazetteer: exact and fuzzy look-up first, then type-ahead
    prefix search so that partly typed names ("Vladiv") already give results."""

    MAX_RESULTS = 10

    def flags(self):
        return QgsGeocoderInterface.Flag.GeocodesStrings

    def wkbType(self):
        return WKB_POINT

    def appendedFields(self):
        fields = QgsFields()
        for name, kind in (("gz_place_id", STRING), ("gz_name", STRING), ("gz_country", STRING),
                           ("gz_feature_code", STRING), ("gz_score", DOUBLE), ("gz_match", STRING),
                           ("gz_edit_distance", INTEGER)):
            fields.append(QgsField(name, kind))
        return fields

    def candidates(self, text, limit=MAX_RESULTS):
        """Engine Candidates for `text`: look-up, else prefix search. Raises EngineUnavailable."""
        text = (text or "").strip()
        if not text:
            return []
        index = engine.index()
        looked_up = index.lookup(text, limit=limit)
        # Exact names first, then names that start with the text (what the user is typing),
        # then typo matches.
        exact = [c for c in looked_up if c.edit_distance == 0]
        fuzzy = [c for c in looked_up if c.edit_distance != 0]
        prefixed = index.search(text, limit=limit) if len(exact) < limit and len(text) >= 3 else []
        found, seen = [], set()
        for c in exact + prefixed + fuzzy:
            if c.place_id not in seen and len(found) < limit:
                seen.add(c.place_id)
                found.append(c)
        return found

    def geocodeString(self, string, context=None, feedback=None):  # noqa: N802 (QGIS API)
        try:
            found = self.candidates(string)
        except engine.EngineUnavailable as e:
            return [QgsGeocoderResult.errorResult(str(e))]
        except ValueError as e:  # bad query text
            return [QgsGeocoderResult.errorResult(str(e))]
        crs = QgsCoordinateReferenceSystem("EPSG:4326")
        results = []
        for c in found:
            if feedback is not None and feedback.isCanceled():
                break
            lon, lat, country = c.lon, c.lat, c.country
            point = QgsPointXY(lon, lat)
            result = QgsGeocoderResult(describe(c, string), QgsGeometry.fromPointXY(point), crs)
            half = _VIEW_HALF_DEG.get(c.feature_class, 0.15)
            if engine.module().is_country_feature_code(c.feature_code):
                half = 8.0
            result.setViewport(QgsRectangle(lon - half, lat - half, lon + half, lat + half))
            result.setDescription(", ".join(x for x in (c.admin1_name, country, c.feature_code) if x))
            result.setGroup(country)
            result.setAdditionalAttributes({
                "gz_place_id": c.place_id, "gz_name": c.name, "gz_country": country,
                "gz_feature_code": c.feature_code, "gz_score": c.score, "gz_match": c.match,
                "gz_edit_distance": c.edit_distance,
            })
            results.append(result)
        return results


def why_matched(candidate, query):
    """Why an engine Candidate whose shown name does not contain the query matched it ('' when
    it does): the name the engine matched ("also called 'Khasan'") or the typo it corrected."""
    if candidate.edit_distance:
        return "typo-corrected from '{}' (edit distance {})".format(query.strip(), candidate.edit_distance)
    key = (query or "").strip().casefold()
    shown = "{} {}".format(candidate.name, candidate.ascii_name).casefold()
    if not key or key in shown:
        return ""
    kind = {"alt_name": "also called", "abbreviation": "abbreviated", "demonym": "demonym"}.get(
        candidate.match_kind, "matched")
    return "{} '{}'".format(kind, candidate.matched_name or query.strip())


def describe(candidate, query=None):
    """Display text of an engine Candidate: 'Vladivostok (Primorskiy Krai, RU)'; with the query,
    a candidate whose name does not contain it says why it matched: 'Hassan (Karnataka, IN) —
    also called 'khasan''."""
    where = ", ".join(x for x in (candidate.admin1_name, candidate.country) if x)
    text = "{} ({})".format(candidate.name, where) if where else candidate.name
    why = why_matched(candidate, query) if query is not None else ""
    return text + " — " + why if why else text


def make_locator_filter(geocoder, canvas):
    """The QgsGeocoderLocatorFilter serving `geocoder` with the "gaz" prefix. The filter does not
    own the geocoder: the caller keeps `geocoder` alive as long as the filter is registered."""
    from qgis.gui import QgsGeocoderLocatorFilter

    locator_filter = QgsGeocoderLocatorFilter(LOCATOR_NAME, "Article Gazetteer", LOCATOR_PREFIX,
                                              geocoder, canvas)
    return locator_filter
