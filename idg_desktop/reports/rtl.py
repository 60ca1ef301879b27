"""Paragraphs holding Arabic: broken into lines first, each line then put in
display order.

:func:`~idg_desktop.reports.fonts.markup` leaves every Arabic run in logical
order (unshaped) inside ``<font name="IdgArabic">``. A :class:`BidiParagraph`
keeps those logical fragments and, whenever it is laid out at a width, breaks
them into lines itself (each word measured as it will print: Arabic words
shaped), then shapes each line's Arabic and reorders the line with the Unicode
bidi algorithm (python-bidi's reference implementation, which also tells where
each character came from so every piece keeps its font, size and colour). The
lines, joined by hard breaks, are handed to reportlab's ``Paragraph`` as they
are. reportlab's own bidi support needs ``rlbidi``, not available here.

A paragraph with more Arabic letters than other letters reads right to left:
its lines are right-aligned (unless centred) and its base direction is RTL.
Paragraphs without Arabic never come here (:func:`needs_bidi`).
"""

from __future__ import annotations

import re
from functools import cache

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

from idg_desktop.reports.fonts import ARABIC, LETTERS

#: What :func:`markup` writes before every Arabic run (regular or bold face).
MARK = f'<font name="{ARABIC}'
#: Where a line may break: white space, but not the no-break space.
_SPACE = re.compile(r"([ \t\r\n\f\v]+)")
_RTL_LETTER = re.compile(f"[{LETTERS}]")
#: Measured lines are kept this much shorter than the room (rounding in the
#: second measure by reportlab must not push a word onto a new line).
_SLACK = 0.01


def needs_bidi(fragments: str) -> bool:
    """Whether Paragraph markup holds an Arabic run (a substring test: cheap)."""
    return MARK in fragments


@cache
def _reshape():
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper().reshape


@cache
def _bidi():
    from bidi import algorithm

    return algorithm


def _is_arabic(frag) -> bool:
    return frag.fontName.startswith(ARABIC)


@cache
def _right_aligned(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-rtl", style, alignment=TA_RIGHT)


def display_order(pieces: list[tuple[int, str]], base_level: int) -> list[tuple[int, str]]:
    """One line's ``(owner, text)`` pieces, logical order, in display order:
    the same owners, the text reordered (and brackets mirrored) by the bidi
    algorithm run over the whole line at ``base_level`` (0 LTR, 1 RTL)."""
    text = "".join(t for _, t in pieces)
    if not text:
        return []
    if base_level == 0 and not _RTL_LETTER.search(text):
        return [p for p in pieces if p[1]]
    algorithm = _bidi()
    storage = algorithm.get_empty_storage()
    storage["base_level"] = base_level
    storage["base_dir"] = "LR"[base_level]
    algorithm.get_embedding_levels(text, storage, False, False)
    owners = [owner for owner, t in pieces for _ in t]
    for char, owner in zip(storage["chars"], owners, strict=True):
        char["owner"] = owner
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    algorithm.apply_mirroring(storage, False)
    result: list[tuple[int, str]] = []
    for char in storage["chars"]:
        if result and result[-1][0] == char["owner"]:
            result[-1] = (char["owner"], result[-1][1] + char["ch"])
        else:
            result.append((char["owner"], char["ch"]))
    return result


class BidiParagraph(Paragraph):
    """A Paragraph whose Arabic runs are shaped and reordered line by line.

    Made from markup (``text``), it keeps the parsed logical fragments and lays
    them out again at every new width. Made from ``frags`` (reportlab does so
    in :meth:`Paragraph.split`), it is an ordinary Paragraph of lines already
    in display order; :meth:`split` itself returns logical paragraphs.
    """

    def __init__(self, text, style=None, bulletText=None, frags=None, **kwargs) -> None:
        super().__init__(text, style, bulletText, frags, **kwargs)
        self._source = None if frags is not None else list(self.frags)
        self._logical_style = self.style
        self._laid_at: float | None = None
        self._lines: list[tuple[list[tuple[int, str]], bool]] = []

    @classmethod
    def _logical(cls, frags: list, style: ParagraphStyle, bullet) -> BidiParagraph:
        made = cls(None, style, bullet, frags)
        made._source = frags
        made._logical_style = style
        return made

    # -- layout -----------------------------------------------------------

    def wrap(self, availWidth, availHeight):
        if self._source is not None and self._laid_at != availWidth:
            self._lay_out(availWidth)
        return super().wrap(availWidth, availHeight)

    def _lay_out(self, width: float) -> None:
        frags, style = self._source, self._logical_style
        self._lines = self._break(frags, style, width)
        letters = "".join(getattr(f, "text", "") for f in frags)
        arabic = len(_RTL_LETTER.findall(letters))
        base = 1 if arabic * 2 > sum(c.isalpha() for c in letters) else 0
        if base and style.alignment == TA_LEFT:
            style = _right_aligned(style)
        shown: list = []
        for number, (pieces, _) in enumerate(self._lines):
            if number:
                shown.append(frags[pieces[0][0] if pieces else 0].clone(text="", lineBreak=True))
            owned = [(i, self._shaped(frags[i], t)) for i, t in _merged(pieces)]
            shown.extend(frags[i].clone(text=t) for i, t in display_order(owned, base))
        if not shown:
            shown = [frags[0].clone(text="")]
        self._setup(None, style, self.bulletText, shown, cleanBlockQuotedText)
        self._laid_at = width
        if hasattr(self, "blPara"):
            del self.blPara

    @staticmethod
    def _shaped(frag, text: str) -> str:
        return _reshape()(text) if _is_arabic(frag) else text

    def _width(self, frag, text: str) -> float:
        return stringWidth(self._shaped(frag, text), frag.fontName, frag.fontSize)

    def _break(self, frags: list, style: ParagraphStyle, width: float):
        """Lines of ``(fragment index, text)`` pieces in logical order, each
        with whether a hard break ends it; greedy, words measured shaped."""
        room = width - style.leftIndent - style.rightIndent - _SLACK
        limit = room - style.firstLineIndent
        lines: list[tuple[list[tuple[int, str]], bool]] = []
        line: list[tuple[int, str]] = []
        used = 0.0
        space: int | None = None

        def end(hard: bool) -> None:
            nonlocal line, used, space, limit
            lines.append((line, hard))
            line, used, space, limit = [], 0.0, None, room

        for kind, index, word in _words(frags):
            if kind == "br":
                end(True)
            elif kind == "space":
                if line and space is None:
                    space = index
            else:
                size = sum(self._width(frags[i], t) for i, t in word)
                if line and space is not None:
                    gap = self._width(frags[space], " ")
                    if used + gap + size > limit:
                        end(False)
                    else:
                        line.append((space, " "))
                        used += gap
                line.extend(word)
                used += size
                space = None
        lines.append((line, False))
        return lines

    # -- splitting across frames ---------------------------------------------

    def split(self, availWidth, availHeight):
        if self._source is None:
            return super().split(availWidth, availHeight)
        self.wrap(availWidth, availHeight)
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2 or len(self.blPara.lines) != len(self._lines):
            return parts  # (a word wider than the line was cut by reportlab)
        cut = len(parts[0].blPara.lines)
        style = self._logical_style
        rest = style
        if style.firstLineIndent:
            rest = ParagraphStyle(f"{style.name}-rest", style, firstLineIndent=0)
        return [
            self._logical(self._rejoin(self._lines[:cut]), style, self.bulletText),
            self._logical(self._rejoin(self._lines[cut:]), rest, None),
        ]

    def _rejoin(self, lines) -> list:
        """Logical fragments for some of the lines (soft breaks become spaces)."""
        frags = self._source
        result: list = []
        for number, (pieces, hard) in enumerate(lines):
            result.extend(frags[i].clone(text=t) for i, t in _merged(pieces))
            if number < len(lines) - 1 and (pieces or hard):
                last = frags[pieces[-1][0] if pieces else 0]
                result.append(last.clone(text="", lineBreak=True) if hard else last.clone(text=" "))
        return result or [frags[0].clone(text="")]


def _words(frags):
    """``("word", index, [(fragment index, text), ...])``, ``("space", index,
    None)`` and ``("br", index, None)`` in order; a word may span fragments."""
    word: list[tuple[int, str]] = []
    for index, frag in enumerate(frags):
        if getattr(frag, "lineBreak", False):
            if word:
                yield "word", index, word
                word = []
            yield "br", index, None
            continue
        for number, part in enumerate(_SPACE.split(getattr(frag, "text", ""))):
            if number % 2:
                if word:
                    yield "word", index, word
                    word = []
                yield "space", index, None
            elif part:
                word.append((index, part))
    if word:
        yield "word", len(frags) - 1, word


def _merged(pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Neighbouring pieces of the same fragment as one."""
    result: list[tuple[int, str]] = []
    for index, text in pieces:
        if result and result[-1][0] == index:
            result[-1] = (index, result[-1][1] + text)
        else:
            result.append((index, text))
    return result
