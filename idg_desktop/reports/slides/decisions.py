"""The plenary's decisions taken on the slides themselves (issue 13: one
screen, or a projector mirroring the laptop, where the room would see the
editor). With ``Options.decide`` every finding slide keeps a band at its foot
for the decision buttons, and this module lays them out (one per decision,
its key written on it) and the area where an on-slide editor opens, so the
window only places widgets where the model says. The buttons are drawn
with the slide (boxes and words in the theme's roles, so the contrast of
every pair is checked with the rest), once into its pixmap and ahead; the
window's buttons over them take the clicks, the keys and the focus, and draw
nothing but the focus ring. With ``decide`` off (the PDF, a second screen)
the slides have neither, and are as before.
"""

from __future__ import annotations

from dataclasses import replace

from idg_desktop.domain.plurals import N_, gettext
from idg_desktop.domain.vocabulary import FindingStatus
from idg_desktop.reports.slides import sections
from idg_desktop.reports.slides.fitting import Frame
from idg_desktop.reports.slides.model import Box, Control, Item, Slide, Text

#: ``(action, key, words)``, in the order of the buttons. The keys are none of
#: the presentation window's own (B "." W, the arrows, Space, Backspace,
#: Home / End, Esc).
DECISIONS: tuple[tuple[str, str, str], ...] = (
    (FindingStatus.AGREED.value, "A", N_("Agree")),
    (FindingStatus.AMENDED.value, "E", N_("Amend")),
    (FindingStatus.MERGED.value, "M", N_("Merge")),
    (FindingStatus.REJECTED.value, "R", N_("Reject")),
    (FindingStatus.PROPOSED.value, "P", N_("Back to proposed")),
)

#: Every ``(text, fill)`` pair of theme roles the window draws the buttons,
#: the on-slide editor, the merge list, the focus ring and the notice in:
#: each at or above 7:1 in both themes (``tests/test_slides_decisions.py``).
PAIRS: tuple[tuple[str, str], ...] = (
    ("on-control", "control"),  # a button
    ("on-control.current", "control.current"),  # the finding's status now
    ("focus", "background"),  # the focus ring, around a button or the editor
    ("focus", "control"),
    ("text", "panel"),  # the editor's and the list's text
    ("background", "accent"),  # selected text, the list's chosen line
    ("text", "background"),  # the notice in the band (what was recorded, a refusal)
)

HEIGHT = 1.9  # a button's height, as a multiple of the body size
PAD = 0.9  # the space either side of a button's words, as a multiple of the body size
GAP = 0.018  # between buttons, and between rows
ABOVE = 0.025  # between the slide's text and the band


def label(key: str, words: str) -> str:
    """A button's words with its key first: "A  Agree"."""
    return f"{key}  {words}"


def buttons(frame: Frame, labels: list[str], bottom: float | None = None):
    """Buttons for ``labels`` side by side from the left, on as many rows as
    they need across the slide's width, the last row ending at ``bottom``
    (the bottom margin): ``([(x, y, w, h), ...], height of the rows)``."""
    body = frame.body
    h = body * HEIGHT
    rows: list[list[tuple[int, float]]] = [[]]
    used = 0.0
    for index, text in enumerate(labels):
        w = min(frame.inner, frame.measure(text, True, body) + 2 * PAD * body)
        if rows[-1] and used + GAP + w > frame.inner:
            rows.append([])
            used = 0.0
        used += (GAP if rows[-1] else 0.0) + w
        rows[-1].append((index, w))
    height = len(rows) * h + (len(rows) - 1) * GAP
    top = (1 - frame.m if bottom is None else bottom) - height
    rects: list[tuple[float, float, float, float]] = [(0.0, 0.0, 0.0, 0.0)] * len(labels)
    for number, row in enumerate(rows):
        x = frame.m
        y = top + number * (h + GAP)
        for index, w in row:
            rects[index] = (x, y, w, h)
            x += w + GAP
    return rects, height


def words_of(frame: Frame) -> dict[str, str]:
    """The buttons' words by action: the window's translations, else English."""
    return {
        **{action: gettext(words) for action, _key, words in DECISIONS},
        **dict(frame.options.control_labels),
    }


def finding_slides(frame: Frame, section, finding, number: int, count: int) -> list[Slide]:
    """The finding's slides (``sections.finding_slides``); with ``decide``,
    composed above a band that holds the decision buttons, each slide naming
    its buttons and the area an editor opens in (the content under the title,
    down to the band)."""
    if not frame.options.decide:
        return sections.finding_slides(frame, section, finding, number, count)
    words = words_of(frame)
    labels = [label(key, words[action]) for action, key, _ in DECISIONS]
    rects, height = buttons(frame, labels)
    banded = replace(frame, band=height + ABOVE)
    controls = tuple(
        Control(action, text, key, *rect, current=action == finding.status)
        for (action, key, _), text, rect in zip(DECISIONS, labels, rects, strict=True)
    )
    slides = sections.finding_slides(banded, section, finding, number, count)
    drawn = [item for control in controls for item in control_items(frame, control)]
    bottom = 1 - frame.m - banded.band
    out = []
    for slide in slides:
        # the content starts under the title's rule (Frame.head), the same on every part
        rule = next(i for i in slide.items if isinstance(i, Box) and i.fill == "rule")
        top = rule.y + rule.h + 0.02
        editor = Box(frame.m, top, frame.inner, bottom - top)
        out.append(
            replace(slide, items=slide.items + tuple(drawn), controls=controls, editor=editor)
        )
    return out


def control_items(frame: Frame, control: Control) -> list[Item]:
    """A button as the slide draws it: its box, filled for the finding's status
    now, and its words centred at the body size."""
    fill = "control.current" if control.current else "control"
    on = "on-control.current" if control.current else "on-control"
    x, y, w, h = control.x, control.y, control.w, control.h
    base = y + h / 2 + frame.body * 0.36
    return [
        Box(x, y, w, h, fill=fill, outline="muted"),
        Text(x, base, w, control.label, frame.body, True, on, fill, align="center"),
    ]
