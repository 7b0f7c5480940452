"""The panel's list of mentions as a Qt model over the engine's GeoparseResult.

A long article has tens of thousands of mentions. A QTreeWidget needs an item per row, all made
before the list shows (about half a second for 24,000 rows); this model only holds the result's
list of Mention objects, which read their fields from the engine's result when asked, and a
QTreeView with uniform row heights asks only for the rows on screen (Qt's model/view
architecture: QAbstractItemModel.data() is called per visible cell)."""

from qgis.PyQt.QtCore import QAbstractTableModel, QModelIndex, Qt

_DISPLAY = Qt.ItemDataRole.DisplayRole


class MentionModel(QAbstractTableModel):
    """Rows: the mentions of one geoparse, in text order. Columns: the mention's text, its place's
    name (or `no_place`), the place's country and the confidence."""

    def __init__(self, headers, no_place, parent=None):
        super().__init__(parent)
        self._headers = list(headers)
        self._no_place = no_place
        self._mentions = []

    def set_mentions(self, mentions):
        """Shows `mentions` (a list of engine Mention objects; [] to empty the list)."""
        self.beginResetModel()
        self._mentions = mentions
        self.endResetModel()

    def mention(self, row):
        return self._mentions[row]

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._mentions)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index, role=_DISPLAY):
        if role != _DISPLAY or not index.isValid():
            return None
        m = self._mentions[index.row()]
        column = index.column()
        if column == 0:
            return m.text
        if column == 3:
            return "{:.2f}".format(m.confidence)
        if m.place_id is None:  # the geoparser abstained
            return self._no_place if column == 1 else ""
        return m.name if column == 1 else m.country

    def headerData(self, section, orientation, role=_DISPLAY):  # noqa: N802 (Qt API)
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None
