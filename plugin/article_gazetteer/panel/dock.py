"""The article dock: paste or open an article, see its place mentions highlighted in the text,
click one to zoom to it, change a resolution from its alternatives (remembered per article, see
resolutions.py), and add the places and the itinerary to the map as styled layers.

The engine reports offsets in Unicode code points; QTextEdit counts UTF-16 code units, so the
two are mapped explicitly (they differ only for characters outside the Basic Multilingual Plane,
such as emoji).

Texts of TASK_MIN_CHARS and more are parsed in a QgsTask (article_task.py) with a progress bar
and a Cancel button, so that QGIS stays responsive; shorter ones, parsed in a blink, run inline
through the same task code."""

import bisect
import re

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsRectangle,
)
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QColor, QTextCharFormat, QTextCursor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import engine, map_builder
from .article_task import ArticleTask
from .mention_model import MentionModel
from .resolutions import ResolutionStore

PLUGIN_NAME = "Article Gazetteer"
_RESOLVED = QColor(255, 213, 128)
_ABSTAINED = QColor(215, 215, 215)
_SELECTED = QColor(255, 140, 0)
_NO_PLACE = "__none__"
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # characters QTextEdit counts twice
# From this length (code points; about 0.1 s of parsing) the work runs as a background QgsTask.
TASK_MIN_CHARS = 100_000
# Mentions are highlighted in slices of this many, one slice per turn of the event loop (about
# 25 ms each), so that the tens of thousands of a long article never hold the interface up.
HIGHLIGHT_SLICE = 2000


class ArticleDock(QgsDockWidget):
    """Article -> mentions -> places and itinerary layers."""

    def __init__(self, iface, parent=None, store=None):
        super().__init__(PLUGIN_NAME, parent)
        self.iface = iface
        self.store = store or ResolutionStore()
        self.article_id = "article"
        self.article = None      # engine GeoparseResult of the current text
        self.itinerary = None    # engine Itinerary, or None
        self.current = -1        # index of the selected mention
        self.task = None         # the running ArticleTask, if any
        self.last_run_ok = None  # outcome of the last run (True, False; None while running)
        self._file_text = None   # the text as read from the opened file, whose name is the id
        self._reselect = None    # (mention start, zoom) to select again after the next run
        self._cp_to_u16 = None  # code point -> UTF-16 offsets; None while they are equal
        self._updating = False
        self._selections = []    # the editor's highlight of each mention (QTextEdit.ExtraSelection)
        self._formats = []       # each highlight's unselected format
        self._shared_formats = {}  # (place name, country, confidence) -> format, for this article
        self._highlight_timer = QTimer(self)  # makes the next slice of highlights
        self._highlight_timer.setSingleShot(True)
        self._highlight_timer.setInterval(0)
        self._spans = None       # (UTF-16 starts, ends) of the mentions, made on first use

        body = QWidget(self)
        layout = QVBoxLayout(body)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open…"), body)
        self.run_button = QPushButton(self.tr("Find places"), body)
        self.map_button = QPushButton(self.tr("Add to map"), body)
        self.map_button.setEnabled(False)
        for button in (self.open_button, self.run_button, self.map_button):
            row.addWidget(button)
        layout.addLayout(row)

        traveller_row = QHBoxLayout()
        traveller_row.addWidget(QLabel(self.tr("Traveller:"), body))
        self.traveller = QLineEdit(body)
        self.traveller.setPlaceholderText(self.tr("who travels (empty: guess)"))
        traveller_row.addWidget(self.traveller)
        layout.addLayout(traveller_row)

        splitter = QSplitter(Qt.Orientation.Vertical, body)
        self.editor = QTextEdit(splitter)
        self.editor.setAcceptRichText(False)
        self.editor.setPlaceholderText(self.tr("Paste a news article here, or open a text file."))
        self.mention_model = MentionModel([self.tr("Mention"), self.tr("Place"), self.tr("Country"),
                                           self.tr("Confidence")], self.tr("(no place)"), self)
        self.mentions = QTreeView(splitter)
        self.mentions.setModel(self.mention_model)
        self.mentions.setRootIsDecorated(False)
        self.mentions.setUniformRowHeights(True)  # no row measured but the visible ones
        self.mentions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        layout.addWidget(splitter, 1)

        alt_row = QHBoxLayout()
        alt_row.addWidget(QLabel(self.tr("Resolution:"), body))
        self.alternatives = QComboBox(body)
        self.alternatives.setEnabled(False)
        alt_row.addWidget(self.alternatives, 1)
        layout.addLayout(alt_row)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar(body)
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(self.tr("Cancel"), body)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        self._show_progress(False)
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.setWidget(body)

        self._connections = [
            (self.open_button.clicked, self._open_clicked),
            (self.run_button.clicked, self._run_clicked),
            (self.map_button.clicked, self._map_clicked),
            (self.cancel_button.clicked, self.cancel),
            (self.editor.cursorPositionChanged, self._cursor_moved),
            (self.editor.textChanged, self._text_changed),
            (self.mentions.selectionModel().currentRowChanged, self._mention_row_changed),
            (self.alternatives.activated, self._alternative_activated),
            (self._highlight_timer.timeout, self._highlight_slice),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

    def close_panel(self):
        """Cancels running work and disconnects every signal connection made here (called by the
        plugin's unload())."""
        self.cancel()
        self._highlight_timer.stop()
        for signal, slot in self._connections:
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass
        self._connections = []
        map_builder.stop_watching()

    # --- public API (also used by tests and the screenshot script) -----------------------------

    def set_article(self, text, article_id="article"):
        """Shows `text` as the current article (no parsing yet)."""
        self.cancel()
        self.article_id = article_id or "article"
        self._updating = True
        self.editor.setPlainText(text)
        self._updating = False
        # As the editor holds it (it normalises line ends): later edits are compared with this.
        self._file_text = self.text() if article_id and article_id != "article" else None
        self._clear_results()

    def text(self):
        return self.editor.toPlainText()

    def run(self):
        """Geoparses the text (applying remembered resolutions) and extracts the itinerary.
        A text of TASK_MIN_CHARS or more runs as a QgsTask: returns True once it started, and
        the results arrive when it finishes (`task` is None again, `last_run_ok` says how it
        went). Otherwise returns True on success. Failures go to the message bar."""
        self.cancel()
        text = self.text()
        if not text.strip():
            self._message(self.tr("Paste or open an article first."), Qgis.MessageLevel.Warning)
            return False
        try:
            engine.index()
        except engine.EngineUnavailable as e:
            self._message(str(e), Qgis.MessageLevel.Critical)
            return False
        if self._file_text is not None and text != self._file_text:
            # The text is no longer the opened file's: its name no longer names it.
            self.article_id, self._file_text = "article", None
        self.last_run_ok = None
        task = ArticleTask(text, self.article_id, self.store.overrides(text) or None,
                           self.traveller.text().strip(), self._task_done)
        if len(text) < TASK_MIN_CHARS:
            task.finished(task.run())  # the same code, inline: a short text takes milliseconds
            return bool(self.last_run_ok)
        self.task = task
        task.progressChanged.connect(self._task_progress)
        self._show_progress(True)
        self.status.setText(self.tr("Finding places in {:,} characters…").format(len(text)))
        QgsApplication.taskManager().addTask(task)
        return True

    def cancel(self):
        """Cancels the running task, if any (its results are dropped)."""
        task, self.task = self.task, None
        if task is not None:
            task.on_done = None
            task.cancel()
            self._show_progress(False)
            self.status.setText(self.tr("Cancelled."))
            self.last_run_ok = False

    def _task_progress(self, value):
        self.progress.setValue(int(value))

    def _show_progress(self, running):
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.progress.setValue(0)
        self.run_button.setEnabled(not running)

    def _task_done(self, task, ok):
        if task is self.task:
            self.task = None
            self._show_progress(False)
        if task.cancelled or not ok:
            self._reselect = None
        if task.cancelled:
            self.status.setText(self.tr("Cancelled."))
            self.last_run_ok = False
            return
        if not ok:
            self._message(self.tr("Geoparsing failed: {}").format(task.error or "?"), Qgis.MessageLevel.Critical)
            self.last_run_ok = False
            return
        self.article = task.article
        self.itinerary = task.itinerary
        notes = " " + self.tr("No itinerary: {}").format(task.notes) if task.notes else ""
        self._build_offsets(task.text)
        self._fill_mentions()
        self._highlight()
        self.map_button.setEnabled(True)
        mentions = self.article.mentions
        summary = self.tr("{} mentions ({} resolved), {} places").format(
            # Resolved mentions from the places' tallies: reading every mention would convert them all.
            len(mentions), sum(p.count for p in self.article.places), len(self.article.places))
        if self.itinerary and self.itinerary.stops:
            summary += self.tr("; itinerary of {}: {}").format(
                self.itinerary.traveller or "?", " → ".join(s.name for s in self.itinerary.stops))
        self.status.setText(summary + "." + notes)
        self.last_run_ok = True
        if self._reselect is not None:
            start, zoom = self._reselect
            self._reselect = None
            for n, m in enumerate(mentions):
                if m.start == start:
                    self.select_mention(n, zoom=zoom)
                    break

    def select_mention(self, i, zoom=True):
        """Selects mention `i`: highlights it, shows its alternatives, zooms the map to its place."""
        if not self.article or not 0 <= i < len(self.article.mentions):
            return
        previous, self.current = self.current, i
        mention = self.article.mentions[i]
        self._updating = True
        self.mentions.setCurrentIndex(self.mention_model.index(i, 0))
        self._fill_alternatives(mention)
        self._scroll_to(mention)
        self._updating = False
        self._mark_selected(previous, i)
        if zoom and mention.place_id is not None:
            place = engine.index().place(mention.place_id)
            if place is not None:
                self.zoom_to(place)

    def choose_alternative(self, i, place_id):
        """Resolves mention `i` to `place_id` (None: no place), remembers the choice for this
        article and parses again so that places and itinerary follow; the mention stays selected."""
        mention = self.article.mentions[i]
        self.store.set(self.text(), mention.start, place_id)
        self._reselect = (mention.start, place_id is not None)
        self.run()

    def add_to_map(self):
        """Adds the article to the map (map_builder.add_article: its "stops", "legs", "places" and
        "mentions" layers in a group named after it, over the basemap, framed). Returns the
        layers of the group, top to bottom."""
        if self.article is None and not self.run():
            return []
        added = map_builder.add_article(self.article, self.itinerary, self._title(), self._canvas(),
                                        gazetteer_version=engine.index().gazetteer_version())
        return [added.layers[name] for name in map_builder.LAYER_ORDER if name in added.layers]

    def zoom_to(self, place):
        """Centres the map on a place (an engine Place, or a dict of its fields); countries and
        regions get a wider view."""
        half = 6.0 if engine.module().is_country_feature_code(place["feature_code"]) else \
            2.0 if place["feature_class"] in ("A", "H", "T", "L") else 0.3
        rect = QgsRectangle(place["lon"] - half, place["lat"] - half, place["lon"] + half, place["lat"] + half)
        self._set_extent(rect)

    # --- internals -----------------------------------------------------------------------------

    def _canvas(self):
        return self.iface.mapCanvas() if self.iface is not None else None

    def _set_extent(self, rect_4326):
        canvas = self._canvas()
        if canvas is None:
            return
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                           canvas.mapSettings().destinationCrs(), QgsProject.instance())
        try:
            canvas.setExtent(transform.transformBoundingBox(rect_4326))
        except Exception:  # QgsCsException: a view the map projection cannot show
            return
        canvas.refresh()

    def _title(self):
        if self.article_id and self.article_id != "article":
            return self.article_id
        first = self.text().strip().splitlines()[0] if self.text().strip() else "article"
        return first[:40] + ("…" if len(first) > 40 else "")

    def _message(self, text, level):
        self.status.setText(text)
        if self.iface is not None:
            self.iface.messageBar().pushMessage(PLUGIN_NAME, text, level, 6)

    def _clear_results(self):
        self.article = None
        self.itinerary = None
        self.current = -1
        self.mention_model.set_mentions([])
        self._highlight_timer.stop()
        self._selections, self._formats, self._spans = [], [], None
        self.alternatives.clear()
        self.alternatives.setEnabled(False)
        self.map_button.setEnabled(False)
        self.editor.setExtraSelections([])

    def _build_offsets(self, text):
        if not _ASTRAL.search(text):
            self._cp_to_u16 = None  # every character is one UTF-16 unit: offsets are equal
            return
        offsets = [0] * (len(text) + 1)
        u16 = 0
        for i, ch in enumerate(text):
            offsets[i] = u16
            u16 += 2 if ord(ch) > 0xFFFF else 1
        offsets[len(text)] = u16
        self._cp_to_u16 = offsets

    def _u16(self, cp):
        if self._cp_to_u16 is None:
            return cp
        return self._cp_to_u16[min(cp, len(self._cp_to_u16) - 1)]

    def _fill_mentions(self):
        self._updating = True
        self.mention_model.set_mentions(self.article.mentions)  # rows are read when shown
        self._spans = None
        self._updating = False

    def _fill_alternatives(self, mention):
        self.alternatives.clear()
        chosen = mention.place_id if mention.place_id is not None else _NO_PLACE
        ids = []
        for a in mention.alternatives:
            # The chosen place shows the number the list shows (the mention's confidence, 1.00
            # once the user chose it); the others their resolution score.
            number = mention.confidence if a.place_id == chosen else a.score
            label = "{} ({}{}) — {:.2f}".format(a.name, a.country or "?",
                                               ", " + a.feature_code if a.feature_code else "", number)
            self.alternatives.addItem(label, a.place_id)
            ids.append(a.place_id)
        if chosen != _NO_PLACE and chosen not in ids:
            self.alternatives.insertItem(0, "{} ({}) — {:.2f}".format(
                mention.name, mention.country or "?", mention.confidence), chosen)
            ids.insert(0, chosen)
        self.alternatives.addItem(self.tr("(no place)"), _NO_PLACE)
        ids.append(_NO_PLACE)
        self.alternatives.setCurrentIndex(ids.index(chosen))
        self.alternatives.setEnabled(True)

    def highlighting(self):
        """True while the highlights of the current results are still being made."""
        return self._highlight_timer.isActive()

    def _highlight(self):
        """Highlights every mention in the text: the first slice now, the others in the next
        turns of the event loop (HIGHLIGHT_SLICE)."""
        self._highlight_timer.stop()
        self._selections, self._formats, self._shared_formats = [], [], {}
        if not self.article:
            self.editor.setExtraSelections([])
            return
        self._highlight_slice()

    def _highlight_slice(self):
        """Highlights the next HIGHLIGHT_SLICE mentions. Mentions of one place with one confidence
        share a format (a long article repeats its places), so a highlight costs a cursor."""
        if not self.article:
            return
        mentions = self.article.mentions
        first = len(self._selections)
        last = min(first + HIGHLIGHT_SLICE, len(mentions))
        document = self.editor.document()
        shared = self._shared_formats
        u16 = self._u16
        keep_anchor = QTextCursor.MoveMode.KeepAnchor
        for m in mentions[first:last]:
            resolved = m.place_id is not None
            key = (m.name, m.country, m.confidence) if resolved else None
            fmt = shared.get(key)
            if fmt is None:
                fmt = QTextCharFormat()
                fmt.setBackground(_RESOLVED if resolved else _ABSTAINED)
                if resolved:
                    fmt.setToolTip("{} ({}) {:.2f}".format(m.name, m.country, m.confidence))
                shared[key] = fmt
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(u16(m.start))
            cursor.setPosition(u16(m.end), keep_anchor)
            selection.cursor = cursor
            selection.format = fmt
            self._selections.append(selection)
            self._formats.append(fmt)
        if last < len(mentions):
            self._highlight_timer.start()
            if first > 0:
                return  # the editor gets the middle slices with the last (handing it a list costs)
        self._mark_selected(-1, self.current)

    def _mark_selected(self, previous, current):
        """Moves the selected colour from mention `previous` to `current` (-1: none) and hands
        the highlights to the editor, without making them again."""
        if 0 <= previous < len(self._selections):
            self._selections[previous].format = self._formats[previous]
        if 0 <= current < len(self._selections):
            fmt = QTextCharFormat(self._formats[current])
            fmt.setBackground(_SELECTED)
            self._selections[current].format = fmt
        self.editor.setExtraSelections(self._selections)

    def _scroll_to(self, mention):
        """Shows the mention in the text: the cursor moves to its start (callers hold _updating,
        so the move does not select again)."""
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(self._u16(mention.start))
        if self.editor.textCursor().position() != cursor.position():
            self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()

    def _mention_at(self, u16_position):
        """The mention under a UTF-16 position of the editor, or -1 (mentions do not overlap and
        come in text order, so a binary search over their starts finds it)."""
        if not self.article:
            return -1
        if self._spans is None:
            mentions = self.article.mentions
            self._spans = ([self._u16(m.start) for m in mentions], [self._u16(m.end) for m in mentions])
        starts, ends = self._spans
        n = bisect.bisect_right(starts, u16_position) - 1
        return n if n >= 0 and u16_position < ends[n] else -1

    # --- slots ---------------------------------------------------------------------------------

    def _open_clicked(self):
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open article"), "",
                                              self.tr("Text files (*.txt);;All files (*)"))
        if path:
            self.open_file(path)

    def open_file(self, path):
        """Shows the article of a text file, named after the file, and finds its places."""
        try:
            with open(path, "rb") as f:
                data = f.read()
            # The engine's reader: refuses a binary file by name, repairs stray invalid bytes and
            # names the article as every face does.
            articles, replaced = engine.module().read_articles(data, path, format="text")
            article_id, text, _meta = articles[0]
        except OSError as e:
            self._message(self.tr("Cannot read {}: {}").format(path, e.strerror), Qgis.MessageLevel.Critical)
            return False
        except engine.EngineUnavailable as e:
            self._message(str(e), Qgis.MessageLevel.Critical)
            return False
        except ValueError as e:
            self._message(self.tr("Cannot open {}").format(e), Qgis.MessageLevel.Critical)
            return False
        if replaced:
            self._message(self.tr("{}: {} invalid UTF-8 sequence(s) replaced with \uFFFD.").format(path, replaced),
                          Qgis.MessageLevel.Warning)
        self.set_article(text, article_id)
        return self.run()

    def _run_clicked(self):
        self.run()

    def _map_clicked(self):
        self.add_to_map()

    def _cursor_moved(self):
        if self._updating or not self.article:
            return
        n = self._mention_at(self.editor.textCursor().position())
        if n >= 0 and n != self.current:
            self.select_mention(n)

    def _text_changed(self):
        if self._updating:
            return
        if self.task is not None:
            self.cancel()
        if self.article is not None:
            self._clear_results()
            self.status.setText(self.tr("Text changed: find places again."))

    def _mention_row_changed(self, current, _previous):
        if self._updating or not current.isValid():
            return
        self.select_mention(current.row())

    def _alternative_activated(self, row):
        if self._updating or self.current < 0:
            return
        place_id = self.alternatives.itemData(row)
        self.choose_alternative(self.current, None if place_id == _NO_PLACE else place_id)
