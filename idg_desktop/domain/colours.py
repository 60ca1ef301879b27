"""The rating colours for exports, as plain hex strings (no Qt).

A copy of the values in ``idg_desktop/ui/palette.py`` (the window's), kept
here so that the core never imports the ``ui`` package; a test checks that
the two stay the same. The text colour on each fill is the one of dark or
white that contrasts more (WCAG relative luminance), as in the window.
"""

from __future__ import annotations

from idg_desktop.domain.vocabulary import Rating

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

DARK_TEXT = "#1b1f24"
LIGHT_TEXT = "#ffffff"


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    value = colour.lstrip("#")
    r, g, b = (channel(int(value[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rating_text_colour(rating: str) -> str:
    """Dark or white text, whichever reads better on the rating's fill."""
    fill = RATING_COLOURS[Rating(rating).value]
    return max((DARK_TEXT, LIGHT_TEXT), key=lambda text: _contrast(fill, text))
