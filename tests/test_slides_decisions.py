"""The slide model when the plenary decides on the slides (issue 13, one
screen): each finding slide keeps a band for the decision buttons, below all
its text, with the area an on-slide editor opens in; the PDF's slides (option
off) have neither; the buttons' and editor's colours reach 7:1 in both themes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from idg_desktop.reports.slides.compose import build_deck
from idg_desktop.reports.slides.decisions import PAIRS
from idg_desktop.reports.slides.model import BODY_FLOOR, Options, SlideKind
from idg_desktop.reports.slides.pdf import measure
from idg_desktop.reports.slides.reading import read_slides
from idg_desktop.reports.slides.theme import THEMES, contrast
from idg_desktop.storage.document import AssessmentDocument


@pytest.fixture(scope="module")
def source(demo_template: Path, tmp_path_factory: pytest.TempPathFactory):
    target = tmp_path_factory.mktemp("decide") / "demo.idg"
    shutil.copyfile(demo_template, target)
    with AssessmentDocument.open(target, read_only=True) as document:
        return read_slides(document)


@pytest.mark.parametrize("aspect", [16 / 9, 4 / 3], ids=["16:9", "4:3"])
def test_finding_slides_keep_a_band_for_the_buttons_below_their_text(source, aspect):
    deck = build_deck(source, Options(decide=True, aspect=aspect), measure)
    findings = [s for s in deck.slides if s.kind == SlideKind.FINDING]
    assert findings
    statuses = {f.id: f.status for f in source.findings}
    for slide in findings:
        assert [c.key for c in slide.controls] == ["A", "E", "M", "R", "P"]
        assert [c.action for c in slide.controls] == [
            "agreed",
            "amended",
            "merged",
            "rejected",
            "proposed",
        ]
        assert [c.action for c in slide.controls if c.current] == [statuses[slide.record_id]]
        band = min(c.y for c in slide.controls)
        for control in slide.controls:
            assert control.label.startswith(control.key + " ")  # the key is on the button
            assert control.x >= 0 and control.x + control.w <= aspect + 1e-9
            assert control.y + control.h <= 1 - 0.05  # inside the bottom margin's edge
            # the words fit the button at the body size, which is at the floor or above
            size = Options().sizes.body
            assert size >= BODY_FLOOR and control.h >= size * 1.5
            assert measure(control.label, True, size) < control.w
        for text in slide.texts():  # never covering the finding's text
            if text.background.startswith("control"):
                continue  # a button's own words, drawn in the band
            assert text.y <= band, (slide.key, text.text)
        drawn = {t.text for t in slide.texts() if t.background.startswith("control")}
        assert drawn == {c.label for c in slide.controls}  # drawn with the slide
        editor = slide.editor
        assert editor is not None and editor.h > 0.3
        assert editor.y + editor.h <= band
        rule = max(b.y for b in slide.items if getattr(b, "fill", None) == "rule")
        assert editor.y > rule  # under the title


def test_without_the_option_no_band_and_the_same_slides(source):
    plain = build_deck(source, Options(), measure)
    assert all(not s.controls and s.editor is None for s in plain.slides)
    deciding = build_deck(source, Options(decide=True), measure)
    others = [s for s in deciding.slides if s.kind != SlideKind.FINDING]
    assert others == [s for s in plain.slides if s.kind != SlideKind.FINDING]
    # the band takes room: a finding may continue sooner, never with smaller type
    assert len(deciding.slides) >= len(plain.slides)


def test_the_buttons_words_can_be_translated(source):
    words = (("agreed", "Convenir"), ("proposed", "Proposé"))
    deck = build_deck(source, Options(decide=True, control_labels=words), measure)
    slide = next(s for s in deck.slides if s.kind == SlideKind.FINDING)
    assert slide.controls[0].label == "A  Convenir"
    assert slide.controls[-1].label == "P  Proposé"
    assert slide.controls[1].label == "E  Amend"


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_controls_colours_reach_7_to_1(source, theme):
    palette = THEMES[theme]
    deck = build_deck(source, Options(decide=True), measure)
    drawn = {(t.colour, t.background) for s in deck.slides for t in s.texts()}
    assert ("on-control", "control") in drawn and ("on-control.current", "control.current") in drawn
    for colour, background in drawn:  # every pair the deciding slides draw
        ratio = contrast(palette.colour(colour), palette.colour(background))
        assert ratio >= 7.0, (theme, colour, background, round(ratio, 2))
    for colour, background in PAIRS:
        ratio = contrast(palette.colour(colour), palette.colour(background))
        assert ratio >= 7.0, (theme, colour, background, round(ratio, 2))


def test_a_revealed_confidential_findings_mark_stands_above_the_buttons(source):
    """The second walkthrough: with the buttons, "Confidential — shown by the
    facilitator" was drawn under them, and the room could not read it."""
    deck = build_deck(source, Options(decide=True, reveal_all=True), measure)
    marked = [
        (slide, text)
        for slide in deck.slides
        if slide.kind == SlideKind.FINDING
        for text in slide.texts()
        if text.text.startswith("Confidential —")
    ]
    assert marked
    for slide, text in marked:
        top_of_buttons = min(c.y for c in slide.controls)
        assert text.y <= top_of_buttons - 0.01, slide.key  # its baseline above them
