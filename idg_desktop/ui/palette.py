"""The window's colours, in one place: the house navy and every other colour a
page, model or style sheet uses (the ratings' colours come from
:mod:`idg_desktop.domain.colours`, shared with the PDF reports and the workbook).

Hex strings, for ``QColor(palette.NAVY)`` and for style sheets, where
:func:`style` fills in ``$navy`` and the other names in lower case.
A test keeps colour literals out of every other module under ``ui/``.
"""

from __future__ import annotations

from string import Template

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


def style(sheet: str) -> str:
    """A style sheet with each ``$name`` (``$navy``, ``$muted``…) replaced by that colour."""
    names = {
        name.lower(): value
        for name, value in globals().items()
        if name.isupper() and isinstance(value, str) and value.startswith("#")
    }
    return Template(sheet).substitute(names)
