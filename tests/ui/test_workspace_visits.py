"""Visits (workspace.py): the saves of one sitting on a record are one undo
step, and the services keep one history entry for them; the visit ends when
the user leaves, when anything else changes, or on undo."""

from __future__ import annotations

from idg_desktop.services import answers, findings
from idg_desktop.services.records import Visit
from idg_desktop.storage.document import AssessmentDocument


def _save(workspace, qid: str, **fields):
    visit = workspace.visit(("answer", qid))
    return workspace.run(
        "Edit answer",
        lambda: answers.save_answer(workspace.document, qid, visit=visit, **fields),
        visit=visit,
    )


def _history(document, qid: str) -> list[str]:
    return [v.text for v in answers.answer_history(document, answers.answer_for(document, qid))]


def test_saves_of_one_visit_fold_into_one_step_and_undo_to_before_it(workspace, demo_file):
    document = workspace.document
    qid = "TR-2"
    answers.save_answer(document, qid, text="Before the visit.", rating="absent")
    steps, history = workspace.undo_stack.count(), _history(document, qid)
    for text in ("One", "One two", "One two three"):
        _save(workspace, qid, text=text)
    _save(workspace, qid, reviewed=True)
    assert workspace.undo_stack.count() == steps + 1
    assert _history(document, qid) == [*history, "Before the visit."]
    workspace.undo_stack.undo()
    stored = answers.answer_for(document, qid)
    assert (stored.text, stored.reviewed) == ("Before the visit.", False)
    assert _history(document, qid) == history
    workspace.undo_stack.redo()
    assert answers.answer_for(document, qid).text == "One two three"
    workspace.close()
    with AssessmentDocument.open(demo_file, read_only=True) as reopened:
        assert answers.answer_for(reopened, qid).text == "One two three"
        assert _history(reopened, qid) == [*history, "Before the visit."]


def test_a_visit_ends_on_leaving_on_another_change_and_on_undo(workspace):
    document = workspace.document
    qid, other = "TR-2", "TR-3"
    steps = workspace.undo_stack.count()
    _save(workspace, qid, text="First visit.")
    workspace.end_visit()  # another row, another page, closing
    _save(workspace, qid, text="Second visit.")
    _save(workspace, other, text="Another question.")  # another record
    _save(workspace, qid, text="Third visit.")
    workspace.run("Other", lambda: answers.save_answer(document, "TR-4", text="Elsewhere."))
    _save(workspace, qid, text="Fourth visit.")
    assert workspace.undo_stack.count() == steps + 6
    workspace.undo_stack.undo()
    _save(workspace, qid, text="Fifth visit.")  # after an undo: a step of its own
    assert workspace.undo_stack.count() == steps + 6
    assert _history(document, qid) == ["First visit.", "Second visit.", "Third visit."]


def test_an_unversioned_change_first_still_keeps_the_answer_before_the_visit(new_file):
    with AssessmentDocument.open(new_file) as document:
        answers.save_answer(document, "TR-1", text="As agreed yesterday.")
        visit = Visit(("answer", "TR-1"))
        answers.save_answer(document, "TR-1", marked_for_review=True, visit=visit)
        answers.save_answer(document, "TR-1", text="Rewritten", visit=visit)
        answers.save_answer(document, "TR-1", text="Rewritten today", visit=visit)
        answers.save_answer(document, "TR-1", rating="absent", visit=visit)
        assert _history(document, "TR-1") == ["As agreed yesterday."]
        answers.save_answer(document, "TR-1", text="Without a visit, one each.")
        assert _history(document, "TR-1") == ["As agreed yesterday.", "Rewritten today"]


def test_one_visit_to_a_finding_is_one_event_with_its_final_state(new_file):
    with AssessmentDocument.open(new_file) as document:
        found = findings.add_finding(document, section="TR", kind="weakness", text="Draft")
        visit = Visit(("finding", found.id))
        findings.update_finding(document, found.id, text="Draft, longer", visit=visit)
        findings.update_finding(document, found.id, status="agreed", visit=visit)
        findings.update_finding(document, found.id, proposed_action="Act", visit=visit)
        events = [
            (e.action, e.status, e.text, e.proposed_action)
            for e in findings.finding_history(document, found)
        ]
        assert events == [
            ("created", "proposed", "Draft", ""),
            ("agreed", "agreed", "Draft, longer", "Act"),
        ]
        now = findings.find_finding(document, found.id)  # a snapshot is as it was when taken
        assert findings.finding_history(document, found)[-1].revision == now.revision


def test_a_visit_kept_after_it_ended_starts_a_new_one(workspace):
    document = workspace.document
    found = findings.list_findings(document)[0]
    events = len(findings.finding_history(document, found))
    steps = workspace.undo_stack.count()
    visit = workspace.visit(("finding", found.id))
    for text in ("First sitting.", "Stale visit, second sitting."):
        workspace.run(
            "Edit finding",
            lambda t=text: findings.update_finding(document, found.id, text=t, visit=visit),
            visit=visit,
        )
        workspace.end_visit()
    history = findings.finding_history(document, found)
    assert [e.text for e in history[events:]] == ["First sitting.", "Stale visit, second sitting."]
    assert workspace.undo_stack.count() == steps + 2
