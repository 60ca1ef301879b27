"""The slides as a PDF: 16:9 landscape pages, each slide's display list drawn
with reportlab at the page's scale (the same slides the window draws)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from idg_desktop.reports.fonts import (
    _ARABIC_RUN,
    ARABIC,
    ARABIC_BOLD,
    LETTERS,
    SANS,
    SANS_BOLD,
    font_for,
    has_arabic,
    register_fonts,
)
from idg_desktop.reports.rtl import display_order
from idg_desktop.reports.slides.model import Box, Deck, Text
from idg_desktop.reports.slides.theme import Theme

#: The page: 13.33 × 7.5 inches, the projector's 16:9 (in points).
PAGE_HEIGHT = 540.0
LETTER = re.compile(f"[{LETTERS}]")


def measure(text: str, bold: bool, size: float) -> float:
    """The width of ``text`` at ``size`` in the slides' units (reportlab's metrics)."""
    register_fonts()
    return sum(stringWidth(run, font, size) for font, run in runs(text, bold))


@cache
def runs(text: str, bold: bool) -> tuple[tuple[str, str], ...]:
    """``(font, text)`` pieces of one line in display order: Arabic runs shaped
    in the Arabic font, the rest (Latin, Greek, Cyrillic) in Noto Sans, the
    line reordered by the bidi algorithm (right to left where Arabic letters
    outnumber the others, as in ``rtl.py``)."""
    if not has_arabic(text):
        return ((font_for(text, bold=bold), text),)
    import arabic_reshaper

    pieces: list[tuple[int, str]] = []
    last = 0
    for match in _ARABIC_RUN.finditer(text):
        pieces += [(0, text[last : match.start()]), (1, arabic_reshaper.reshape(match.group(0)))]
        last = match.end()
    pieces.append((0, text[last:]))
    arabic = sum(len(LETTER.findall(t)) for owner, t in pieces if owner)
    others = sum(c.isalpha() for owner, t in pieces if not owner for c in t)
    faces = (SANS_BOLD if bold else SANS, ARABIC_BOLD if bold else ARABIC)
    ordered = display_order([p for p in pieces if p[1]], 1 if arabic > others else 0)
    return tuple((faces[owner], part) for owner, part in ordered)


def right_to_left(text: str) -> bool:
    if not has_arabic(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return sum(bool(LETTER.match(c)) for c in letters) * 2 > len(letters)


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
    size = text.size * s
    canvas.setFillColor(HexColor(theme.colour(text.colour)))
    x = text.start(s, measure(text.text, text.bold, size), right_to_left)
    y = (1 - text.y) * s
    for font, part in runs(text.text, text.bold):
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += stringWidth(part, font, size)
