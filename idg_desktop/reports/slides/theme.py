"""The projector's two themes (light, dark): a colour per role, every text and
background pair at or above 7:1 (WCAG AAA; ``tests/test_slides.py`` checks
every pair the slides actually draw).

Rating fills come from ``domain/colours.py``; where a rating's fill and the
text that suits it fall short of 7:1 (the orange, the amber...), the fill is
lightened (dark text) or darkened (white text) until they pass. Ratings are
never told by colour alone: the word is written, and each has its hatching.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from idg_desktop.domain.colours import (
    DARK_TEXT,
    LIGHT_TEXT,
    RATING_COLOURS,
    _contrast,
    _rgb,
    text_colour_on,
)
from idg_desktop.domain.vocabulary import FindingStatus, Rating

AAA = 7.0

#: Each rating's hatching, so a colour-blind viewer tells cells apart by pattern too.
PATTERNS: dict[str, str] = {
    Rating.ABSENT.value: "cross",
    Rating.NOT_APPLIED.value: "diagonal",
    Rating.NOT_EFFECTIVE.value: "back-diagonal",
    Rating.PARTIALLY_EFFECTIVE.value: "horizontal",
    Rating.EFFECTIVE.value: "none",
    Rating.NOT_APPLICABLE.value: "vertical",
    Rating.NOT_ASSESSED.value: "none",
}


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    return _contrast(a, b)


def _mix(colour: str, towards: str, amount: float) -> str:
    a, b = _rgb(colour), _rgb(towards)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def projector_fill(fill: str) -> tuple[str, str]:
    """``(fill, text)`` for a rating cell: the text that suits ``fill``, and the
    fill moved away from it (lighter under dark text, darker under white) just
    enough for 7:1."""
    text = text_colour_on(fill)
    towards = "#ffffff" if text == DARK_TEXT else "#000000"
    step = 0
    adjusted = fill
    while contrast(adjusted, text) < AAA and step < 100:
        step += 1
        adjusted = _mix(fill, towards, step / 100)
    return adjusted, text


def _ratings() -> dict[str, str]:
    roles: dict[str, str] = {}
    for rating, colour in RATING_COLOURS.items():
        fill, text = projector_fill(colour)
        roles[f"rating.{rating}"] = fill
        roles[f"on-rating.{rating}"] = text
        roles[f"hatch.{rating}"] = _mix(fill, text, 0.45)
    return roles


@dataclass(frozen=True)
class Theme:
    name: str
    colours: Mapping[str, str]

    def colour(self, role: str) -> str:
        return self.colours[role]


_LIGHT = {
    "background": "#ffffff",
    "text": DARK_TEXT,
    "muted": "#3b424a",
    "accent": "#0b3a66",  # titles
    "rule": "#0b3a66",
    "panel": "#eef1f4",  # a quiet band (the confidential notice, the matrix's cells)
    "quick": "#0b3a66",  # the quick results' outline
    "hatch": "#59616a",
    f"status.{FindingStatus.PROPOSED}": DARK_TEXT,
    f"status.{FindingStatus.AGREED}": "#0b5a34",
    f"status.{FindingStatus.AMENDED}": "#56297d",
    f"status.{FindingStatus.MERGED}": "#3b424a",
    f"status.{FindingStatus.REJECTED}": "#8c1022",
    # the decision buttons and the on-slide editor (reports/slides/decisions.py)
    "control": "#eef1f4",
    "on-control": DARK_TEXT,
    "control.current": "#0b3a66",
    "on-control.current": "#ffffff",
    "focus": "#8a2c00",
}

_DARK = {
    "background": "#111418",
    "text": "#f3f5f7",
    "muted": "#c9cfd6",
    "accent": "#b9dcff",
    "rule": "#b9dcff",
    "panel": "#23282e",
    "quick": "#b9dcff",
    "hatch": "#c9cfd6",
    f"status.{FindingStatus.PROPOSED}": "#f3f5f7",
    f"status.{FindingStatus.AGREED}": "#93e6b4",
    f"status.{FindingStatus.AMENDED}": "#e2cbff",
    f"status.{FindingStatus.MERGED}": "#c9cfd6",
    f"status.{FindingStatus.REJECTED}": "#ffb8bf",
    "control": "#23282e",
    "on-control": "#f3f5f7",
    "control.current": "#b9dcff",
    "on-control.current": "#111418",
    "focus": "#ffd27a",
}

LIGHT = Theme("light", {**_LIGHT, **_ratings()})
DARK = Theme("dark", {**_DARK, **_ratings()})
THEMES: dict[str, Theme] = {"light": LIGHT, "dark": DARK}

__all__ = ["AAA", "DARK", "LIGHT", "LIGHT_TEXT", "PATTERNS", "THEMES", "Theme", "contrast"]
