"""From agreed findings to activities in the window, without guessing: the Add
activity dialog marks the findings that already have an activity, one button
creates the missing ones in one undo step, undo texts name the activity, and
Place activity proposes the output there is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from idg_desktop.domain.priorities import CRITERIA
from idg_desktop.services import activities, findings, plan
from idg_desktop.services.assessment import sections_in_scope
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.pages import plan_dialogs, priorities_page
from idg_desktop.ui.pages.plan_page import ActionPlanPage
from idg_desktop.ui.pages.priorities_page import (
    FIRST_CRITERION,
    AddActivityDialog,
    PrioritiesPage,
)
from idg_desktop.ui.workspace import Workspace


def _waiting(document) -> set[str]:
    return {f.id for f in activities.agreed_without_activity(document)}


def test_add_activity_marks_findings_that_have_one_and_lists_them_last(qtbot, show, workspace):
    page = show(PrioritiesPage(workspace))
    document = workspace.document
    answered = activities.activities_by_finding(document)
    a1 = next(n for n in plan.action_plan(document).nodes() if getattr(n, "code", "") == "A1")
    a1_finding = a1.activity.finding_ids[0]
    dialog = AddActivityDialog(page)
    qtbot.addWidget(dialog)
    ids = [dialog.finding.itemData(i) for i in range(1, dialog.finding.count())]
    texts = [dialog.finding.itemText(i) for i in range(1, dialog.finding.count())]
    usable = {
        f.id for f in findings.list_findings(document) if f.status in activities.USABLE_FINDINGS
    }
    assert set(ids) == usable
    has = [i in answered for i in ids]
    assert any(has) and not all(has)
    assert has == sorted(has)  # the waiting ones first, those with an activity after
    for finding_id, text in zip(ids, texts, strict=True):
        assert ("— has " in text) == (finding_id in answered), text
    assert texts[ids.index(a1_finding)].endswith("— has A1")
    tip = dialog.finding.itemData(ids.index(a1_finding) + 1, Qt.ItemDataRole.ToolTipRole)
    assert "A1: " in tip


def test_create_from_all_agreed_findings_is_one_undo_step_and_idempotent(
    qtbot, show, workspace, demo_file
):
    page = show(PrioritiesPage(workspace))
    document = workspace.document
    waiting = _waiting(document)
    usable = [f for f in findings.list_findings(document) if f.status in activities.USABLE_FINDINGS]
    before = len(activities.list_activities(document))
    steps = workspace.undo_stack.count()
    page.from_findings_button.click()
    assert workspace.undo_stack.count() == steps + 1
    assert page.model.rowCount() == before + len(waiting)
    assert page.notice.isVisible()
    assert f"Created {len(waiting)} activities" in page.notice.text()
    assert f"Skipped {len(usable) - len(waiting)}" in page.notice.text()
    # in the file, each linked to its finding
    with AssessmentDocument.open(demo_file, read_only=True) as other:
        assert len(activities.list_activities(other)) == before + len(waiting)
        assert _waiting(other) == set()
    # a second click creates nothing, says so, and adds no undo step
    page.from_findings_button.click()
    assert workspace.undo_stack.count() == steps + 1
    assert page.model.rowCount() == before + len(waiting)
    assert "nothing created" in page.notice.text()
    # one undo takes them all away
    workspace.undo_stack.undo()
    assert page.model.rowCount() == before
    with AssessmentDocument.open(demo_file, read_only=True) as other:
        assert _waiting(other) == waiting


def test_undo_texts_name_the_activity(qtbot, show, workspace):
    page = show(PrioritiesPage(workspace))
    a3 = next(
        n for n in plan.action_plan(workspace.document).nodes() if getattr(n, "code", "") == "A3"
    )
    row = page.model.row_of(a3.activity.id)
    column = FIRST_CRITERION + list(CRITERIA).index("cost")
    page.table.setCurrentIndex(page.model.index(row, column))
    page.table.setFocus()
    level = "L" if a3.activity.cost != "low" else "H"
    qtbot.keyClick(page.table, level)
    assert workspace.undo_stack.undoText().startswith("Rate cost of A3: ")


def test_add_activity_dialog_still_accepts_a_finding_that_has_one(
    qtbot, show, workspace, monkeypatch
):
    page = show(PrioritiesPage(workspace))
    answered = activities.activities_by_finding(workspace.document)
    finding_id = next(iter(answered))

    def fill(dialog: QDialog) -> int:
        dialog.finding.setCurrentIndex(dialog.finding.findData(finding_id))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(priorities_page.AddActivityDialog, "exec", fill)
    page.add_button.click()
    made = page.current_activity()
    assert list(made.finding_ids) == [finding_id]
    assert len(activities.activities_by_finding(workspace.document)[finding_id]) == 2


def _place_dialog_seen(page, monkeypatch, activity_id: str) -> dict:
    """Open Place activity on ``activity_id``; what the dialog proposed, then Cancel."""
    seen: dict = {}

    def look(dialog: QDialog) -> int:
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        seen.update(
            index=dialog.output.currentIndex(),
            output=dialog.output.currentData(),
            text=dialog.output.currentText(),
            ok=ok.isEnabled(),
        )
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(plan_dialogs.PlaceDialog, "exec", look)
    page.select_node(activity_id)
    page.place_button.click()
    return seen


def test_place_proposes_the_output_of_the_activitys_section(qtbot, show, workspace, monkeypatch):
    document = workspace.document
    outputs = {
        n.activity.output_id
        for n in plan.action_plan(document).nodes()
        if isinstance(n, plan.ActivityNode) and n.activity.section_code == "HR"
    }
    assert len(outputs) == 1  # the demo's HR activities all serve one output
    new = activities.add_activity(document, title="Rotate examiners", section="HR")
    page = show(ActionPlanPage(workspace), (1366, 768))
    seen = _place_dialog_seen(page, monkeypatch, new.id)
    assert seen["output"] == next(iter(outputs)) and seen["ok"]


def test_place_leaves_a_real_choice_to_the_user(qtbot, show, workspace, monkeypatch):
    document = workspace.document
    sections = {a.section_code for a in activities.list_activities(document) if a.output_id}
    section = next(s.code for s in sections_in_scope(document) if s.code not in sections)
    new = activities.add_activity(document, title="A new idea", section=section)
    page = show(ActionPlanPage(workspace), (1366, 768))
    seen = _place_dialog_seen(page, monkeypatch, new.id)
    assert seen["index"] == -1 and seen["output"] is None and not seen["ok"]
    assert seen["text"] != "Not yet in the plan"


def test_place_proposes_the_only_output(qtbot, show, new_file, monkeypatch):
    with AssessmentDocument.open(new_file) as document:
        outcome = plan.add_outcome(document, title="Integrity", level="ultimate")
        output = plan.add_output(document, title="A reporting channel", outcome=outcome.id)
        new = activities.add_activity(document, title="Open a hotline", section="AI")
        output_id, activity_id = output.id, new.id
    space = Workspace(AssessmentDocument.open(new_file))
    try:
        page = show(ActionPlanPage(space), (1280, 800))
        seen = _place_dialog_seen(page, monkeypatch, activity_id)
        assert seen["output"] == output_id and seen["ok"]
    finally:
        space.close()
