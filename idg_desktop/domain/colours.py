"""The rating colours, one definition for the window, the PDF reports and the Excel export.

Plain Python (no Qt), in the core so that the exports and the window read the
same values.

The ladder runs from a deep red (absent) through orange and amber to a light
and then a deep blue-green (effective). Blue-green rather than pure green keeps
the two ends apart for people with red-green colour blindness: they see the bad
end as warm yellow-brown and the good end as cool blue-grey. Position on the
ladder is also always written in the cell, so colour is never the only cue.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Protocol

from idg_desktop.domain.vocabulary import RATING_LADDER, Rating

#: Fill colour per rating value (the file's strings, not translated labels).
RATING_COLOURS: dict[str, str] = {
    Rating.ABSENT.value: "#b2182b",
    Rating.NOT_APPLIED.value: "#e8642c",
    Rating.NOT_EFFECTIVE.value: "#f5b940",
    Rating.PARTIALLY_EFFECTIVE.value: "#86cbb5",
    Rating.EFFECTIVE.value: "#1a7f6e",
    Rating.NOT_APPLICABLE.value: "#c9d4e0",
    Rating.NOT_ASSESSED.value: "#e4e6e9",
}

#: A cell with nothing rated: dashed outline, muted text; and the hatching of "not applicable".
NOT_ASSESSED_OUTLINE = "#8a9199"
NOT_ASSESSED_TEXT = "#59616a"
NOT_APPLICABLE_HATCH = "#8fa0b3"

DARK_TEXT = "#1b1f24"
LIGHT_TEXT = "#ffffff"

#: The highest ladder position: a score runs from 0 (absent) to this (effective).
TOP_SCORE = float(len(RATING_LADDER) - 1)


class RatedCell(Protocol):
    """What ``score`` needs of a cell (``ProfileCell`` fits); kept structural to stay Qt-free."""

    @property
    def ratings(self) -> Mapping[str, int]: ...


def score(cell: RatedCell) -> float | None:
    """Mean ladder position (0 = absent … 4 = effective) of the questions actually rated.

    Not-applicable and not-assessed questions say nothing about how good the
    measures are, so they are left out; with nothing left the cell has no score
    and must not be drawn as if it had one.
    """
    total = 0
    weighted = 0
    for position, rating in enumerate(RATING_LADDER):
        count = int(cell.ratings.get(rating.value, 0))
        total += count
        weighted += position * count
    return weighted / total if total else None


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def nearest_rating(value: float) -> Rating:
    """The ladder step a score is closest to (halves round up, towards "effective")."""
    position = math.floor(min(max(value, 0.0), TOP_SCORE) + 0.5)
    return RATING_LADDER[position]


def score_colour(value: float) -> str:
    """The fill for a score: the colour of its nearest ladder step.

    Steps rather than a blend, so every cell is one of the five colours of the
    legend and can be read off it; the exact mean is in the cell's tooltip.
    """
    return RATING_COLOURS[nearest_rating(value).value]


def _luminance(colour: str) -> float:
    """WCAG relative luminance, the basis of its contrast ratio."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(fill: str) -> str:
    """Dark or white text, whichever contrasts more with ``fill`` (legible on a projector)."""
    return max((DARK_TEXT, LIGHT_TEXT), key=lambda text: _contrast(fill, text))


def rating_text_colour(rating: str | Rating) -> str:
    """The text colour to write on ``RATING_COLOURS[rating]``."""
    return text_colour_on(RATING_COLOURS[Rating(rating).value])
