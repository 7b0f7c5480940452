"""What the algorithms share: the engine behind a QgsProcessingException, and article input."""

import json
import os

from qgis.core import (
    Qgis,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

from .. import engine

# Folder behaviour of QgsProcessingParameterFile: Qgis.ProcessingFileParameterBehavior from 3.36.
_behavior = getattr(Qgis, "ProcessingFileParameterBehavior", None)
_FOLDER = _behavior.Folder if _behavior is not None else QgsProcessingParameterFile.Behavior.Folder


class GazetteerAlgorithm(QgsProcessingAlgorithm):
    """Base of the plugin's algorithms: createInstance(), translation, engine access."""

    def tr(self, text):
        return QCoreApplication.translate("ArticleGazetteer", text)

    def createInstance(self):  # noqa: N802 (QGIS API)
        return type(self)()

    def module(self):
        try:
            return engine.module()
        except engine.EngineUnavailable as e:
            raise QgsProcessingException(str(e)) from None

    def index(self):
        try:
            return engine.index()
        except engine.EngineUnavailable as e:
            raise QgsProcessingException(str(e)) from None


def engine_progress(feedback, first, share):
    """An engine progress callback (geoparse(progress=...)) that fills [first, first + share]
    percent of the Processing progress bar and stops the engine when the user cancels: the
    engine then raises Cancelled. Called from the algorithm's thread, within a long article."""
    def report(fraction):
        feedback.setProgress(first + share * fraction)
        return not feedback.isCanceled()
    return report


# What a folder given as input holds: the extensions `gazetteer geoparse DIR` reads
# (gazetteer/cli/cmd_geoparse.cpp), searched recursively, in name order.
ARTICLE_EXTENSIONS = (".txt", ".text", ".jsonl", ".ndjson")


class ArticleInputMixin:
    """Articles from a file (.txt: one article; .jsonl: one {"id", "text", "title", "url",
    "date"} object a line), from a folder of such files, or from text typed into the dialog."""

    INPUT = "INPUT"
    FOLDER = "FOLDER"
    TEXT = "TEXT"

    def add_article_parameters(self, folder=False):
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, self.tr("Article file (.txt, or .jsonl with one article a line)"),
            optional=True, fileFilter="Articles (*.txt *.text *.jsonl *.ndjson *.json);;All files (*.*)"))
        if folder:
            self.addParameter(QgsProcessingParameterFile(
                self.FOLDER, self.tr("Folder of articles (.txt, .text, .jsonl, .ndjson; searched recursively)"),
                behavior=_FOLDER, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.TEXT, self.tr("Article text (used when no file is given)"), multiLine=True, optional=True))

    def article_paths(self, parameters, context):
        """The files to read: the file given, then the folder's article files in name order."""
        paths = []
        path = self.parameterAsFile(parameters, self.INPUT, context)
        if path:
            paths.append(path)
        folder = self.parameterAsFile(parameters, self.FOLDER, context) if self.FOLDER in parameters else ""
        if folder:
            if not os.path.isdir(folder):
                raise QgsProcessingException(self.tr("{}: not a folder").format(folder))
            found = []
            for root, _dirs, files in os.walk(folder):
                found += [os.path.join(root, f) for f in files if f.lower().endswith(ARTICLE_EXTENSIONS)]
            if not found:
                raise QgsProcessingException(self.tr("{} holds no article files ({}).").format(
                    folder, ", ".join(ARTICLE_EXTENSIONS)))
            paths += sorted(found)
        return paths

    def read_articles(self, parameters, context, feedback=None):
        """[(id, text, meta dict)] of the input. Raises QgsProcessingException for bad input,
        including a file that is not text (the engine's check_text() decides, as in the CLI)."""
        paths = self.article_paths(parameters, context)
        text = self.parameterAsString(parameters, self.TEXT, context)
        if paths:
            articles = []
            for path in paths:
                articles += self._read_file(path, feedback)
            return articles
        if text and text.strip():
            return [("article", text, {})]
        raise QgsProcessingException(self.tr("Give an article file or folder, or paste the article text."))

    def _read_file(self, path, feedback=None):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise QgsProcessingException(self.tr("Cannot read {}: {}").format(path, e.strerror)) from None
        content, replaced = self._check_text(data, path)
        if replaced and feedback is not None:
            feedback.pushWarning(self.tr("{}: {} invalid UTF-8 sequence(s) replaced with \uFFFD").format(
                path, replaced))
        stem = os.path.splitext(os.path.basename(path))[0]
        if path.lower().endswith((".jsonl", ".ndjson", ".json")):
            return self._json_lines(path, content, stem)
        return [(stem, content, {})]

    def _check_text(self, data, name):
        try:
            return self.module().check_text(data, name)
        except ValueError as e:
            raise QgsProcessingException(str(e)) from None

    def _json_lines(self, path, content, stem):
        articles = []
        for number, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as e:
                raise QgsProcessingException("{}:{}: {}".format(path, number, e)) from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise QgsProcessingException(
                    "{}:{}: expected an object with a \"text\" string".format(path, number))
            # A record's text may hide NUL escapes or control-character soup.
            record["text"], _ = self._check_text(record["text"].encode("utf-8", "surrogatepass"),
                                                 "{}:{}".format(path, number))
            article_id = str(record.get("id") or "{}-{}".format(stem, number))
            meta = {k: record.get(k) for k in ("title", "url", "date", "lang") if record.get(k)}
            articles.append((article_id, record["text"], meta))
        if not articles:
            raise QgsProcessingException(self.tr("{} holds no articles.").format(path))
        return articles
