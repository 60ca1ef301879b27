"""The slides as plain data (declarations): what the presentation window and
the slides PDF both draw, so the two never differ.

A slide is a display list in abstract units: the slide's height is 1 and its
width is the aspect (16/9 = 1.78). Every :class:`Text` is one line, already
broken, its ``y`` the baseline; every :class:`Box` a rectangle, filled, outlined
and hatched. Colours are theme roles (``theme.Theme.colour(role)``), so the
same slides draw in the light and the dark theme. A drawer scales by the
height of its page or screen and draws the items in order; nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

#: ``measure(text, bold, size)``: the width of ``text`` at ``size`` in the same
#: units as ``size`` (the PDF passes reportlab's ``stringWidth``; the window
#: would pass ``QFontMetricsF.horizontalAdvance`` scaled to its font size).
Measure = Callable[[str, bool, float], float]


class SlideKind(StrEnum):
    TITLE = "title"
    SECTION = "section"
    FINDING = "finding"
    PROFILE = "profile"
    MATRIX = "matrix"
    PLAN = "plan"
    TIMER = "timer"  # drawn by the window only, never in the PDF


#: The size rules of issue 13, as fractions of the slide's height.
BODY_FLOOR = 1 / 34
TITLE_FLOOR = 1 / 20


@dataclass(frozen=True)
class Sizes:
    """The type sizes used (each at or above its floor) and the margins."""

    body: float = 0.034
    title: float = 0.058
    status: float = 0.085  # a finding's plenary status, the large word
    hero: float = 0.075  # the title slide's title
    timer: float = 0.32  # the countdown's digits
    margin: float = 0.06
    leading: float = 1.28  # line height as a multiple of the size

    def __post_init__(self) -> None:
        if self.body < BODY_FLOOR or min(self.title, self.status, self.hero) < TITLE_FLOOR:
            raise ValueError("slide text below the legibility floor (1/34, titles 1/20)")


@dataclass(frozen=True)
class Text:
    x: float  # left of the line's box
    y: float  # the baseline, from the top
    width: float  # the box's width (alignment; a right-to-left line sits at its right)
    text: str
    size: float
    bold: bool = False
    colour: str = "text"  # theme role
    background: str = "background"  # the role drawn under it: the pair checked for contrast
    align: str = "left"  # left | center | right

    def start(self, scale: float, used: float, right_to_left) -> float:
        """Where the line begins, drawn ``scale`` units to the slide's height
        and ``used`` wide: at the left, centre or right of its box; a line
        ``right_to_left(text)`` says is right-to-left sits at its right."""
        x, width = self.x * scale, self.width * scale
        align = self.align
        if align == "left" and right_to_left(self.text):
            align = "right"
        if align == "center":
            return x + (width - used) / 2
        if align == "right":
            return x + width - used
        return x


@dataclass(frozen=True)
class Box:
    x: float
    y: float  # top
    w: float
    h: float
    fill: str | None = None  # theme role, None: not filled
    outline: str | None = None
    pattern: str = "none"  # none | cross | diagonal | back-diagonal | horizontal | vertical
    pattern_colour: str = "hatch"
    dashed: bool = False
    thick: bool = False


Item = Text | Box


@dataclass(frozen=True)
class Control:
    """A button the window lays over a finding slide when the plenary decides
    on the slides (``Options.decide``): its place, in the slide's units, in
    the band the slide keeps free for it (``reports/slides/decisions.py``)."""

    action: str  # a FindingStatus value: agreed | amended | merged | rejected | proposed
    label: str  # the button's words, its key among them ("A  Agree")
    key: str  # the letter that does it on the presentation window
    x: float
    y: float  # top
    w: float
    h: float
    current: bool = False  # the finding's status now


@dataclass(frozen=True)
class Hidden:
    """A confidential item left out. ``id`` ("finding:<id>", "answer:<question
    id>", "plan:<id>") is what :attr:`Options.revealed` takes to show it."""

    id: str
    kind: str  # finding | answer | plan
    where: str  # the section code, or "plan"


@dataclass(frozen=True)
class Slide:
    kind: SlideKind
    key: str  # stable across rebuilds: "finding:<id>", "section:LC", ...
    title: str
    items: tuple[Item, ...]
    part: int = 1  # a long finding, profile or plan continues: part 2 of 3...
    parts: int = 1
    record_id: str = ""  # the finding's id, the section's code
    status: str = ""  # a finding's plenary status (FindingStatus value)
    hidden: tuple[Hidden, ...] = ()  # left out of this slide, each revealable
    controls: tuple[Control, ...] = ()  # the decision buttons (Options.decide), else none
    editor: Box | None = None  # where an on-slide editor opens (Options.decide), else None

    def texts(self) -> list[Text]:
        return [i for i in self.items if isinstance(i, Text)]


@dataclass(frozen=True)
class Options:
    pseudonymise: bool = False  # applied when reading (reading.read_slides)
    reveal_all: bool = False  # --reveal-confidential
    revealed: frozenset[str] = frozenset()  # Hidden ids shown one by one (the window)
    aspect: float = 16 / 9
    sizes: Sizes = field(default_factory=Sizes)
    #: The plenary decides on the slides (one screen, or a mirroring projector):
    #: each finding slide keeps a band at its foot for the decision buttons.
    decide: bool = False
    #: The buttons' words by action, translated by the window (else English).
    control_labels: tuple[tuple[str, str], ...] = ()

    def shows(self, hidden_id: str) -> bool:
        return self.reveal_all or hidden_id in self.revealed


@dataclass(frozen=True)
class Deck:
    slides: tuple[Slide, ...]
    aspect: float
    hidden: tuple[Hidden, ...]  # every confidential item still left out

    def kinds(self) -> set[SlideKind]:
        return {s.kind for s in self.slides}
