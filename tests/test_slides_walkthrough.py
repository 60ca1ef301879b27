"""The slides' defects found by the walkthrough of issue 13, each checked on
the slide model of the demo: the countdown's corner clear of the status word,
no corner once the time is up, the priority matrix's legend, the sub-areas'
names of a section with many, the profile's rows under their group's name,
and a revealed confidential finding marked as such."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from idg_desktop.reports.slides.compose import build_deck, timer_slide, with_timer
from idg_desktop.reports.slides.model import BODY_FLOOR, Box, Options, SlideKind, Text
from idg_desktop.reports.slides.pdf import measure
from idg_desktop.reports.slides.reading import read_slides
from idg_desktop.services.activities import list_activities
from idg_desktop.services.findings import list_findings
from idg_desktop.services.groups import list_groups
from idg_desktop.storage.document import AssessmentDocument


@pytest.fixture(scope="module")
def demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("walk") / "demo.idg"
    shutil.copyfile(demo_template, target)
    return target


def deck_of(path: Path, **options):
    with AssessmentDocument.open(path, read_only=True) as document:
        source = read_slides(document)
    return build_deck(source, Options(**options), measure)


def words(slides) -> str:
    return " ".join(t.text for s in slides for t in s.texts())


def extent(item) -> tuple[float, float, float, float]:
    """left, top, right, bottom of a box, or of a line's letters."""
    if isinstance(item, Box):
        return item.x, item.y, item.x + item.w, item.y + item.h
    width = measure(item.text, item.bold, item.size)
    left = {
        "left": item.x,
        "center": item.x + (item.width - width) / 2,
        "right": item.x + item.width - width,
    }[item.align]
    return left, item.y - item.size * 0.75, left + width, item.y + item.size * 0.2


def apart(a, b, clearance: float) -> bool:
    return (
        a[2] + clearance <= b[0]
        or b[2] + clearance <= a[0]
        or a[3] + clearance <= b[1]
        or b[3] + clearance <= a[1]
    )


@pytest.mark.parametrize("aspect", [16 / 9, 4 / 3])
def test_the_countdown_keeps_clear_of_the_status_word(demo, aspect):
    """The corner's box and digits are 1.5% of the height (16 px at 1080 lines)
    away from anything the slide draws: the status chip of a finding above all."""
    options = Options(aspect=aspect)
    deck = deck_of(demo, aspect=aspect, reveal_all=True)
    findings = [s for s in deck.slides if s.kind == SlideKind.FINDING]
    assert findings
    for slide in deck.slides:
        running = with_timer(slide, 754, options, measure)
        corner = running.items[len(slide.items) :]
        assert corner and any(isinstance(i, Text) and i.text == "12:34" for i in corner)
        for mine in corner:
            for theirs in slide.items:
                assert apart(extent(mine), extent(theirs), 0.015), (slide.key, theirs)


def test_the_corner_says_time_is_up_once_it_is(demo, aspect=16 / 9):
    """No "00:00" left standing, and no corner that silently disappears (a
    walkthrough missed the end): "Time is up", clear of the slide's own items."""
    deck = deck_of(demo, reveal_all=True)
    for slide in deck.slides:
        corner = with_timer(slide, 0, Options(), measure).items[len(slide.items) :]
        said = [i.text for i in corner if isinstance(i, Text)]
        assert said == ["Time is up"]
        for mine in corner:
            for theirs in slide.items:
                assert apart(extent(mine), extent(theirs), 0.015), (slide.key, theirs)
    assert "Time is up" in words([timer_slide(0, Options(), measure)])


def test_the_priority_matrix_has_a_legend_of_its_codes(demo):
    deck = deck_of(demo, reveal_all=True)
    with AssessmentDocument.open(demo, read_only=True) as document:
        titles = [a.title for a in list_activities(document) if a.impact and a.ease]
    assert len(titles) >= 5
    matrix = [s for s in deck.slides if s.kind == SlideKind.MATRIX]
    said = " ".join(words(matrix).split())
    for title in titles:
        assert " ".join(title.split())[:25] in said, title
    assert "A1: " in said
    for slide in matrix:
        assert min(t.size for t in slide.texts()) >= BODY_FLOOR


def test_a_long_legend_continues_with_the_grid(demo_file):
    from idg_desktop.services.activities import add_activity, rate_activity

    with AssessmentDocument.open(demo_file) as document:
        for n in range(25):
            title = f"An activity with a rather long title number {n} for the room"
            added = add_activity(document, title=title, section="LC")
            rate_activity(document, added.id, {"impact": "high", "ease": "low"})
    deck = deck_of(demo_file, reveal_all=True)
    matrix = [s for s in deck.slides if s.kind == SlideKind.MATRIX]
    assert len(matrix) >= 2
    assert all("Impact" in words([s]) for s in matrix)  # the grid on each part
    said = " ".join(words(matrix).split())
    assert "number 24 for" in said
    for slide in matrix:  # no entry cut between two slides: each starts with its code
        legend = [
            t for t in slide.texts() if t.x > 1.05 and t.colour == "text"
        ]  # right of the grid
        assert legend and legend[0].text.split(":")[0].startswith(("A", "New")), legend[0].text


@pytest.mark.parametrize("aspect", [16 / 9, 4 / 3])
def test_every_section_names_its_sub_areas(demo, aspect):
    """Transparency's six sub-areas do not fit under its heat map: their names
    are on the next slide (before its findings), never dropped."""
    deck = deck_of(demo, aspect=aspect)
    with AssessmentDocument.open(demo, read_only=True) as document:
        source = read_slides(document)
    for section in source.sections:
        named = [(label, title) for label, title in section.subareas if label or title]
        if not named:
            continue
        slides = [s for s in deck.slides if s.key.split("#")[0] == f"section:{section.code}"]
        said = " ".join(words(slides).split())
        for label, title in named:
            assert f"{label} {' '.join(title.split())[:20]}" in said, (section.code, title)
        at = deck.slides.index(slides[-1])
        assert deck.slides.index(slides[0]) + len(slides) - 1 == at  # together


def test_profile_rows_under_their_groups_name(demo):
    deck = deck_of(demo)
    with AssessmentDocument.open(demo, read_only=True) as document:
        groups = [g.name for g in list_groups(document)]
        codes = {s.code for s in read_slides(document).sections}
    profile = [s for s in deck.slides if s.kind == SlideKind.PROFILE]
    said = words(profile)
    for name in groups:
        assert name in said, name
    for slide in profile:  # each part starts with a group's name above its first row
        texts = [t.text for t in slide.texts()]
        first_code = next(t for t in texts if t in codes)
        assert any(g in texts[: texts.index(first_code)] for g in groups), slide.key


def test_a_revealed_confidential_finding_is_marked(demo):
    with AssessmentDocument.open(demo, read_only=True) as document:
        secret = next(f for f in list_findings(document) if f.confidential)
        plain = next(f for f in list_findings(document) if not f.confidential)
    deck = deck_of(demo, revealed=frozenset({f"finding:{secret.id}"}))
    shown = [s for s in deck.slides if s.record_id == secret.id]
    assert shown and all("Confidential — shown by the facilitator" in words([s]) for s in shown)
    other = [s for s in deck.slides if s.record_id == plain.id]
    assert "Confidential" not in words(other)
    every = deck_of(demo, reveal_all=True)
    assert "Confidential" in words([s for s in every.slides if s.record_id == secret.id])


def test_a_merged_finding_says_what_it_went_into(demo):
    """A walkthrough: the slide said "Merged" and not into which finding."""
    from idg_desktop.services.findings import list_findings, merge_finding

    with AssessmentDocument.open(demo) as document:
        open_ = [f for f in list_findings(document) if f.status != "merged"]
        kept = next(f for f in open_ if not f.confidential)
        duplicate = next(
            f for f in open_ if f.section_code == kept.section_code and f.id != kept.id
        )
        merge_finding(document, duplicate.id, kept.id)
    deck = deck_of(demo, reveal_all=True)
    slide = next(s for s in deck.slides if s.record_id == duplicate.id)
    said = " ".join(words([slide]).split())
    assert "Merged into: " + " ".join(kept.text.split())[:40] in said
    # into a confidential finding: its words are not for the room
    assert "Merged into: a confidential finding" in " ".join(words(deck.slides).split())
