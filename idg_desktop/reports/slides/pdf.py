"""The slides as a PDF: 16:9 landscape pages, each slide's display list drawn
with reportlab at the page's scale (the same slides the window draws)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from idg_desktop.reports.fonts import SANS, font_for, has_arabic, register_fonts, visual
from idg_desktop.reports.slides.model import Box, Deck, Text
from idg_desktop.reports.slides.theme import Theme

#: The page: 13.33 × 7.5 inches, the projector's 16:9 (in points).
PAGE_HEIGHT = 540.0


def measure(text: str, bold: bool, size: float) -> float:
    """The width of ``text`` at ``size`` in the slides' units (reportlab's metrics)."""
    register_fonts()
    return stringWidth(visual(text), font_for(text, bold=bold), size)


def write_slides(path: Path, deck: Deck, theme: Theme, *, title: str = "") -> int:
    register_fonts()
    scale = PAGE_HEIGHT
    width = deck.aspect * scale
    canvas = Canvas(str(path), pagesize=(width, scale), pageCompression=1, initialFontName=SANS)
    canvas.setTitle(title)
    for slide in deck.slides:
        canvas.setFillColor(HexColor(theme.colour("background")))
        canvas.rect(0, 0, width, scale, stroke=0, fill=1)
        for item in slide.items:
            if isinstance(item, Box):
                _box(canvas, item, theme, scale)
            elif isinstance(item, Text):
                _text(canvas, item, theme, scale)
        canvas.showPage()
    canvas.save()
    return len(deck.slides)


def _box(canvas: Canvas, box: Box, theme: Theme, s: float) -> None:
    x, y, w, h = box.x * s, (1 - box.y - box.h) * s, box.w * s, box.h * s
    if box.fill:
        canvas.setFillColor(HexColor(theme.colour(box.fill)))
        canvas.rect(x, y, w, h, stroke=0, fill=1)
    if box.pattern != "none":
        _hatch(canvas, box.pattern, x, y, w, h, HexColor(theme.colour(box.pattern_colour)))
    if box.outline:
        canvas.saveState()
        canvas.setStrokeColor(HexColor(theme.colour(box.outline)))
        canvas.setLineWidth(3 if box.thick else 1)
        if box.dashed:
            canvas.setDash(4, 3)
        canvas.rect(x, y, w, h, stroke=1, fill=0)
        canvas.restoreState()


def _hatch(canvas: Canvas, pattern: str, x, y, w, h, colour) -> None:
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(x, y, w, h)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(1.2)
    step = 5.0
    lines = []
    if pattern in ("diagonal", "cross"):
        lines += [
            (x + i * step, y, x + i * step + h, y + h)
            for i in range(-int(h // step) - 1, int(w // step) + 1)
        ]
    if pattern in ("back-diagonal", "cross"):
        lines += [
            (x + i * step, y + h, x + i * step + h, y)
            for i in range(-int(h // step) - 1, int(w // step) + 1)
        ]
    if pattern == "horizontal":
        lines += [(x, y + i * step / 1.6, x + w, y + i * step / 1.6) for i in range(1, 8)]
    if pattern == "vertical":
        lines += [(x + i * step, y, x + i * step, y + h) for i in range(int(w // step) + 1)]
    canvas.lines(lines)
    canvas.restoreState()


def _text(canvas: Canvas, text: Text, theme: Theme, s: float) -> None:
    shown = visual(text.text)
    font = font_for(text.text, bold=text.bold)
    size = text.size * s
    canvas.setFillColor(HexColor(theme.colour(text.colour)))
    canvas.setFont(font, size)
    x, y, width = text.x * s, (1 - text.y) * s, text.width * s
    align = text.align
    if align == "left" and has_arabic(text.text) and not _latin_first(text.text):
        align = "right"  # a right-to-left line sits at the right of its box
    if align == "center":
        canvas.drawCentredString(x + width / 2, y, shown)
    elif align == "right":
        canvas.drawRightString(x + width, y, shown)
    else:
        canvas.drawString(x, y, shown)


def _latin_first(text: str) -> bool:
    for char in text:
        if char.isalpha():
            return not has_arabic(char)
    return True
