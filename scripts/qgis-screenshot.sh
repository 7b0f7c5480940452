#!/usr/bin/env bash
# Screenshot of the QGIS plugin at work: real QGIS desktop under Xvfb, a throwaway profile with the
# plugin zip installed, the article panel showing an article (mentions highlighted, one selected
# with its alternatives) and its itinerary and places on the map as Add to map leaves them.
#   scripts/qgis-screenshot.sh [BUILD_DIR] [OUT_PNG] [ARTICLE]
# BUILD_DIR defaults to build/ (it must hold plugin/article_gazetteer-<version>.zip: target
# plugin_zip). ARTICLE defaults to the seed article, read from $GAZETTEER_SHARED_DIR or ../shared
# beside the checkout, never copied. The seed article is copyrighted and the panel shows its text,
# so the committed docs/qgis-screenshot.png is made from one of the project's own sample texts:
#   scripts/qgis-screenshot.sh build docs/qgis-screenshot.png data/samples/siberian-rail.txt
# Exit codes: 0 ok, 1 failure, 2 usage.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -gt 3 ]; then
  echo "usage: $0 [BUILD_DIR] [OUT_PNG] [ARTICLE]" >&2
  exit 2
fi
build=$(cd "${1:-$here/build}" && pwd)
out=${2:-$here/docs/qgis-screenshot.png}
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

shopt -s nullglob
zips=("$build"/plugin/article_gazetteer-*.zip)
shopt -u nullglob
zip=""
[ ${#zips[@]} -eq 0 ] || zip=${zips[${#zips[@]}-1]}
if [ -z "$zip" ]; then
  echo "qgis-screenshot: no plugin zip in $build/plugin (build the plugin_zip target)" >&2
  exit 1
fi
shared=${GAZETTEER_SHARED_DIR:-$here/../shared}
article=${3:-$shared/articles/kim-putin-vostochny-2023.txt}
case "$article" in /*) ;; *) article="$PWD/$article" ;; esac
if [ ! -f "$article" ]; then
  echo "qgis-screenshot: article $article not found (name one, or set GAZETTEER_SHARED_DIR for the seed article)" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
profile="$tmp/profiles/default"
bash "$here/scripts/install-plugin.sh" "$zip" "$profile" >/dev/null
mkdir -p "$profile/QGIS"
cat > "$profile/QGIS/QGIS3.ini" <<'INI'
[PythonPlugins]
article_gazetteer=true

[qgis]
checkVersion=false
showTips322=false
allowVersionCheck=false

[core]
NewsFeed\httpsfeedqgisorg\disabled=true
INI

cat > "$tmp/shot.py" <<'PY'
import os
import sys
import traceback

from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface
import qgis.utils

def prepare():
    global window
    window = iface.mainWindow()
    window.resize(1600, 1000)
    window.showMaximized()
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QDockWidget
    for other in window.findChildren(QDockWidget):
        if other.objectName().startswith("Browser"):
            other.hide()  # more room for the map
        elif other.objectName() == "Layers":
            window.resizeDocks([other], [230], Qt.Orientation.Horizontal)

    if "article_gazetteer" not in qgis.utils.active_plugins:
        qgis.utils.loadPlugin("article_gazetteer")
        qgis.utils.startPlugin("article_gazetteer")
    plugin = qgis.utils.plugins["article_gazetteer"]
    dock = plugin.dock

    with open(os.environ["SHOT_ARTICLE"], encoding="utf-8") as f:
        text = f.read()
    dock.show()
    dock.setMinimumWidth(560)
    dock.set_article(text, os.path.splitext(os.path.basename(os.environ["SHOT_ARTICLE"]))[0])
    dock.run()
    dock.add_to_map()
    for n, m in enumerate(dock.article["mentions"]):
        if m["text"].startswith(os.environ.get("SHOT_SELECT", "Vostochny")):
            dock.select_mention(n, zoom=False)
            dock.mentions.scrollTo(dock.mentions.model().index(n, 0))
            cursor = dock.editor.textCursor()
            cursor.setPosition(dock._u16(m["start"]))
            dock._updating = True
            dock.editor.setTextCursor(cursor)
            dock._updating = False
            dock.editor.ensureCursorVisible()
            break
    iface.messageBar().clearWidgets()
    return dock


def zoom_and_shoot(dock):
    # Add to map has framed the journey over its basemap by now (map_builder.py): just wait for
    # the canvas to draw it.
    canvas = iface.mapCanvas()
    canvas.mapCanvasRefreshed.connect(lambda: QTimer.singleShot(1000, shoot))
    canvas.refreshAllLayers()

window = None


def shoot():
    out = os.environ["SHOT_OUT"]
    image = window.grab()
    ok = image.save(out)
    print("qgis-screenshot: wrote" if ok else "qgis-screenshot: could not write", out, flush=True)
    os._exit(0 if ok else 1)


def start():
    try:
        dock = prepare()
    except Exception:
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)
    QTimer.singleShot(1500, lambda: zoom_and_shoot(dock))
    QTimer.singleShot(30000, shoot)  # at the latest


# --code runs before QGIS has loaded the enabled plugins: start once the event loop runs.
QTimer.singleShot(2000, start)
PY

mkdir -p "$(dirname "$out")"
rm -f "$out"
timeout 120 xvfb-run -a -s "-screen 0 1600x1000x24" \
  env QT_QPA_PLATFORM=xcb SHOT_OUT="$out" SHOT_ARTICLE="$article" \
      GAZETTEER_INDEX= \
  qgis --profiles-path "$tmp" --profile default --nologo --noversioncheck --code "$tmp/shot.py" \
  >"$tmp/qgis.log" 2>&1 || true
if [ ! -s "$out" ]; then
  echo "qgis-screenshot: QGIS did not write $out; its log:" >&2
  tail -n 40 "$tmp/qgis.log" >&2
  exit 1
fi
echo "wrote $out"
