"""The integrity profile heat map and the priority matrix as vector drawings.

Pure functions returning a reportlab ``Drawing`` (a flowable): same colours
and cues as the window (``domain/colours.py``). Colour is never
the only cue: heat-map cells carry their figures and the legend names each
colour; the quick-results cell is hatched, framed thick and captioned, and
each activity in it that is a quick result carries its own "Quick result" tag.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from idg_desktop.domain.colours import nearest_rating, score, text_colour_on
from idg_desktop.domain.vocabulary import RATING_LADDER
from idg_desktop.reports import words
from idg_desktop.reports.fonts import SANS, SANS_BOLD, font_for, visual

LADDER = tuple(rating.value for rating in RATING_LADDER)
LEVELS_ACROSS = ("low", "medium", "high")
LEVELS_DOWN = ("high", "medium", "low")


def canvas_for(width: float, height: float) -> Drawing:
    """A Drawing whose initial font is embedded (the default, Helvetica, would be
    listed in the PDF without being embedded)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = SANS
    return drawing


def _colour(hex_value: str):
    return colors.HexColor(hex_value)


def look(cell) -> str:
    """The rating whose colour a profile cell takes (as the window's heat map)."""
    value = score(cell)
    if value is not None:
        return nearest_rating(value).value
    return "not-applicable" if cell.assessed else "not-assessed"


def hatch(x: float, y: float, w: float, h: float, step: float, colour, width: float = 0.6):
    """Diagonal lines (bottom-left to top-right) clipped to the rectangle."""
    lines = []
    c = -h
    while c < w:
        # the line through (x + c, y) rising at 45°: points (x + c + t, y + t)
        t0, t1 = max(0.0, -c), min(h, w - c)
        if t1 > t0:
            lines.append(
                Line(x + c + t0, y + t0, x + c + t1, y + t1, strokeColor=colour, strokeWidth=width)
            )
        c += step
    return lines


def _fill(drawing: Drawing, x, y, w, h, rating: str) -> str:
    """Draw a cell in ``rating``'s look; return the text colour for it."""
    fill = words.RATING_COLOURS[rating]
    if rating == "not-assessed":
        drawing.add(
            Rect(
                x + 0.5,
                y + 0.5,
                w - 1,
                h - 1,
                rx=2,
                ry=2,
                fillColor=_colour(fill),
                strokeColor=_colour(words.NOT_ASSESSED_OUTLINE),
                strokeWidth=0.8,
                strokeDashArray=[2, 1.5],
            )
        )
        return words.NOT_ASSESSED_TEXT
    drawing.add(Rect(x, y, w, h, rx=2, ry=2, fillColor=_colour(fill), strokeColor=None))
    if rating == "not-applicable":
        for line in hatch(x, y, w, h, 4, _colour(words.NOT_APPLICABLE_HATCH)):
            drawing.add(line)
    return text_colour_on(fill)


def _text(drawing, x, y, text, size, colour, *, bold=False, anchor="start"):
    shown = visual(text)
    drawing.add(
        String(
            x,
            y,
            shown,
            fontName=font_for(shown, bold=bold),
            fontSize=size,
            fillColor=_colour(colour),
            textAnchor=anchor,
        )
    )


def heat_map(cells: list, width: float) -> Drawing:
    """One row per section (key factor or other area): its overall cell, then one
    per sub-area."""
    rows: list[tuple] = []
    for cell in cells:
        if not rows or cell.section != rows[-1][0].section:
            rows.append((cell, []))
        elif cell.subarea:  # a section without sub-areas repeats its total with label ""
            rows[-1][1].append(cell)
    columns = max((len(subs) for _, subs in rows), default=0)
    label_w, overall_w, gap, row_h = 150.0, 48.0, 3.0, 24.0
    cell_w = (width - label_w - overall_w - gap * (columns + 1)) / max(columns, 1)
    legend_h = 44.0
    height = 16 + len(rows) * (row_h + gap) + legend_h
    drawing = canvas_for(width, height)
    top = height - 12
    _text(drawing, label_w + overall_w / 2, top, "Overall", 7.5, words.MUTED, anchor="middle")
    _text(drawing, label_w + overall_w + gap, top, "Sub-areas", 7.5, words.MUTED)
    drawing.add(Line(0, top - 3, width, top - 3, strokeColor=_colour(words.RULE), strokeWidth=0.5))
    y = top - 6
    for total, subs in rows:
        y -= row_h
        _text(drawing, 0, y + row_h / 2 - 3, total.section, 8.5, words.INK, bold=True)
        lines = simpleSplit(total.title, SANS, 7.5, label_w - 26)[:2]
        base = y + row_h / 2 + (2 if len(lines) > 1 else -3)
        for n, line in enumerate(lines):
            _text(drawing, 24, base - n * 9, line, 7.5, words.DARK_TEXT)
        colour = _fill(drawing, label_w, y, overall_w, row_h, look(total))
        _text(
            drawing,
            label_w + overall_w / 2,
            y + row_h / 2 - 3,
            f"{total.assessed}/{total.questions}",
            8,
            colour,
            bold=True,
            anchor="middle",
        )
        x = label_w + overall_w + gap
        for cell in subs:
            colour = _fill(drawing, x, y, cell_w, row_h, look(cell))
            _text(drawing, x + 3, y + row_h / 2 - 3, cell.subarea, 7, colour)
            _text(
                drawing,
                x + cell_w - 3,
                y + row_h / 2 - 3,
                f"{cell.assessed}/{cell.questions}",
                7.5,
                colour,
                bold=True,
                anchor="end",
            )
            x += cell_w + gap
        y -= gap
    _legend(drawing, y - 16, width)
    return drawing


def _legend(drawing: Drawing, y: float, width: float) -> None:
    x = 0.0
    for rating in (*LADDER, "not-applicable", "not-assessed"):
        label = words.RATINGS[rating]
        _fill(drawing, x, y, 14, 10, rating)
        _text(drawing, x + 18, y + 2, label, 7.5, words.DARK_TEXT)
        x += 18 + stringWidth(label, SANS, 7.5) + 12
    _text(
        drawing,
        0,
        y - 14,
        "Colour: average rating of the questions rated (not applicable ones left out). "
        "Figures: questions rated / questions.",
        7.5,
        words.MUTED,
    )


def matrix(
    cells: list, activities: dict, width: float, height: float, *, big: bool = False
) -> Drawing:
    """The 3×3 grid, impact up and ease of implementation across; each activity
    as a chip (section code and title). ``activities``: id → (label, title).

    ``big`` (the page for the wall): the largest type, from 13 pt down to 9 pt,
    at which every chip fits its cell with two lines of title, else with one."""
    if not big:
        return _matrix(cells, activities, width, height, 7.5, "listed below")[0]
    tries = [(size, 2) for size in (13.0, 12.0, 11.0, 10.0, 9.0)]
    tries += [(size, 1) for size in (11.0, 10.0)]
    for size, lines in tries:
        drawing, fits = _matrix(cells, activities, width, height, size, "", lines)
        if fits:
            return drawing
    return _matrix(cells, activities, width, height, 9.0, "", 1)[0]


def _matrix(
    cells: list,
    activities: dict,
    width: float,
    height: float,
    size: float,
    where: str,
    lines: int = 2,
) -> tuple[Drawing, bool]:
    fits = True
    lead = size * 1.25
    left, bottom = 28.0 + size * 4.2, 16.0 + size * 2.4
    drawing = canvas_for(width, height)
    grid_w, grid_h = width - left - 4, height - bottom - 4
    cw, ch = grid_w / 3, grid_h / 3
    for cell in cells:
        col, row = LEVELS_ACROSS.index(cell.x), LEVELS_DOWN.index(cell.y)
        x, y = left + col * cw + 3, bottom + (2 - row) * ch + 3
        w, h = cw - 6, ch - 6
        if cell.quick_results:
            drawing.add(Rect(x, y, w, h, fillColor=_colour(words.MATRIX_QUICK), strokeColor=None))
            for line in hatch(x, y, w, h, 7, _colour(words.MATRIX_QUICK_HATCH), 0.5):
                drawing.add(line)
            drawing.add(
                Rect(x, y, w, h, fillColor=None, strokeColor=_colour(words.INK), strokeWidth=2.5)
            )
            caption = "Quick results: start here"
            cap_w = stringWidth(caption, SANS_BOLD, size) + 8
            drawing.add(
                Rect(
                    x + 6,
                    y + h - lead - 8,
                    cap_w,
                    lead + 3,
                    fillColor=_colour(words.MATRIX_QUICK),
                    strokeColor=None,
                )
            )
            _text(drawing, x + 10, y + h - lead - 4, caption, size, words.INK, bold=True)
            inner_top = y + h - 2 * lead - 12
        else:
            drawing.add(
                Rect(
                    x,
                    y,
                    w,
                    h,
                    fillColor=_colour(words.MATRIX_CELL),
                    strokeColor=_colour(words.RULE),
                    strokeWidth=0.6,
                )
            )
            inner_top = y + h - 6
        fits &= _chips(
            drawing, cell, activities, x + 5, inner_top, w - 10, y + 4, size, where, lines
        )
    for n, level in enumerate(LEVELS_DOWN):
        _text(
            drawing,
            left - 6,
            bottom + (2 - n) * ch + ch / 2 - 3,
            words.LEVELS[level],
            size,
            words.INK,
            bold=True,
            anchor="end",
        )
    for n, level in enumerate(LEVELS_ACROSS):
        _text(
            drawing,
            left + n * cw + cw / 2,
            bottom - size - 4,
            words.LEVELS[level],
            size,
            words.INK,
            bold=True,
            anchor="middle",
        )
    _text(
        drawing,
        left + grid_w / 2,
        4,
        "Ease of implementation (low to high)",
        size,
        words.MUTED,
        anchor="middle",
    )
    label = String(
        0,
        0,
        "Impact (low to high)",
        fontName=SANS,
        fontSize=size,
        fillColor=_colour(words.MUTED),
        textAnchor="middle",
    )
    from reportlab.graphics.shapes import Group

    turned = Group(label)
    turned.translate(size, bottom + grid_h / 2)
    turned.rotate(90)
    drawing.add(turned)
    return drawing, fits


def _chips(drawing, cell, activities, x, top, w, floor, size, where: str, most: int = 2) -> bool:
    """Draw the cell's chips; False if some did not fit (counted as "+n more").

    A quick result's chip is framed dark and tagged "Quick result" (white on
    navy) at the end of its first line; in the quick-results cell an activity
    that is not one (its cost is high) is tagged "High cost" in grey instead,
    so the cell's hatching never passes for its mark."""
    lead = size * 1.2
    tag_size = size * 0.8
    y = top
    entries = cell.entries
    for n, entry in enumerate(entries):
        label, title = activities.get(entry.id, ("", ""))
        code_w = stringWidth(label + "  ", SANS_BOLD, size)
        tag = words.QUICK_RESULT if entry.quick_result else ""
        if not tag and cell.quick_results:
            tag = words.HIGH_COST
        tag_w = stringWidth(tag, SANS_BOLD, tag_size) + 8 if tag else 0.0
        lines = _title_lines(title, size, w - code_w - 6, tag_w, most)
        chip_h = len(lines) * lead + 4
        remaining = len(entries) - n
        if y - chip_h < floor + (lead if remaining > 1 else 0):
            more = f"+{remaining} more ({where})" if where else f"+{remaining} more"
            _text(drawing, x, floor + 2, more, size - 0.5, words.MUTED)
            return False
        drawing.add(
            Rect(
                x,
                y - chip_h,
                w,
                chip_h,
                rx=2,
                ry=2,
                fillColor=colors.white,
                strokeColor=_colour(words.INK if entry.quick_result else words.RULE),
                strokeWidth=1.4 if entry.quick_result else 0.5,
            )
        )
        baseline = y - lead + 1
        if tag:
            quick = entry.quick_result
            drawing.add(
                Rect(
                    x + w - tag_w - 2,
                    baseline - tag_size * 0.3,
                    tag_w - 2,
                    tag_size * 1.25,
                    rx=1.5,
                    ry=1.5,
                    fillColor=_colour(words.INK) if quick else colors.white,
                    strokeColor=None if quick else _colour(words.MUTED),
                    strokeWidth=0.5,
                )
            )
            colour = "#ffffff" if quick else words.MUTED
            _text(drawing, x + w - tag_w + 1, baseline, tag, tag_size, colour, bold=quick)
        _text(drawing, x + 3, baseline, label, size, words.INK, bold=True)
        for k, line in enumerate(lines):
            _text(drawing, x + 3 + code_w, baseline - k * lead, line, size, words.DARK_TEXT)
        y -= chip_h + 3
    return True


def _title_lines(
    title: str, size: float, width: float, first_short_by: float, most: int = 2
) -> list[str]:
    """At most ``most`` (1 or 2) lines of ``title``, the first ``first_short_by``
    narrower (room for a tag), the last ended by "…" when the title runs on."""
    text = visual(title)
    first = simpleSplit(text, SANS, size, max(width - first_short_by, size * 3))[:1]
    rest = text[len(first[0]) :].strip() if first else ""
    if most == 1 or not rest:
        if rest:
            first[0] = first[0].rstrip()[:-1] + "…"
        return first
    second = simpleSplit(rest, SANS, size, width)
    if len(second) > 1:
        second[0] = second[0].rstrip()[:-1] + "…"
    return first + second[:1]
