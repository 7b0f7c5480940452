"""The panel's article work (geoparse, then itinerary) as a QgsTask, so that a long article never
freezes QGIS: the task manager shows its progress and a cancel button, and the engine stops
within a few thousand words of a cancel (its progress callback, geoparse.hpp ParseProgress).

run() executes in a worker thread: it touches no widget. QGIS calls finished() in the main
thread, which hands the outcome to the callback the panel gave."""

from qgis.core import QgsTask

from .. import engine


class ArticleTask(QgsTask):
    """Geoparses `text` and, when asked, extracts its itinerary. Outcome in `article`,
    `itinerary`, `notes` (why there is no itinerary), `error` (a message) and `cancelled`."""

    # Shares of the progress bar: the itinerary parses the text again, then extracts.
    GEOPARSE_SHARE = 0.5

    def __init__(self, text, article_id, overrides, traveller, on_done):
        super().__init__("Article Gazetteer: finding places in {}".format(article_id), QgsTask.Flag.CanCancel)
        self.text = text
        self.article_id = article_id
        self.overrides = overrides
        self.traveller = traveller
        self.on_done = on_done
        self.article = None
        self.itinerary = None
        self.notes = ""
        self.error = None
        self.cancelled = False

    def _progress(self, first, share):
        """An engine progress callback filling [first, first + share] of the bar."""
        def report(fraction):
            self.setProgress(100.0 * (first + share * fraction))
            return not self.isCanceled()
        return report

    def run(self):
        try:
            index = engine.index()
            cancelled = engine.module().Cancelled
        except engine.EngineUnavailable as e:
            self.error = str(e)
            return False
        geoparse_share = self.GEOPARSE_SHARE
        try:
            self.article = index.geoparse(self.text, id=self.article_id, overrides=self.overrides,
                                          progress=self._progress(0.0, geoparse_share))
            if not self.isCanceled():
                try:
                    self.itinerary = index.itinerary(self.text, traveller=self.traveller, overrides=self.overrides,
                                                     progress=self._progress(geoparse_share, 1.0 - geoparse_share))
                except (ValueError, RuntimeError) as e:
                    if isinstance(e, cancelled):
                        raise
                    self.notes = str(e)
        except cancelled:
            self.cancelled = True
            return False
        except (ValueError, RuntimeError) as e:
            self.error = str(e)
            return False
        if self.isCanceled():
            self.cancelled = True
            return False
        self.setProgress(100.0)
        return True

    def cancel(self):
        self.cancelled = True
        super().cancel()

    def finished(self, ok):  # main thread
        if self.on_done is not None:
            self.on_done(self, ok)
