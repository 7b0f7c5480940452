"""What the algorithms share: the engine behind a QgsProcessingException, and article input."""

import json
import os

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

from .. import engine


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

    def require(self, capability, what):
        if not engine.has(capability):
            raise QgsProcessingException(self.tr(
                "{} is not available in this build of the gazetteer engine ({}).").format(
                    what, self.module().__version__))


class ArticleInputMixin:
    """Articles from a file (.txt: one article; .jsonl: one {"id", "text", "title", "url",
    "date"} object a line) or from text typed into the dialog."""

    INPUT = "INPUT"
    TEXT = "TEXT"

    def add_article_parameters(self):
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, self.tr("Article file (.txt, or .jsonl with one article a line)"),
            optional=True, fileFilter="Articles (*.txt *.jsonl *.json);;All files (*.*)"))
        self.addParameter(QgsProcessingParameterString(
            self.TEXT, self.tr("Article text (used when no file is given)"), multiLine=True, optional=True))

    def read_articles(self, parameters, context, feedback=None):
        """[(id, text, meta dict)] of the input. Raises QgsProcessingException for bad input,
        including a file that is not text (the engine's check_text() decides, as in the CLI)."""
        path = self.parameterAsFile(parameters, self.INPUT, context)
        text = self.parameterAsString(parameters, self.TEXT, context)
        if path:
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
            if path.lower().endswith((".jsonl", ".json")):
                return self._json_lines(path, content, stem)
            return [(stem, content, {})]
        if text and text.strip():
            return [("article", text, {})]
        raise QgsProcessingException(self.tr("Give an article file or paste the article text."))

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
