"""Rating cells (the counts per rating, the heat maps) and the priority matrix
as boxes and lines: the word always written, the fill and its hatching only
adding to it."""

from __future__ import annotations

from collections import Counter

from idg_desktop.domain.colours import nearest_rating, score
from idg_desktop.domain.plurals import gettext, ngettext
from idg_desktop.domain.vocabulary import RATING_LADDER, Rating, label_of
from idg_desktop.reports.slides.fitting import Frame, wrap
from idg_desktop.reports.slides.model import Box, Item, Text
from idg_desktop.reports.slides.theme import PATTERNS

#: The ratings in the order a count is read: the ladder, then the two others.
ORDER = (*(r.value for r in RATING_LADDER), Rating.NOT_APPLICABLE.value, Rating.NOT_ASSESSED.value)
HATCH_BAND = 0.022  # the hatched strip at a cell's foot (no text on it)
PAD = 0.012
WIDEST = 0.34  # a cell in a short row: the row stays a row of cells, not a band


class _Cell:
    def __init__(self, ratings: Counter):
        self.ratings = ratings


def cell_rating(ratings: Counter) -> str:
    """The word a heat map cell shows: the nearest ladder step of its mean, else
    not applicable (all of it) or not assessed."""
    value = score(_Cell(ratings))
    if value is not None:
        return nearest_rating(value).value
    if ratings.get(Rating.NOT_APPLICABLE.value) and not ratings.get(Rating.NOT_ASSESSED.value):
        return Rating.NOT_APPLICABLE.value
    return Rating.NOT_ASSESSED.value


def cell_lines(frame: Frame, parts: list[tuple[str, bool]], width: float) -> list[tuple[str, bool]]:
    lines = []
    for text, bold in parts:
        lines += [(t, bold) for t in wrap(text, frame.measure, bold, frame.body, width - 2 * PAD)]
    return lines


def cell_height(frame: Frame, lines: int) -> float:
    return lines * frame.body * frame.leading + 2 * PAD + HATCH_BAND


def rating_cell(
    frame: Frame, x: float, y: float, w: float, h: float, rating: str, lines: list
) -> list[Item]:
    """A filled cell, its text centred at the top, its hatching in a strip below."""
    fill, on = f"rating.{rating}", f"on-rating.{rating}"
    dashed = rating == Rating.NOT_ASSESSED.value
    items: list[Item] = [
        Box(x, y, w, h, fill=fill, outline="muted" if dashed else None, dashed=dashed)
    ]
    pattern = PATTERNS[rating]
    if pattern != "none":
        items.append(
            Box(
                x,
                y + h - HATCH_BAND,
                w,
                HATCH_BAND,
                pattern=pattern,
                pattern_colour=f"hatch.{rating}",
            )
        )
    line_h = frame.body * frame.leading
    for i, (text, bold) in enumerate(lines):
        base = y + PAD + (i + 1) * line_h - frame.body * (frame.leading - 1) / 2 - frame.body * 0.22
        items.append(Text(x + PAD, base, w - 2 * PAD, text, frame.body, bold, on, fill, "center"))
    return items


def rating_row(
    frame: Frame,
    top: float,
    cells: list[tuple[str, list[tuple[str, bool]]]],
    x: float,
    width: float,
    gap: float = 0.014,
) -> tuple[list[Item], float]:
    """Cells side by side across ``width``: ``(items, bottom)``."""
    if not cells:
        return [], top
    w = min(WIDEST, (width - gap * (len(cells) - 1)) / len(cells))
    wrapped = [(rating, cell_lines(frame, parts, w)) for rating, parts in cells]
    h = cell_height(frame, max(len(lines) for _, lines in wrapped))
    items: list[Item] = []
    for i, (rating, lines) in enumerate(wrapped):
        items += rating_cell(frame, x + i * (w + gap), top, w, h, rating, lines)
    return items, top + h


def word(rating: str) -> str:
    return gettext(label_of(rating))


def counts(ratings: Counter) -> list[tuple[str, list[tuple[str, bool]]]]:
    return [(r, [(word(r), False), (str(ratings[r]), True)]) for r in ORDER if ratings.get(r)]


LEVELS_ACROSS = ("low", "medium", "high")
LEVELS_DOWN = ("high", "medium", "low")


def matrix(
    frame: Frame, top: float, cells, names: dict[str, str], shown, across: float = 0.0
) -> list[Item]:
    """The 3×3 grid (impact down, ease of implementation across), each cell's
    activities by code, the quick results named as such and their cell outlined;
    ``across`` wide from the left margin (the slide's inner width when 0)."""
    m, body, lead = frame.m, frame.body, frame.leading
    across = across or frame.inner
    label_w = max(frame.measure(word(v), False, body) for v in LEVELS_DOWN) + 0.03
    grid_x = m + label_w
    bottom = frame.footer_top() - 2 * body * lead
    gap = 0.012
    w = (across - label_w - 2 * gap) / 3
    h = (bottom - top - body * lead - 2 * gap) / 3
    items: list[Item] = [
        Text(m, top + body, across, gettext("Impact"), body, True, "muted"),
    ]
    top += body * lead
    by_place = {(c.x, c.y): c for c in cells}
    for row, y_level in enumerate(LEVELS_DOWN):
        y = top + row * (h + gap)
        items.append(Text(m, y + h / 2 + body / 3, label_w, word(y_level), body, False, "muted"))
        for col, x_level in enumerate(LEVELS_ACROSS):
            x = grid_x + col * (w + gap)
            cell = by_place.get((x_level, y_level))
            quick = bool(cell and cell.quick_results)
            items.append(
                Box(x, y, w, h, fill="panel", outline="quick" if quick else None, thick=quick)
            )
            entries = [e for e in (cell.entries if cell else ()) if shown(e.id)]
            quick_ones = [names.get(e.id, "?") for e in entries if e.quick_result]
            others = [names.get(e.id, "?") for e in entries if not e.quick_result]
            parts: list[tuple[str, bool]] = []
            if quick:
                codes = ", ".join(quick_ones) or gettext("none yet")
                parts.append((gettext("Quick results: {codes}", codes=codes), True))
                if others:
                    parts.append((gettext("High cost: {codes}", codes=", ".join(others)), False))
            elif entries:
                parts.append((", ".join(quick_ones + others), False))
            lines = cell_lines(frame, parts, w)
            fits = max(1, int((h - 2 * PAD) // (body * lead)))
            if len(lines) > fits:  # never smaller type: say how many instead
                lines = [
                    *lines[: fits - 1],
                    (ngettext("{n} activity in all", "{n} activities in all", len(entries)), True),
                ]
            for i, (text, bold) in enumerate(lines):
                base = y + PAD + (i + 1) * body * lead - body * 0.36
                items.append(Text(x + PAD, base, w - 2 * PAD, text, body, bold, "text", "panel"))
    y = top + 3 * h + 2 * gap
    for col, x_level in enumerate(LEVELS_ACROSS):
        x = grid_x + col * (w + gap)
        items.append(
            Text(x, y + body * lead, w, word(x_level), body, False, "muted", align="center")
        )
    items.append(
        Text(
            grid_x,
            y + 2 * body * lead,
            across - label_w,
            gettext("Ease of implementation"),
            body,
            True,
            "muted",
            align="center",
        )
    )
    return items
