"""The small helpers issue 12's clean-up shares across the core (one place
instead of each module spelling the same thing)."""

from __future__ import annotations

import pickle

from idg_desktop.domain import plan, priorities, vocabulary
from idg_desktop.domain.vocabulary import closed_list


def test_a_closed_list_names_its_members_after_the_values() -> None:
    Kind = closed_list("Kind", "in-country", "self")
    assert [(m.name, m.value) for m in Kind] == [("IN_COUNTRY", "in-country"), ("SELF", "self")]
    assert Kind("self") is Kind.SELF and Kind.SELF == "self"


def test_the_closed_lists_belong_to_the_module_that_declares_them() -> None:
    for enum, module in (
        (vocabulary.Rating, vocabulary),
        (priorities.Level, priorities),
        (plan.Extent, plan),
    ):
        assert enum.__module__ == module.__name__
        member = next(iter(enum))
        assert pickle.loads(pickle.dumps(member)) is member


def test_the_report_carries_the_scope_snapshot_itself(demo_file) -> None:
    from idg_desktop.reports.content import read_report
    from idg_desktop.services.assessment import assessment_of
    from idg_desktop.storage.document import AssessmentDocument

    with AssessmentDocument.open(demo_file, read_only=True) as document:
        assert read_report(document).scope == assessment_of(document)


def test_fetch_filters_joins_and_orders(demo_file) -> None:
    from idg_desktop.services.snapshots import fetch
    from idg_desktop.storage import models
    from idg_desktop.storage.document import AssessmentDocument

    with AssessmentDocument.open(demo_file, read_only=True) as document:
        question = models.Question
        found = fetch(
            document,
            models.Answer,
            question.section_code == "TR",
            join=(question, question.id == models.Answer.question_id),
            order_by=(question.position.desc(),),
        )
        every = {a.question_id: a for a in fetch(document, models.Answer)}
    assert found and all(a.question_id.startswith("TR-") for a in found)
    assert [a.question_id for a in found] == sorted(
        (q for q in every if q.startswith("TR-")), key=lambda q: -int(q.split("-")[1])
    )
