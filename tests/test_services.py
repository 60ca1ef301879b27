"""The services the window and the command share, checked on the reopened file."""

from __future__ import annotations

from pathlib import Path

import pytest

from idg_desktop.errors import InvalidInput
from idg_desktop.services import (
    answers,
    assessment,
    custom_questions,
    findings,
    groups,
    participants,
    profile,
)
from idg_desktop.services.answers import Evaluation
from idg_desktop.storage.document import AssessmentDocument


def _people(document, *specs):
    made = []
    for name, gender, role, expertise in specs:
        made.append(
            participants.add_participant(
                document,
                participants.ParticipantData(
                    name=name, gender=gender, role=role, expertise=expertise
                ),
            )
        )
    return made


def test_an_answer_keeps_its_history_with_authors(new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        ana, ben = _people(
            document, ("Ana", "female", "rapporteur", "Audit"), ("Ben", "male", "contributor", "IT")
        )
        answers.save_answer(
            document, "AU-3", text="Draft by Ana.", rating="absent", author_id=ana.id
        )
        answers.save_answer(
            document, "AU-3", text="Corrected by Ben.", rating="not-applied", author_id=ben.id
        )
        answers.save_answer(document, "AU-3", reviewed=True)  # a flag is not a new version
    with AssessmentDocument.open(new_file, read_only=True) as document:
        answer = answers.answer_for(document, "AU-3")
        history = answers.answer_history(document, answer)
        assert (answer.text, answer.rating, answer.author_id, answer.reviewed) == (
            "Corrected by Ben.",
            "not-applied",
            ben.id,
            True,
        )
        assert answer.revision == 3
        assert [(v.text, v.rating, v.author_id) for v in history] == [
            ("Draft by Ana.", "absent", ana.id)
        ]


def test_the_figure_5_evaluation_sets_and_stores_the_rating(new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        answers.save_answer(
            document,
            "HR-2",
            text="Rotation exists on paper.",
            evaluation=Evaluation(True, True, "partly"),
        )
        answers.save_answer(document, "HR-3", evaluation=Evaluation(True, False))
        answers.save_answer(document, "HR-4", rating="not-applicable")
    with AssessmentDocument.open(new_file, read_only=True) as document:
        first = answers.answer_for(document, "HR-2")
        assert first.rating == "partially-effective"
        assert (first.measure_exists, first.measure_applied, first.measure_effective) == (
            True,
            True,
            "partly",
        )
        assert answers.answer_for(document, "HR-3").rating == "not-applied"
        assert answers.answer_for(document, "HR-4").measure_exists is None


def test_findings_keep_their_history(new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        finding = findings.add_finding(
            document, section="cc", kind="weakness", text="No gifts register.", questions=["CC-11"]
        )
        findings.update_finding(document, finding.id, text="No gifts register at border posts.")
        findings.update_finding(document, finding.id[:8], status="agreed", note="Plenary, 12 March")
    with AssessmentDocument.open(new_file, read_only=True) as document:
        (stored,) = findings.list_findings(document, "CC")
        history = findings.finding_history(document, stored)
        assert stored.status == "agreed" and stored.revision == 3
        assert [(e.action, e.status, e.text) for e in history] == [
            ("created", "proposed", "No gifts register."),
            ("edited", "proposed", "No gifts register at border posts."),
            ("agreed", "agreed", "No gifts register at border posts."),
        ]
        assert history[-1].note == "Plenary, 12 March"


def test_custom_questions_cannot_clash_with_the_guide(new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        first = custom_questions.add_custom_question(document, "TR", "Is the tariff app updated?")
        second = custom_questions.add_custom_question(document, "tr", "Are rulings published?")
        answers.save_answer(document, "TR-C2", text="Yes, monthly.", rating="effective")
    assert (first.id, second.id) == ("TR-C1", "TR-C2")
    with AssessmentDocument.open(new_file, read_only=True) as document:
        assert answers.find_question(document, "tr-c1").text == "Is the tariff app updated?"
        assert answers.answer_for(document, "TR-C2").text == "Yes, monthly."


def test_scope_changes_which_sections_are_in_scope(new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        assessment.update_scope(
            document,
            sections="LC,HR",
            location="Port Amber",
            terms_of_reference={"mission_objective": "Assess HR."},
        )
        with pytest.raises(InvalidInput, match="Unknown section 'ZZ'"):
            assessment.update_scope(document, sections="LC,ZZ")
    with AssessmentDocument.open(new_file, read_only=True) as document:
        scope = assessment.assessment_of(document)
        codes = [s.code for s in assessment.sections_in_scope(document)]
        assert codes == ["LC", "HR"] and not scope.comprehensive
        assert scope.location == "Port Amber" and scope.revision == 2
        assert '"mission_objective": "Assess HR."' in scope.terms_of_reference


def test_the_integrity_profile_counts_ratings_per_section_and_subarea(new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        answers.save_answer(document, "LC-1", rating="effective")
        answers.save_answer(document, "LC-2", rating="absent")
        answers.save_answer(document, "LC-5", rating="effective")
        cells = profile.integrity_profile(document)
    lc_total = next(c for c in cells if c.section == "LC" and c.subarea == "")
    lc_one = next(c for c in cells if c.section == "LC" and c.subarea == "I")
    assert lc_total.questions == 23 and lc_total.assessed == 3
    assert lc_total.ratings["effective"] == 2 and lc_total.ratings["absent"] == 1
    assert lc_one.questions == 4 and lc_one.ratings["not-assessed"] == 2


def test_auto_allocation_balances_and_warnings_clear(new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        _people(
            document,
            ("R1", "female", "rapporteur", "Audit"),
            ("R2", "male", "rapporteur", "HR"),
            ("C1", "female", "contributor", "Audit"),
            ("C2", "male", "contributor", "Audit"),
            ("C3", "female", "contributor", "IT"),
            ("C4", "male", "contributor", "IT"),
            ("C5", "female", "contributor", "Legal"),
            ("C6", "male", "contributor", "Legal"),
            ("Boss", "male", "senior-management", "Management"),
        )
        before = groups.balance_warnings(document)
        assert {w.kind for w in before} == {"section-without-group"}
        allocation = groups.auto_allocate(document, 2)
        again = groups.auto_allocate(document, 2)
        assert allocation == again  # deterministic
        assert groups.balance_warnings(document) == []
    (_, sections1, members1), (_, sections2, members2) = allocation.groups
    assert sorted(sections1 + sections2) == sorted(
        ["LC", "RF", "TR", "AU", "RM", "AI", "CC", "HR", "MO", "PS", "SA", "CT", "MS", "GE"]
    )
    assert "Boss" not in members1 + members2
    assert {len(members1), len(members2)} == {4}
    with AssessmentDocument.open(new_file, read_only=True) as document:
        for group in groups.list_groups(document):
            people = groups.group_members(document, group)
            assert {p.gender for p in people} == {"female", "male"}
            assert len({p.expertise for p in people}) >= 3
            assert group.rapporteur_id in {p.id for p in people}


def test_moving_a_person_between_groups_clears_the_old_rapporteur(new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        (ana,) = _people(document, ("Ana", "female", "rapporteur", "Audit"))
        groups.add_group(document, "One", ["LC"], ["Ana"])
        groups.add_group(document, "Two", ["RF"], [])
        groups.assign_member(document, "Two", "Ana")
        kinds = {(w.kind, w.subject) for w in groups.balance_warnings(document)}
    assert ("group-without-rapporteur", "One") in kinds
    with AssessmentDocument.open(new_file, read_only=True) as document:
        one, two = groups.list_groups(document)
        assert one.rapporteur_id is None and list(two.member_ids) == [ana.id]


def test_group_collections_follow_changes_in_a_long_lived_session(new_file: Path):
    """The window keeps one session for hours: a member or section moved by a
    service shows at once in the groups' own collections and in the warnings."""
    with AssessmentDocument.open(new_file) as document:
        _people(
            document, ("Ana", "female", "rapporteur", "Audit"), ("Ben", "male", "contributor", "IT")
        )
        one = groups.add_group(document, "One", ["LC"], ["Ana"])
        two = groups.add_group(document, "Two", ["RF"], [])
        assert [p.name for p in groups.group_members(document, one)] == ["Ana"]
        assert groups.group_members(document, two) == []  # collections now loaded
        assert groups.group_sections(document, one) == ["LC"]
        groups.assign_member(document, "Two", "Ben")
        groups.assign_section(document, "Two", "LC")
        assert [p.name for p in groups.group_members(document, two)] == ["Ben"]
        assert groups.group_sections(document, two) == ["LC", "RF"]
        assert groups.group_sections(document, one) == []
