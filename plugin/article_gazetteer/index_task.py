"""Builds the gazetteer index once, in the background, from the pinned sources the plugin
repository's zip carries instead of the 100 MB index (engine.bundled_sources()): the same
sources and the same engine code as `gazetteer build --data DIR --places CSV...`, so the same
index. It is written atomically into the QGIS profile (engine.built_index_path())."""

import os

from qgis.core import Qgis, QgsMessageLog, QgsTask

from . import engine

PLUGIN_NAME = "Article Gazetteer"


class IndexBuildTask(QgsTask):
    """Outcome in `report` (the engine's counts) or `error`; `on_done(task, ok)` in the main thread."""

    def __init__(self, manifest, curated, output, on_done=None):
        super().__init__("Article Gazetteer: building the gazetteer index (once)", QgsTask.Flag.CanCancel)
        self.manifest = manifest
        self.curated = curated
        self.output = output
        self.on_done = on_done
        self.report = None
        self.error = None
        self._stages = []

    def _progress(self, stage, done, total):
        # Stages arrive in order; each gets an equal share of the bar (their number is unknown
        # beforehand: about ten).
        if not self._stages or self._stages[-1] != stage:
            self._stages.append(stage)
        within = done / total if total else 0.0
        self.setProgress(min(99.0, 100.0 * (1 - 0.9 ** (len(self._stages) - 1 + within))))

    def run(self):
        try:
            os.makedirs(os.path.dirname(self.output), exist_ok=True)
            self.report = engine.module().build_index(self.manifest, self.curated, self.output,
                                                      progress=self._progress)
        except engine.EngineUnavailable as e:
            self.error = str(e)
            return False
        except (OSError, ValueError, RuntimeError) as e:
            self.error = str(e)
            return False
        return True

    def finished(self, ok):  # main thread
        if ok:
            engine.reset()
            QgsMessageLog.logMessage("Index built: {} ({:,} places)".format(self.output, self.report["places"]),
                                     PLUGIN_NAME, Qgis.MessageLevel.Info)
        if self.on_done is not None:
            self.on_done(self, ok)


def start_build(on_done=None):
    """Starts building the index from the bundled sources; returns the task, or None when there is
    nothing to build from."""
    from qgis.core import QgsApplication

    sources = engine.bundled_sources()
    if sources is None:
        return None
    manifest, curated = sources
    task = IndexBuildTask(manifest, curated, engine.built_index_path(), on_done)
    QgsApplication.taskManager().addTask(task)
    return task
