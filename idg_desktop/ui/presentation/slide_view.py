"""One slide of ``reports/slides`` drawn with QPainter, scaled to the widget's
height (the slide's units: height 1, width the aspect), centred with bars of
the background colour left and right when the screen is wider than the slide.

The view records the font pixel sizes it actually used while painting
(``used_sizes``: body and titles), so the legibility floor of issue 13 is
measured, not asserted. ``blank`` ("black" / "white") paints the whole screen
one colour (B or "." and W on the presentation window).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontInfo,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QWidget

from idg_desktop.reports.slides.model import Box, Slide, Text
from idg_desktop.reports.slides.theme import LIGHT, Theme

#: The slide model's pattern names, as Qt brush styles.
PATTERNS = {
    "cross": Qt.BrushStyle.DiagCrossPattern,
    "diagonal": Qt.BrushStyle.BDiagPattern,
    "back-diagonal": Qt.BrushStyle.FDiagPattern,
    "horizontal": Qt.BrushStyle.HorPattern,
    "vertical": Qt.BrushStyle.VerPattern,
}

#: The height at which the deck's text is measured (the model is in units of
#: the slide's height; a large reference keeps hinting out of the widths).
REFERENCE = 1000.0

#: The blank screens: what B / "." and W show (not theme roles: a projector's
#: black is black).
BLANKS = {"black": QColor(Qt.GlobalColor.black), "white": QColor(Qt.GlobalColor.white)}


@cache
def family() -> str:
    """The slides' face: the Noto Sans the PDF embeds (and Naskh for Arabic),
    loaded into Qt once; the application's font if the files are missing."""
    from idg_desktop.resources import resource_path

    # The laptop's window keeps the face it resolved to: once these files are
    # loaded, a generic "Sans Serif" may resolve to Noto Sans instead, and the
    # window changed its type (wider, columns cut) after the first F5.
    app = QGuiApplication.instance()
    if app is not None:
        kept = QGuiApplication.font()
        resolved = QFontInfo(kept).family()
        if resolved and resolved != kept.family():
            kept.setFamily(resolved)
            QGuiApplication.setFont(kept)
    name = ""
    for file in (
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoNaskhArabic-Regular.ttf",
        "NotoNaskhArabic-Bold.ttf",
    ):
        loaded = QFontDatabase.addApplicationFont(str(resource_path("fonts", file)))
        families = QFontDatabase.applicationFontFamilies(loaded) if loaded >= 0 else []
        if families and not name:
            name = families[0]
    return name or QFont().family()


def font(size_px: float, bold: bool) -> QFont:
    return _font(max(1, round(size_px)), bold)


@cache
def _font(pixels: int, bold: bool) -> QFont:
    """One face per pixel size and weight (a slide uses a handful; QPainter
    copies the font it is given, so the cached one is never changed)."""
    face = QFont(family())
    face.setPixelSize(pixels)
    face.setBold(bold)
    return face


@cache
def _metrics(pixels: int, bold: bool) -> QFontMetricsF:
    return QFontMetricsF(_font(pixels, bold))


def measure(text: str, bold: bool, size: float) -> float:
    """The model's ``Measure`` with Qt's metrics (at the reference height)."""
    return measure_at(REFERENCE)(text, bold, size)


@cache
def measure_at(height: float):
    """The model's ``Measure`` at the screen's height: the widths of the font
    sizes actually drawn there (hinting makes small sizes a little wider), so a
    line broken by the model never runs past its box on the screen."""

    def measure(text: str, bold: bool, size: float) -> float:
        return _metrics(max(1, round(size * height)), bold).horizontalAdvance(text) / height

    return measure


@lru_cache(maxsize=4096)  # the lines of a deck; edits make new ones, so bounded
def right_to_left(text: str) -> bool:
    from idg_desktop.reports.slides.pdf import right_to_left as rtl

    return rtl(text)


class SlideView(QWidget):
    """Draws one :class:`Slide` in a :class:`Theme`; nothing else.

    A slide is drawn once into a pixmap at the widget's size and kept, so
    showing it again (going back, the timer's corner changing each second) only
    copies the pixmap; :meth:`prerender` draws the next slide ahead while the
    room reads the current one. What changes on top of a slide (the countdown)
    is the ``overlay``, drawn directly."""

    #: Pixmaps kept: the slide shown, the next, the previous and a spare.
    KEEP = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base: Slide | None = None  # the slide as the deck has it (drawn once, kept)
        self.overlay: tuple[Box | Text, ...] = ()
        self.slide: Slide | None = None  # what the room sees: the base and its overlay
        self.theme: Theme = LIGHT
        self.aspect = 16 / 9
        self.blank = ""  # "", "black" or "white"
        #: ``(pixel size, bold, model size)`` of every line drawn for the slide shown.
        self.used_sizes: list[tuple[int, bool, float]] = []
        self._drawn: dict[tuple, tuple[QPixmap, list[tuple[int, bool, float]]]] = {}
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(self.tr("Slide"))

    def show_slide(
        self,
        slide: Slide | None,
        theme: Theme,
        aspect: float,
        overlay: tuple[Box | Text, ...] = (),
    ) -> None:
        self.base, self.theme, self.aspect, self.overlay = slide, theme, aspect, overlay
        self.slide = replace(slide, items=slide.items + overlay) if slide and overlay else slide
        self.setAccessibleDescription(slide.title if slide is not None else "")
        self.update()

    def set_blank(self, blank: str) -> None:
        self.blank = blank
        self.update()

    def scale(self) -> tuple[float, float, float]:
        """``(pixels per unit, left offset, top offset)``: the slide's height
        fills the widget's, unless the widget is narrower than the slide."""
        h = float(self.height())
        s = min(h, self.width() / self.aspect)
        return s, (self.width() - self.aspect * s) / 2, (h - s) / 2

    def prerender(self, slide: Slide | None) -> None:
        """Draw ``slide`` ahead (the next one), so showing it costs a copy."""
        if slide is not None and self.isVisible():
            self._pixmap(slide)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self.blank:
            painter.fillRect(self.rect(), BLANKS[self.blank])
            self.used_sizes = []
            return
        if self.base is None:
            painter.fillRect(self.rect(), QColor(self.theme.colour("background")))
            self.used_sizes = []
            return
        pixmap, used = self._pixmap(self.base)
        painter.drawPixmap(0, 0, pixmap)
        self.used_sizes = list(used)
        if self.overlay:
            self._draw(painter, self.overlay, self.used_sizes)
        painter.end()

    def _pixmap(self, slide: Slide) -> tuple[QPixmap, list[tuple[int, bool, float]]]:
        key = (slide, self.theme.name, self.aspect, self.width(), self.height())
        found = self._drawn.pop(key, None)
        if found is None:
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(QColor(self.theme.colour("background")))
            used: list[tuple[int, bool, float]] = []
            painter = QPainter(pixmap)
            self._draw(painter, slide.items, used)
            painter.end()
            found = (pixmap, used)
        self._drawn[key] = found  # the most recent last
        while len(self._drawn) > self.KEEP:
            self._drawn.pop(next(iter(self._drawn)))
        return found

    def _draw(self, painter: QPainter, items, used: list[tuple[int, bool, float]]) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        s, dx, dy = self.scale()
        painter.save()
        painter.translate(dx, dy)
        for item in items:
            if isinstance(item, Box):
                self._box(painter, item, s)
            elif isinstance(item, Text):
                self._text(painter, item, s, used)
        painter.restore()

    def _colour(self, role: str) -> QColor:
        return QColor(self.theme.colour(role))

    def _box(self, painter: QPainter, box: Box, s: float) -> None:
        rect = QRectF(box.x * s, box.y * s, box.w * s, box.h * s)
        if box.fill:
            painter.fillRect(rect, self._colour(box.fill))
        if box.pattern in PATTERNS:
            brush = QBrush(self._colour(box.pattern_colour), PATTERNS[box.pattern])
            # The hatching at the projector's scale: lines a few pixels apart.
            brush.setTransform(brush.transform().scale(max(1.0, s / 400), max(1.0, s / 400)))
            painter.fillRect(rect, brush)
        if box.outline:
            pen = QPen(self._colour(box.outline))
            pen.setWidthF(max(1.0, s * (0.005 if box.thick else 0.0018)))
            if box.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)

    def _text(self, painter: QPainter, text: Text, s: float, used: list) -> None:
        pixels = max(1, round(text.size * s))
        used.append((pixels, text.bold, text.size))
        painter.setFont(_font(pixels, text.bold))
        painter.setPen(self._colour(text.colour))
        used = _metrics(pixels, text.bold).horizontalAdvance(text.text)
        x = text.start(s, used, right_to_left)
        painter.drawText(QPointF(x, text.y * s), text.text)
