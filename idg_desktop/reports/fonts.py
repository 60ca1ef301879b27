"""The report fonts and text markup that picks a font per run of script.

reportlab has no font fallback: a glyph missing from the current font prints
as a black box. Noto Sans covers Latin (accents), Greek and Cyrillic; Noto
Naskh Arabic covers Arabic. :func:`markup` cuts a text into Arabic and
non-Arabic runs, wraps each Arabic run in ``<font name=...>`` after shaping it
(``arabic_reshaper``: joined letter forms) and reordering it for display
(``python-bidi``: right to left), and escapes everything for ``Paragraph``.

:func:`markup` leaves each Arabic run in logical order, unshaped, inside
``<font name="IdgArabic">``: shaping and reordering need the lines, so they
wait for :class:`~idg_desktop.reports.rtl.BidiParagraph` (which
``layout.para`` and ``layout.rich`` use for such markup) to break the text
into lines; each line is then reordered on its own. Drawings (one string, one
line) use :func:`visual` instead.
"""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from idg_desktop.resources import resource_path

SANS = "IdgSans"
SANS_BOLD = "IdgSans-Bold"
SANS_ITALIC = "IdgSans-Italic"
SANS_BOLD_ITALIC = "IdgSans-BoldItalic"
ARABIC = "IdgArabic"
ARABIC_BOLD = "IdgArabic-Bold"

_FILES = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
    SANS_BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
}

LETTERS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
#: An Arabic run: from an Arabic letter to an Arabic letter, with the spaces,
#: digits and punctuation between them (but no Latin, Greek or Cyrillic letter).
_ARABIC_RUN = re.compile(rf"[{LETTERS}](?:[{LETTERS}\s\d.,:;!?()\[\]«»\"'\-–—/%]*[{LETTERS}])?")


@cache
def register_fonts() -> None:
    """Register the shipped TTFs once per process (reportlab embeds a subset)."""
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD_ITALIC
    )
    # Naskh has no italic: <i> keeps the upright face rather than failing.
    for bold, italic, face in ((0, 0, ARABIC), (1, 0, ARABIC_BOLD), (0, 1, ARABIC)):
        addMapping(ARABIC, bold, italic, face)
    addMapping(ARABIC, 1, 1, ARABIC_BOLD)


def has_arabic(text: str) -> bool:
    return _ARABIC_RUN.search(text) is not None


@cache
def _shaper():
    import arabic_reshaper
    from bidi.algorithm import get_display

    return arabic_reshaper.ArabicReshaper(), get_display


def shape(text: str) -> str:
    """Arabic letters joined and put in display (visual) order."""
    reshaper, get_display = _shaper()
    return get_display(reshaper.reshape(text))


def visual(text: str) -> str:
    """``text`` with each Arabic run shaped and reordered, for a one-font string
    (drawings); use :func:`markup` for Paragraphs."""
    if not has_arabic(text):
        return text
    return _ARABIC_RUN.sub(lambda m: shape(m.group(0)), text)


def markup(text: object, *, bold: bool = False) -> str:
    """Paragraph markup for plain ``text``: escaped, line breaks kept, Arabic
    runs in the Arabic font, still in logical order (see the module's note:
    only a ``BidiParagraph`` prints them right). ``bold``: the run sits in a
    bold paragraph."""
    value = "" if text is None else str(text)
    face = ARABIC_BOLD if bold else ARABIC
    parts: list[str] = []
    last = 0
    for match in _ARABIC_RUN.finditer(value):
        parts.append(_escape(value[last : match.start()]))
        parts.append(f'<font name="{face}">{escape(match.group(0))}</font>')
        last = match.end()
    parts.append(_escape(value[last:]))
    return "".join(parts)


def _escape(text: str) -> str:
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def font_for(text: str, *, bold: bool = False) -> str:
    """The one font for a drawing's string (a drawing cannot switch fonts mid-string)."""
    if has_arabic(text):
        return ARABIC_BOLD if bold else ARABIC
    return SANS_BOLD if bold else SANS
