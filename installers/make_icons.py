"""Render the application's icon from resources/icons/idg-workshop.svg into the
raster files the installers need: a 256-pixel PNG (Linux), an .ico (Windows)
and an .icns (macOS). Run once after editing the SVG; the results are kept in
the repository so a build needs no drawing tools.

    QT_QPA_PLATFORM=offscreen .venv/bin/python installers/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "idg-workshop.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    for name, size, kind in (
        ("idg-workshop.png", 256, "PNG"),
        ("idg-workshop.ico", 256, "ICO"),
        ("idg-workshop.icns", 512, "ICNS"),
    ):
        if not render(size).save(str(ICONS / name), kind):
            print(f"cannot write {name}", file=sys.stderr)
            return 1
        print(f"wrote {ICONS / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
