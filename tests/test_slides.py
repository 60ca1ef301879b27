"""The plenary's slide model (reports/slides/) on the demo: what goes on each
slide and in which order, where a long finding breaks, what the room may see,
and the legibility rules measured on the slides themselves (sizes, widths and
the contrast of every text and background pair drawn, in both themes)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from merged_demo import build_merged_demo

from idg_desktop.reports.slides.compose import build_deck, timer_slide, with_timer
from idg_desktop.reports.slides.model import (
    BODY_FLOOR,
    TITLE_FLOOR,
    Box,
    Options,
    SlideKind,
    Text,
)
from idg_desktop.reports.slides.pdf import measure
from idg_desktop.reports.slides.reading import read_slides
from idg_desktop.reports.slides.theme import THEMES, contrast
from idg_desktop.services.by_section import every_section
from idg_desktop.services.findings import list_findings, update_finding
from idg_desktop.services.groups import group_sections, list_groups, remove_group
from idg_desktop.services.participants import list_participants
from idg_desktop.storage.document import AssessmentDocument


@pytest.fixture(scope="module")
def demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("slides") / "demo.idg"
    shutil.copyfile(demo_template, target)
    return target


def deck_of(path: Path, **options):
    pseudonymise = options.pop("pseudonymise", False)
    with AssessmentDocument.open(path, read_only=True) as document:
        source = read_slides(document, pseudonymise=pseudonymise)
    return build_deck(source, Options(pseudonymise=pseudonymise, **options), measure)


def words(slides) -> str:
    return " ".join(t.text for s in slides for t in s.texts())


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_slide_kind_in_its_order(demo):
    deck = deck_of(demo)
    kinds = [s.kind for s in deck.slides]
    assert kinds[0] == SlideKind.TITLE
    assert set(kinds) == set(SlideKind) - {SlideKind.TIMER}  # the timer is the window's
    tail = [k for k in kinds if k in (SlideKind.PROFILE, SlideKind.MATRIX, SlideKind.PLAN)]
    assert kinds[-len(tail) :] == tail  # profile, matrix, plan after the sections
    assert tail.index(SlideKind.MATRIX) > tail.index(SlideKind.PROFILE)
    assert tail[-1] == SlideKind.PLAN
    title = words(deck.slides[:1])
    with AssessmentDocument.open(demo, read_only=True) as document:
        from idg_desktop.services.assessment import assessment_of

        scope = assessment_of(document)
        assert "9–13 March 2026" in title  # the workshop's dates
        assert flat(scope.administration) in title
        findings = [f for f in list_findings(document) if not f.confidential]
    # each shown finding once, after its section's slide, with its status as the large word
    for finding in findings:
        slides = [s for s in deck.slides if s.record_id == finding.id]
        assert slides and all(s.status == finding.status for s in slides)
        at = deck.slides.index(slides[0])
        section = [s for s in deck.slides[:at] if s.kind == SlideKind.SECTION][-1]
        assert section.record_id == finding.section_code
        big = max(slides[0].texts(), key=lambda t: t.size)
        assert big.text == finding.status.capitalize()
        assert big.size >= TITLE_FLOOR
    every = deck_of(demo, reveal_all=True)  # the demo's merged finding is confidential
    assert {s.status for s in every.slides if s.status} == {
        "proposed",
        "agreed",
        "amended",
        "merged",
        "rejected",
    }
    timer = timer_slide(45 * 60, Options(), measure)
    assert timer.kind == SlideKind.TIMER and "45:00" in words([timer])


def test_sections_follow_the_groups_then_the_framework(demo_file):
    with AssessmentDocument.open(demo_file) as document:
        first = list_groups(document)[0]
        remove_group(document, first.id)  # its sections now belong to no group
        expected = [c for g in list_groups(document) for c in group_sections(document, g)]
        framework = [s.code for s in every_section(document) if s.in_scope]
        expected += [c for c in framework if c not in expected]
    deck = deck_of(demo_file)
    order = [s.record_id for s in deck.slides if s.kind == SlideKind.SECTION and s.part == 1]
    assert order == expected
    assert order != framework  # the groups' order is not the framework's
    loose = next(s for s in deck.slides if s.record_id == order[-1])
    assert "No working group" in words([loose])


def test_a_long_finding_continues_with_every_word(demo_file):
    with AssessmentDocument.open(demo_file) as document:
        finding = next(f for f in list_findings(document) if not f.confidential)
        long_text = " ".join(f"word{n}" for n in range(700))
        update_finding(document, finding.id, text=long_text)
    deck = deck_of(demo_file)
    slides = [s for s in deck.slides if s.record_id == finding.id]
    assert len(slides) >= 3
    assert [s.part for s in slides] == list(range(1, len(slides) + 1))
    assert all(s.parts == len(slides) for s in slides)
    assert all("(continued)" in s.title for s in slides[1:])
    assert "continued on the next slide" in words(slides[:1])
    found = re.findall(r"word\d+", words(slides))
    assert found == long_text.split()  # every word kept, in order, nothing shrunk
    assert min(t.size for s in slides for t in s.texts()) >= BODY_FLOOR


def ink(text: Text) -> tuple[float, float, float, float, str]:
    """Where a line's letters are: left, top, right, bottom (its box and alignment)."""
    width = measure(text.text, text.bold, text.size)
    left = {
        "left": text.x,
        "center": text.x + (text.width - width) / 2,
        "right": text.x + text.width - width,
    }[text.align]
    return left, text.y - text.size * 0.75, left + width, text.y + text.size * 0.2, text.text


@pytest.mark.parametrize("aspect", [16 / 9, 4 / 3])
def test_sizes_and_widths_on_every_slide(demo, aspect):
    """Body text at or above 1/34 of the height, titles at or above 1/20, no line
    wider than its box nor running off the slide, no two lines on each other
    (a 4:3 screen as well)."""
    deck = deck_of(demo, aspect=aspect, reveal_all=True)
    running = Options(aspect=aspect)  # the countdown in the corner of every slide
    slides = [with_timer(s, 754, running, measure) for s in deck.slides]
    slides.append(timer_slide(90, running, measure))
    assert all("12:34" in words([s]) for s in slides[:-1])
    for slide in slides:
        for text in slide.texts():
            assert text.size >= BODY_FLOOR, (slide.key, text.text)
            if text.colour == "accent" and text.bold:  # the titles
                assert text.size >= TITLE_FLOOR, (slide.key, text.text)
            assert measure(text.text, text.bold, text.size) <= text.width + 1e-6, text.text
            assert text.x >= 0 and text.x + text.width <= aspect + 1e-6
            assert text.size <= text.y <= 1
        drawn = [ink(t) for t in slide.texts()]
        for n, a in enumerate(drawn):
            for b in drawn[n + 1 :]:
                apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
                assert apart, (slide.key, a[4], b[4])
        for box in (i for i in slide.items if isinstance(i, Box)):
            assert box.x >= 0 and box.x + box.w <= aspect + 1e-6
            assert box.y >= 0 and box.y + box.h <= 1 + 1e-6


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_text_and_background_pair_reaches_7_to_1(demo, theme):
    palette = THEMES[theme]
    deck = deck_of(demo, reveal_all=True)
    pairs = set()
    running = [with_timer(s, 60, Options(), measure) for s in deck.slides]
    for slide in [*running, timer_slide(0, Options(), measure)]:
        fills = [i for i in slide.items if isinstance(i, Box) and i.fill]
        for text in slide.texts():
            pairs.add((text.colour, text.background))
            # the background said is the one drawn: the last filled box under the text
            under = [
                b.fill
                for b in fills
                if b.x <= text.x + 1e-9
                and text.x + text.width <= b.x + b.w + 1e-9
                and b.y <= text.y <= b.y + b.h
            ]
            assert (under[-1] if under else "background") == text.background, text.text
    assert len(pairs) > 10  # the rating cells' own pairs among them
    assert any(bg.startswith("rating.") for _, bg in pairs)
    for colour, background in pairs:
        ratio = contrast(palette.colour(colour), palette.colour(background))
        assert ratio >= 7.0, (theme, colour, background, round(ratio, 2))


def test_ratings_are_told_by_word_and_pattern_not_colour_alone(demo):
    deck = deck_of(demo)
    profile = [s for s in deck.slides if s.kind == SlideKind.PROFILE]
    cells = [b for s in profile for b in s.items if isinstance(b, Box) and b.fill]
    rated = {b.fill for b in cells if b.fill.startswith("rating.")}
    assert {"rating.absent", "rating.effective", "rating.not-effective"} <= rated
    patterns = {}
    for slide in profile:
        items = slide.items
        for n, box in enumerate(items):
            if isinstance(box, Box) and box.fill and box.fill.startswith("rating."):
                rating = box.fill.removeprefix("rating.")
                after = items[n + 1]
                patterns[rating] = after.pattern if isinstance(after, Box) else "none"
                said = [t.text for t in items[n + 1 : n + 5] if isinstance(t, Text)]
                assert rating.replace("-", " ") in " ".join(said).lower()
    marked = [p for r, p in patterns.items() if r != "not-assessed"]
    assert len(set(marked)) == len(marked)  # one pattern per rating


def test_confidential_items_left_out_with_their_count_and_revealed(demo):
    with AssessmentDocument.open(demo, read_only=True) as document:
        secret = [f for f in list_findings(document) if f.confidential]
    assert secret, "the demo has confidential findings"
    deck = deck_of(demo)
    shown = flat(words(deck.slides))
    for finding in secret:
        assert flat(finding.text)[:60] not in shown
        section = next(s for s in deck.slides if s.key == f"section:{finding.section_code}")
        assert f"finding:{finding.id}" in {h.id for h in section.hidden}
    lc = next(s for s in deck.slides if s.key == "section:LC")
    assert "1 confidential finding and 1 confidential answer not shown" in words([lc])
    plan = [s for s in deck.slides if s.kind == SlideKind.PLAN]
    assert "1 confidential part of the plan not shown" in words(plan)
    assert {h.kind for h in deck.hidden} == {"finding", "answer", "plan"}

    every = deck_of(demo, reveal_all=True)
    assert not every.hidden
    shown = flat(words(every.slides))
    assert all(flat(f.text)[:60] in shown for f in secret)
    assert "not shown" not in shown
    assert len([s for s in every.slides if s.kind == SlideKind.PLAN]) >= 1
    assert len(flat(words(every.slides))) > len(flat(words(deck.slides)))

    one = secret[0]  # the window reveals one at a time
    revealed = deck_of(demo, revealed=frozenset({f"finding:{one.id}"}))
    assert [s for s in revealed.slides if s.record_id == one.id]
    assert all(flat(f.text)[:60] not in flat(words(revealed.slides)) for f in secret[1:])
    assert len(revealed.hidden) == len(deck.hidden) - 1


def test_names_pseudonymised_on_request(demo):
    with AssessmentDocument.open(demo, read_only=True) as document:
        people = {p.id: p.name for p in list_participants(document)}
        rapporteurs = [people[g.rapporteur_id] for g in list_groups(document)]
    plain = words(deck_of(demo).slides)
    assert all(name in plain for name in rapporteurs)  # the check can fail
    hidden = deck_of(demo, pseudonymise=True, reveal_all=True)
    text = words(hidden.slides)
    assert not [name for name in people.values() if name in text]
    assert "Rapporteur: I. K." in text  # the role said once (issue 13's walkthrough)
    assert "Rapporteur: Rapporteur" not in text


def test_a_file_with_open_conflicts_has_its_slides(demo_template, tmp_path):
    merged = build_merged_demo(demo_template, tmp_path)
    deck = deck_of(merged)
    assert SlideKind.FINDING in deck.kinds() and len(deck.slides) > 20


def test_the_model_needs_neither_qt_nor_reportlab():
    """The window draws the same slides with its own fonts: the model (reading,
    composing, themes) imports no drawing library; only pdf.py takes reportlab."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import idg_desktop.reports.slides.compose, idg_desktop.reports.slides.reading\n"
        "import idg_desktop.reports.slides.theme\n"
        "print(sorted(m for m in ('reportlab', 'PySide6') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
