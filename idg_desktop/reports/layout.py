"""The shared look of every report's content: styles, paragraphs, headings,
the table of contents and tables. The page around them (paper, header,
footer, "Page x of y") is ``reports/pages.py``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    LongTable,
    Paragraph,
    Spacer,
    TableStyle,
)

from idg_desktop.reports.fonts import SANS, SANS_BOLD, SANS_ITALIC, markup, register_fonts
from idg_desktop.reports.rtl import BidiParagraph, needs_bidi
from idg_desktop.reports.words import INK, MUTED, RULE

INK_COLOUR = colors.HexColor(INK)
MUTED_COLOUR = colors.HexColor(MUTED)
RULE_COLOUR = colors.HexColor(RULE)
HEAD_FILL = colors.HexColor("#e9eef3")


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("Body", fontName=SANS, fontSize=10, leading=13.5, spaceAfter=5)
    # the headings' look: bold, in the house ink
    inked = ParagraphStyle("Inked", body, fontName=SANS_BOLD, textColor=INK_COLOUR)
    return {
        "body": body,
        "small": ParagraphStyle("Small", body, fontSize=8.5, leading=11, spaceAfter=2),
        "muted": ParagraphStyle(
            "Muted", body, fontName=SANS_ITALIC, fontSize=9, leading=12, textColor=MUTED_COLOUR
        ),
        "answer": ParagraphStyle("Answer", body, spaceAfter=7),
        "answerhead": ParagraphStyle("AnswerHead", body, spaceAfter=1.5),
        "answertext": ParagraphStyle("AnswerText", body, fontSize=8.5, leading=11, spaceAfter=1.5),
        "cell": ParagraphStyle("Cell", body, fontSize=9, leading=11.5, spaceAfter=0),
        "cellbold": ParagraphStyle(
            "CellBold", body, fontName=SANS_BOLD, fontSize=9, leading=11.5, spaceAfter=0
        ),
        "head": ParagraphStyle("Head", inked, fontSize=8.5, leading=11, spaceAfter=0),
        "h1": ParagraphStyle("H1", inked, fontSize=16, leading=20, spaceBefore=4, spaceAfter=10),
        "h2": ParagraphStyle(
            "H2", inked, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=5, keepWithNext=1
        ),
        "h3": ParagraphStyle(
            "H3",
            body,
            fontName=SANS_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "title": ParagraphStyle("Title", inked, fontSize=24, leading=30, spaceAfter=14),
        "subtitle": ParagraphStyle("Subtitle", body, fontSize=13, leading=18, spaceAfter=6),
        "centre": ParagraphStyle("Centre", body, alignment=TA_CENTER),
        "toc1": ParagraphStyle("TOC1", body, fontSize=10.5, leading=16, leftIndent=0),
        "toc2": ParagraphStyle("TOC2", body, fontSize=9.5, leading=13, leftIndent=14),
    }


@dataclass
class PageInfo:
    """What the footer prints and what the self-check compares with."""

    title: str
    confidentiality: str
    pages: int = 0
    notes: dict = field(default_factory=dict)


def fit(text: str, font: str, size: float, width: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


STYLES: dict[str, ParagraphStyle] = {}
_KEYS = itertools.count(1)


def styles() -> dict[str, ParagraphStyle]:
    if not STYLES:
        register_fonts()
        STYLES.update(_styles())
    return STYLES


def para(text: object, style: str = "body", *, bold: bool = False) -> Paragraph:
    return rich(markup(text, bold=bold or style in ("cellbold", "head", "h1", "h2", "h3")), style)


def rich(fragments: str, style: str = "body") -> Paragraph:
    """A Paragraph from markup already built with :func:`markup`; one holding
    Arabic (still in logical order) is a :class:`BidiParagraph`."""
    if needs_bidi(fragments):
        return BidiParagraph(fragments, styles()[style])
    return Paragraph(fragments, styles()[style])


def heading(text: str, level: int = 1, *, toc: bool = True) -> Paragraph:
    item = para(text, f"h{level}")
    if toc and level <= 2:
        item.toc_level = level - 1
        item.toc_text = text
        item.toc_key = f"h{next(_KEYS)}"
    return item


class Contents(Flowable):
    """A table of contents laid out in the one and only pass.

    Its entries (the headings) are known before the build, only their pages
    are not: it takes its final size at once and draws a PDF form that is
    filled in when the canvas is saved, when every page is known (the way
    "page x of y" is done). reportlab's ``TableOfContents`` needs a second
    (often a third) full layout pass instead, which doubled the report's time.
    """

    LEADING = (17.0, 13.5)
    SIZE = (10.5, 9.5)
    INDENT = (0.0, 14.0)

    def __init__(self, entries: list | None = None, info: PageInfo | None = None) -> None:
        super().__init__()
        self.entries = entries or []
        self.info = info

    def _height(self, entries) -> float:
        return sum(self.LEADING[min(level, 1)] for level, _, _ in entries)

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self._height(self.entries)

    def split(self, available_width, available_height):
        used, cut = 0.0, 0
        for level, _, _ in self.entries:
            if used + self.LEADING[min(level, 1)] > available_height:
                break
            used += self.LEADING[min(level, 1)]
            cut += 1
        if cut == 0 or cut == len(self.entries):
            return [] if cut == 0 else [self]
        return [Contents(self.entries[:cut], self.info), Contents(self.entries[cut:], self.info)]

    def draw(self) -> None:
        self.form = f"contents{len(self.info.notes['toc']) + 1}"
        self.info.notes["toc"].append(self)
        self.canv.doForm(self.form)
        y = self._height(self.entries)
        for level, _, key in self.entries:  # each line links to its heading
            y -= self.LEADING[min(level, 1)]
            self.canv.linkRect(
                "", key, (0, y, self.width, y + self.LEADING[min(level, 1)]), relative=1
            )

    def define_form(self, canvas: Canvas, pages: dict) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        from idg_desktop.reports.fonts import font_for, visual

        height = self._height(self.entries)
        canvas.beginForm(self.form, 0, 0, self.width, height)
        y = height
        for level, text, key in self.entries:
            level = min(level, 1)
            y -= self.LEADING[level]
            size, x = self.SIZE[level], self.INDENT[level]
            number = str(pages.get(key, ""))
            shown = visual(text)
            font = font_for(shown, bold=level == 0)
            room = self.width - x - stringWidth(number, SANS, size) - 24
            shown = fit(shown, font, size, room)
            canvas.setFillColor(INK_COLOUR if level == 0 else colors.black)
            canvas.setFont(font, size)
            canvas.drawString(x, y + 4, shown)
            canvas.setFont(SANS, size)
            canvas.drawRightString(self.width, y + 4, number)
            start = x + stringWidth(shown, font, size) + 6
            end = self.width - stringWidth(number, SANS, size) - 6
            canvas.setFillColor(MUTED_COLOUR)
            dot = stringWidth(" .", SANS, size)
            if end > start:
                canvas.drawRightString(end, y + 4, " ." * int((end - start) / dot))
        canvas.endForm()


def toc() -> Contents:
    return Contents()


def table(
    rows: list[list], widths: list[float], *, header: bool = True, extra: list | None = None
) -> LongTable:
    """A table with light rules and a repeated header row; ``widths`` are fractions
    of ``total`` set by :func:`sized` (column widths as fractions of the frame)."""
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE_COLOUR),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK_COLOUR),
        ]
    commands += _kept_ends(len(rows), header)
    result = KeptTable(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    result.setStyle(TableStyle(commands + (extra or [])))
    return result


def _kept_ends(count: int, header: bool) -> list:
    """NOSPLIT ranges so no page holds one row of the table alone: the header
    goes with the first two rows, and the last two rows go together."""
    first = 1 if header else 0  # the first row of content
    if count - first < 2:
        return [("NOSPLIT", (0, 0), (-1, count - 1))] if count > 1 else []
    kept = [("NOSPLIT", (0, 0), (-1, first + 1))]
    if count - first >= 4:  # else the first two and the last two overlap: one block
        kept.append(("NOSPLIT", (0, count - 2), (-1, count - 1)))
    else:
        kept = [("NOSPLIT", (0, 0), (-1, count - 1))]
    return kept


class KeptTable(LongTable):
    """A table whose first and last rows are never left alone on a page
    (:func:`_kept_ends`). Rows too tall for that on a whole page are split as
    reportlab would, and a single row taller than a whole page (a very long
    target or description) continues on the next, rather than failing the
    report; rows that fit a page are never cut."""

    def split(self, available_width, available_height):
        parts = super().split(available_width, available_height)
        frame = getattr(self, "_frame", None)
        if parts or frame is None or not frame._atTop:
            return parts
        # A block taller than a whole page: free the rows that fit on this one,
        # the rest keep their blocks; failing that, split as reportlab would.
        fit, height = 0, 0.0
        for row_height in self._rowHeights:
            if height + row_height > available_height:
                break
            height, fit = height + row_height, fit + 1
        rows = len(self._rowHeights)
        self._nosplitCmds = [
            c for c in self._nosplitCmds if (c[1][1] + rows if c[1][1] < 0 else c[1][1]) > fit
        ]
        parts = super().split(available_width, available_height)
        if not parts and self._nosplitCmds:
            self._nosplitCmds = []
            parts = super().split(available_width, available_height)
        if not parts and not self.splitInRow:
            self.splitInRow = 1
            parts = super().split(available_width, available_height)
        return parts


def fractions(width: float, *parts: float) -> list[float]:
    total = sum(parts)
    return [width * p / total for p in parts]


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)
