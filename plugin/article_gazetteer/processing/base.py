"""What the algorithms share: the engine behind a QgsProcessingException, and article input."""

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
            # The files `gazetteer geoparse FOLDER` reads, in its order.
            try:
                found = self.module().article_files(folder)
            except RuntimeError as e:
                raise QgsProcessingException(str(e)) from None
            if not found:
                raise QgsProcessingException(self.tr("{} holds no article files ({}).").format(
                    folder, ", ".join(self.module().article_extensions)))
            paths += found
        return paths

    def read_articles(self, parameters, context, feedback=None):
        """[(id, text, meta dict)] of the input, read by the engine as `gazetteer geoparse` reads
        it (the same ids: 'a1' for a1.txt, 'feed:3' for line 3 of feed.jsonl; 'article' for pasted
        text). Raises QgsProcessingException for bad input, including a file that is not text."""
        paths = self.article_paths(parameters, context)
        text = self.parameterAsString(parameters, self.TEXT, context)
        if paths:
            articles = []
            for path in paths:
                articles += self._read_file(path, feedback)
            return articles
        if text and text.strip():
            return self._read(text.encode("utf-8", "surrogatepass"), "article", "text", feedback)
        raise QgsProcessingException(self.tr("Give an article file or folder, or paste the article text."))

    def _read_file(self, path, feedback=None):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise QgsProcessingException(self.tr("Cannot read {}: {}").format(path, e.strerror)) from None
        return self._read(data, path, "auto", feedback)

    def _read(self, data, source, fmt, feedback):
        try:
            articles, replaced = self.module().read_articles(data, source, format=fmt)
        except ValueError as e:
            raise QgsProcessingException(str(e)) from None
        if replaced and feedback is not None:
            feedback.pushWarning(self.tr("{}: {} invalid UTF-8 sequence(s) replaced with \uFFFD").format(
                source, replaced))
        return articles
