"""The window's colours, in one place: the house navy and every other colour a
page, model or style sheet uses (the ratings' colours come from
:mod:`idg_desktop.domain.colours`, shared with the PDF reports and the workbook).

Hex strings, for ``QColor(palette.NAVY)`` and for style sheets, where
:func:`style` fills in ``$navy`` and the other names in lower case; in the
high-contrast theme (View ▸ High contrast) a style sheet's names become black,
white or yellow (:data:`HIGH_CONTRAST`).
A test keeps colour literals out of every other module under ``ui/``.
"""

from __future__ import annotations

from string import Template

from idg_desktop.domain.colours import NOT_ASSESSED_TEXT as _NOT_ASSESSED_TEXT
from idg_desktop.domain.colours import RATING_COLOURS
from idg_desktop.domain.vocabulary import Rating

# -- the house colours ---------------------------------------------------------
NAVY = "#1f3b57"  # the house navy: navigation, headings, section codes, focus frames
BLUE = "#2f6b9a"  # the chosen item: navigation selection, current card, drop target
GOLD = "#f0b429"  # keyboard focus on the navigation; the rapporteur's badge
WHITE = "#ffffff"
INK = "#1f2933"  # body text on light fills (the question, a pale rating chip)
MUTED = "#4a5560"  # intro text, captions, column headers, the legend's note
MUTED_ROW = "#5b6670"  # a checklist row with nothing to say yet
HELP = "#59616a"  # help text and legends on the KPI sheet

# -- lines and fills -----------------------------------------------------------
RULE = "#c5ccd3"  # grid lines of the heat map and the matrix
TILE_BORDER = "#d5dde5"
CELL = "#f4f6f8"  # an empty matrix cell
CHIP_OUTLINE = "#8a96a3"  # the outline of a chip with nothing rated

# -- what needs attention ------------------------------------------------------
BANNER_BACK = "#e8f1f8"  # the working copy's banner
WARNING_BACK = "#fff4d6"
WARNING_BORDER = "#e0b44c"
WARNING_TEXT = "#5c4300"
ERROR_BACK = "#fde2e1"  # an import row that cannot be taken in
TO_REVIEW = "#a15c00"  # an answer marked for review
MISSING = "#9b1c1c"  # a KPI sheet's missing field
MISSING_BORDER = RATING_COLOURS[Rating.ABSENT.value]  # the field itself, in the ladder's red
MET = "#1a5e52"  # a KPI target met
NOT_ASSESSED_TEXT = _NOT_ASSESSED_TEXT  # nothing rated yet, a SMART criterion not met

# -- the matrix's quick results ------------------------------------------------
QUICK = "#e6f0e9"
QUICK_HATCH = "#9fc2aa"

# -- the groups board ----------------------------------------------------------
CARD_BACK = "#f4f7fa"
CARD_BORDER = "#c9d3dc"
CARD_CURRENT_BACK = "#e8f1f9"
POOL_BACK = "#fafafa"
POOL_BORDER = "#9aa6b1"
CARD_ALERT = "#8a5a00"
LIST_BORDER = "#d5dde4"
DROP_BACK = "#eef5fb"

# -- the priority bands (high, medium, low) ------------------------------------
BAND_COLOURS: dict[str, str] = {"high": "#1f4e79", "medium": "#8db3d9", "low": "#e3ecf5"}


# -- the high-contrast theme ---------------------------------------------------
HC_BACK = "#000000"  # every background
HC_TEXT = "#ffffff"  # text and lines: 21:1 on black
HC_FOCUS = "#ffff00"  # keyboard focus and the chosen item: 19.6:1 on black
HC_DISABLED = "#b3b3b3"  # a control that cannot be used now: 10:1 on black
HC_ALTERNATE = "#1c1c1c"  # every other row of a table (white text 17:1)

#: In high contrast, what each house colour a style sheet names becomes: fills
#: black, text and lines white, what is chosen or needs attention yellow. The
#: navigation (navy, white text) turns white with black text.
HIGH_CONTRAST: dict[str, str] = {
    "navy": HC_TEXT,
    "blue": HC_FOCUS,
    "gold": HC_FOCUS,
    "white": HC_BACK,
    "ink": HC_TEXT,
    "muted": HC_TEXT,
    "muted_row": HC_TEXT,
    "help": HC_TEXT,
    "rule": HC_TEXT,
    "tile_border": HC_TEXT,
    "cell": HC_BACK,
    "chip_outline": HC_TEXT,
    "banner_back": HC_BACK,
    "warning_back": HC_BACK,
    "warning_border": HC_FOCUS,
    "warning_text": HC_FOCUS,
    "error_back": HC_BACK,
    "to_review": HC_FOCUS,
    "missing": HC_FOCUS,
    "missing_border": HC_FOCUS,
    "met": HC_TEXT,
    "not_assessed_text": HC_TEXT,
    "quick": HC_BACK,
    "quick_hatch": HC_TEXT,
    "card_back": HC_BACK,
    "card_border": HC_TEXT,
    "card_current_back": HC_BACK,
    "pool_back": HC_BACK,
    "pool_border": HC_TEXT,
    "card_alert": HC_FOCUS,
    "list_border": HC_TEXT,
    "drop_back": HC_BACK,
}

_theme = {"high_contrast": False}


def set_high_contrast(on: bool) -> None:
    """Style sheets made from now on use the high-contrast colours (or not)."""
    _theme["high_contrast"] = bool(on)


def high_contrast() -> bool:
    return _theme["high_contrast"]


def text(name: str) -> str:
    """The colour ``name`` (``"muted_row"``…) for text in the theme chosen, for a
    model's foreground, read each time it is drawn."""
    if _theme["high_contrast"]:
        return HIGH_CONTRAST[name]
    return globals()[name.upper()]


def style(sheet: str, *, high_contrast: bool | None = None) -> str:
    """A style sheet with each ``$name`` (``$navy``, ``$muted``…) replaced by
    that colour, in the theme chosen (house or high contrast; ``high_contrast``
    True or False: that theme, whichever is chosen)."""
    names = {
        name.lower(): value
        for name, value in globals().items()
        if name.isupper() and isinstance(value, str) and value.startswith("#")
    }
    if _theme["high_contrast"] if high_contrast is None else high_contrast:
        names.update(HIGH_CONTRAST)
    return Template(sheet).substitute(names)
