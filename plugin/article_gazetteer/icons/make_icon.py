"""Draws icon.png (64x64): a newspaper page with a map pin. Run with the Python of QGIS:
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 make_icon.py
Only qgis.PyQt is used, as in the rest of the plugin."""

import os
import sys

from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen


def draw(path, size=64):
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64.0
    # The page, with a folded corner.
    page = QPainterPath()
    page.moveTo(8 * s, 4 * s)
    page.lineTo(40 * s, 4 * s)
    page.lineTo(50 * s, 14 * s)
    page.lineTo(50 * s, 58 * s)
    page.lineTo(8 * s, 58 * s)
    page.closeSubpath()
    p.setPen(QPen(QColor(60, 60, 60), 2 * s))
    p.setBrush(QColor(250, 250, 246))
    p.drawPath(page)
    # Lines of text.
    p.setPen(QPen(QColor(120, 120, 120), 2.4 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for y in (14, 21, 28, 35, 42, 49):
        p.drawLine(QPointF(14 * s, y * s), QPointF((36 if y == 14 else 44) * s, y * s))
    # A highlighted mention.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(255, 200, 90, 220))
    p.drawRoundedRect(QRectF(13 * s, 25.5 * s, 16 * s, 5 * s), 1.5 * s, 1.5 * s)
    # The pin.
    pin = QPainterPath()
    cx, cy, r = 46 * s, 36 * s, 11 * s
    pin.moveTo(cx, cy + 2.3 * r)
    pin.cubicTo(cx - 0.3 * r, cy + 1.4 * r, cx - r, cy + 0.8 * r, cx - r, cy)
    pin.arcTo(QRectF(cx - r, cy - r, 2 * r, 2 * r), 180, -180)
    pin.cubicTo(cx + r, cy + 0.8 * r, cx + 0.3 * r, cy + 1.4 * r, cx, cy + 2.3 * r)
    p.setPen(QPen(QColor(255, 255, 255), 1.6 * s))
    p.setBrush(QColor(214, 69, 65))
    p.drawPath(pin)
    p.setBrush(QColor(255, 255, 255))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(QPointF(cx, cy), 0.38 * r, 0.38 * r)
    p.end()
    if not image.save(path):
        raise SystemExit("cannot write " + path)


if __name__ == "__main__":
    app = QGuiApplication(sys.argv)
    draw(os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png"))
