#!/usr/bin/python3
"""How long the QGIS article panel holds the interface when a long article's results arrive:
the work ArticleDock does on the main thread once the background task is done (listing the
mentions, highlighting them in the text, the summary line). Printed: the time until all is shown,
and the longest single step the event loop waited for (the panel may spread its work over
several turns of the loop; nothing can interrupt a step).

    QT_QPA_PLATFORM=offscreen bench/panel_fill.py [--build DIR] [--plugin DIR] [--megabytes N] [--runs N]

The article is generated here (a paragraph of travel news written for this script, repeated to
--megabytes MB, as tests/qgis/test_panel.py does) and geoparsed once; then the panel is handed the
results --runs times, each timed alone, median and min printed. --plugin and --build may point at
another checkout's plugin/ and build/ to compare before and after on the same machine at the same
moment. Exit 77 when QGIS, the module or the index is missing.
"""

import argparse
import glob
import os
import statistics
import sys
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SKIP = 77

PARAGRAPH = ("Officials said the delegation flew from Vladivostok to Pyongyang on Monday, then went on by "
             "road to Kaesong.\nSeoul did not comment. The minister later travelled from Moscow to "
             "Khabarovsk by train, met officials in Beijing and returned to Vladivostok on Friday.\n"
             + "Analysts expect further talks on trade and security in the coming months. " * 20 + "\n\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--plugin", default=os.path.join(ROOT, "plugin"), help="folder holding article_gazetteer/")
    ap.add_argument("--index", default=None, help="default: BUILD/share/gazetteer/default.gzidx")
    ap.add_argument("--megabytes", type=int, default=5)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    modules = glob.glob(os.path.join(args.build, "python", "_gazetteer_engine*.so"))
    index_path = args.index or os.path.join(args.build, "share", "gazetteer", "default.gzidx")
    if not modules or not os.path.exists(index_path):
        print("no module under {}/python or no index at {}".format(args.build, index_path), file=sys.stderr)
        return SKIP
    try:
        from qgis.core import QgsApplication
    except ImportError:
        print("no qgis module in this Python (run with /usr/bin/python3)", file=sys.stderr)
        return SKIP
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["GAZETTEER_INDEX"] = index_path
    sys.path.insert(0, os.path.dirname(modules[0]))
    sys.path.insert(0, os.path.abspath(args.plugin))
    app = QgsApplication([], True)
    app.initQgis()

    from article_gazetteer import engine
    from article_gazetteer.panel.dock import ArticleDock

    text = PARAGRAPH * (args.megabytes * 1024 * 1024 // len(PARAGRAPH) + 1)
    index = engine.index()
    t0 = time.perf_counter()
    article = index.geoparse(text, id="bench")
    itinerary = index.itinerary(text)
    parse_s = time.perf_counter() - t0
    print("command: " + " ".join([sys.executable] + sys.argv))
    print("plugin: {}; module: {} ({})".format(os.path.abspath(args.plugin), modules[0],
                                              type(article).__name__))
    print("article: {:.1f} MB, {} mentions, {} places; parse and itinerary in the task: {:.1f} s".format(
        len(text.encode()) / 1e6, len(article["mentions"]), len(article["places"]), parse_s))

    dock = ArticleDock(None)
    dock.set_article(text, "bench")
    times, blocked = [], []
    for _ in range(args.runs):
        # The finished task as ArticleDock._task_done receives it (panel/article_task.py).
        task = types.SimpleNamespace(article=index.geoparse(text, id="bench"), itinerary=itinerary, notes=None,
                                     text=text, cancelled=False, error=None)
        t0 = time.perf_counter()
        dock._task_done(task, True)
        app.processEvents()
        t1 = time.perf_counter()
        steps = [t1 - t0]
        # Later slices of work, if the panel spreads it over turns of the event loop.
        while getattr(dock, "highlighting", lambda: False)():
            t = time.perf_counter()
            app.processEvents()
            steps.append(time.perf_counter() - t)
        times.append(time.perf_counter() - t0)
        blocked.append(max(steps))
    print("panel: results shown in {:.3f} s median, {:.3f} s min; the interface held up at most {:.3f} s at a time "
          "(median) ({} runs; list {} rows, {} highlights)".format(
              statistics.median(times), min(times), statistics.median(blocked), args.runs,
              dock.mentions.model().rowCount(), len(dock.editor.extraSelections())))
    dock.close_panel()
    sys.stdout.flush()
    os._exit(0)  # QGIS destructors at interpreter exit are not ordered in standalone scripts


if __name__ == "__main__":
    sys.exit(main())
