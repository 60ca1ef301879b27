"""What the reports say, read by a person: counts in the right number, none left at 0.

Key messages of a young assessment said "over 0 workshop sessions", "1
strengths", "0 recommendations" (issue 11). Every count now goes through the
plural-aware catalogue (``domain/plurals.py``): the singular for one, the plural
for many, and a sentence said otherwise (or left out) when there is none.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from idg_desktop.domain.plurals import catalogue, ngettext
from idg_desktop.domain.priorities import CRITERIA
from idg_desktop.reports.assessment import key_messages
from idg_desktop.reports.content import read_report
from idg_desktop.services import activities, agenda, answers, background, findings, groups
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.services.participants import ParticipantData, add_participant
from idg_desktop.storage.document import AssessmentDocument

#: Counts that read wrong whatever follows: "0 strengths", "1 participants"...
ZERO = re.compile(r"\b0 [a-z]")
ONE_MANY = re.compile(
    r"\b1 (participants|working groups|workshop sessions|strengths|weaknesses|"
    r"recommendations|activities|key factors|measures|findings|background documents)\b"
)


def _messages(path: Path) -> list[str]:
    with AssessmentDocument.open(path, read_only=True) as document:
        report = read_report(document)
        return key_messages(report), report.steps


def _read_like_a_person(texts: list[str]) -> None:
    for text in texts:
        assert not ZERO.search(text), text
        assert not ONE_MANY.search(text), text


def test_the_catalogue_is_babel_and_empty_for_english():
    assert type(catalogue()).__name__ in ("NullTranslations", "Translations")
    assert ngettext("{n} strength", "{n} strengths", 1) == "1 strength"
    assert ngettext("{n} strength", "{n} strengths", 2) == "2 strengths"
    assert ngettext("{n} of {total}", "{n} of {total}", 0, total="{x}") == "0 of {x}"


def test_a_new_assessment_says_what_has_not_happened_yet(new_file: Path):
    messages, steps = _messages(new_file)
    text = " ".join(messages)
    _read_like_a_person(messages + [d for *_, d in steps])
    assert messages[0].startswith("The assessment covered 14 key factors and areas")
    assert "participant" not in messages[0] and "session" not in messages[0]
    assert "No workshop session has been recorded yet." in messages
    assert "None of the 282 checklist questions has been rated yet." in messages
    assert "The plenary has not yet agreed any finding." in messages
    assert "prioritised" not in text
    assert "The action plan has not yet been endorsed." in messages


@pytest.fixture
def one_of_each(tmp_path: Path) -> Path:
    """One section, participant, group, session, rated question, finding of each
    kind, activity (high priority) and background document."""
    path = tmp_path / "one.idg"
    create_assessment(path, Scope(title="One", administration="Customs", sections=["LC"])).close()
    with AssessmentDocument.open(path) as document:
        person = add_participant(document, ParticipantData(name="Ana Teller"))
        groups.add_group(document, "Group A", ["LC"], [person.id])
        agenda.add_session(document, day="2026-03-02", topic="Opening", participants=[person.id])
        answers.save_answer(document, "LC-1", text="A law exists.", rating="effective")
        for kind in ("strength", "weakness", "recommendation"):
            found = findings.add_finding(document, section="LC", kind=kind, text=f"One {kind}.")
            findings.decide_finding(document, found.id, "agreed")
        activity = activities.add_activity(document, title="Publish the code", section="LC")
        activities.rate_activity(document, activity.id, dict.fromkeys(CRITERIA, "high"))
        background.add_document(document, title="Customs law")
    return path


def test_one_of_each_is_said_in_the_singular(one_of_each: Path):
    messages, steps = _messages(one_of_each)
    _read_like_a_person(messages + [d for *_, d in steps])
    assert messages[0] == (
        "The assessment covered 1 key factor or area (selected sections) with 1 participant "
        "in 1 working group over 1 workshop session."
    )
    assert not any("No workshop session" in m for m in messages)
    assert re.match(
        r"1 of \d+ checklist questions was rated; the one measure evaluated is rated effective\.$",
        messages[1],
    ), messages[1]
    assert "The plenary agreed 1 strength, 1 weakness or risk, and 1 recommendation." in messages
    assert "1 activity was prioritised; it is high priority: Publish the code." in messages, (
        messages
    )
    step_words = {number: what for number, _, _, what in steps}
    assert step_words[2] == "1 working group, 1 participant"
    assert step_words[3] == "1 background document reviewed"
    assert step_words[4] == "1 workshop session planned"
    assert step_words[5].endswith("1 finding") or step_words[5].endswith("3 findings")


def test_the_demo_says_its_counts_in_the_plural(demo_file: Path):
    messages, steps = _messages(demo_file)
    _read_like_a_person(messages + [d for *_, d in steps])
    assert messages[0] == (
        "The assessment covered 14 key factors and areas (comprehensive) with 23 participants "
        "in 4 working groups over 8 workshop sessions."
    )
    assert re.match(
        r"72 of \d+ checklist questions were rated; \d+ of the \d+ measures evaluated are ",
        messages[1],
    ), messages[1]
    agreed = next(m for m in messages if m.startswith("The plenary agreed"))
    assert re.fullmatch(
        r"The plenary agreed \d+ strengths, \d+ weaknesses and risks, and \d+ recommendations\.",
        agreed,
    )
    assert any(
        re.match(r"10 activities were prioritised; \d+ are high priority: ", m) for m in messages
    )


def test_a_new_assessments_report_says_what_is_not_there_yet(new_file: Path, tmp_path: Path):
    import pypdf

    from idg_desktop.cli import main

    pdf = tmp_path / "young.pdf"
    assert main(["export", "pdf", str(new_file), "--report", "assessment", "-o", str(pdf)]) == 0
    pages = [page.extract_text() for page in pypdf.PdfReader(pdf).pages]
    opening = " ".join(" ".join(pages[:4]).split())
    assert "No participant recorded yet." in opening
    assert "No working group set up yet." in opening
    assert "no background document has been recorded yet" in opening
    assert "checklist answered and rated" not in opening  # nothing is, yet
    _read_like_a_person([opening])


def test_one_unplaced_activity_is_said_in_the_singular(new_file: Path, tmp_path: Path):
    import pypdf

    from idg_desktop.cli import main

    with AssessmentDocument.open(new_file) as document:
        activities.add_activity(document, title="Not yet rated", section="LC")
    pdf = tmp_path / "matrix.pdf"
    assert main(["export", "pdf", str(new_file), "--report", "matrix", "-o", str(pdf)]) == 0
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages).split())
    assert "1 activity is not placed: its impact or ease is not rated yet." in text
