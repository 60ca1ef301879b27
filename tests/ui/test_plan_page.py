"""The Action plan page through its widgets, on the demo, checked on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from idg_desktop.services import plan
from idg_desktop.services.activities import find_activity
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.models.plan_model import COL_SMART, COL_TIMELINE, UNPLACED
from idg_desktop.ui.pages import plan_adoption, plan_dialogs
from idg_desktop.ui.pages.plan_page import ActionPlanPage


@pytest.fixture
def page(qtbot, workspace):
    widget = ActionPlanPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1600, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    return widget


def _answer(monkeypatch, dialog_class, fill) -> None:
    """Replace a dialog's exec: ``fill`` sets its widgets, the dialog is accepted."""

    def run(dialog: QDialog) -> int:
        fill(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog_class, "exec", run)


def _add_outcome(page, monkeypatch, title: str, level: str, parent: str | None = None) -> str:
    def fill(dialog):
        dialog.title.setText(title)
        dialog.level.setCurrentIndex(dialog.level.findData(level))
        dialog.parent_outcome.setCurrentIndex(dialog.parent_outcome.findData(parent))

    _answer(monkeypatch, plan_dialogs.OutcomeDialog, fill)
    page.add_outcome_button.click()
    return page.current_row().id


def _find(document, title: str):
    return next(n for n in plan.action_plan(document).nodes() if _title(n) == title)


def _title(node) -> str:
    record = getattr(node, "outcome", None) or getattr(node, "output", None) or node.activity
    return record.title


def _type(qtbot, edit, text: str) -> None:
    """Type into a line edit as a person would, then leave it with Return."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text) if text else qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_build_a_plan_through_the_page(
    qtbot, qtmodeltester, monkeypatch, page, workspace, demo_file
):
    document = workspace.document
    ultimate = _add_outcome(page, monkeypatch, "Borders free of bribes", "ultimate")
    middle = _add_outcome(
        page, monkeypatch, "Fewer discretionary decisions", "intermediate", ultimate
    )
    assert page.current_row().id == middle

    def output(dialog):
        assert dialog.outcome.currentData() == middle  # the selected outcome
        dialog.title.setText("Coded list of channel changes")

    _answer(monkeypatch, plan_dialogs.OutputDialog, output)
    page.add_output_button.click()
    output_id = page.current_row().id
    assert page.current_row().kind == "output"

    activity = plan.action_plan(document).unplaced[0].activity
    activity_id, activity_title = activity.id, activity.title
    page.select_node(activity_id)
    assert page.place_button.text().replace("&", "") == "Place activity…"

    def place(dialog):
        dialog.output.setCurrentIndex(dialog.output.findData(output_id))

    _answer(monkeypatch, plan_dialogs.PlaceDialog, place)
    page.place_button.click()
    row = page.current_row()
    assert row.id == activity_id and row.parent.id == output_id
    assert page.place_button.text().replace("&", "") == "Move to output…"

    # codes as in Annex 9, in the tree
    index = page.model.index_of(ultimate)
    code = plan.action_plan(document)
    top = next(o for o in code.outcomes if o.outcome.id == ultimate)
    assert index.data().startswith(f"Outcome {top.code} (ultimate)")
    assert page.model.index_of(middle).data().startswith(f"Outcome {top.code}.1 (intermediate)")
    assert page.model.index_of(output_id).data().startswith(f"Output {top.code}.1.1:")
    activity_index = page.model.index_of(activity_id)
    [placed] = top.outcomes[0].outputs[0].activities
    assert placed.code  # numbered through the plan (Figure 14), whatever the demo holds
    assert activity_index.data() == f"{placed.code}  {activity_title}"
    assert page.tree.isExpanded(page.model.index_of(output_id))

    # the detail form: one field, one undo step
    detail = page.detail
    steps = workspace.undo_stack.count()
    _type(qtbot, detail.fields["responsible_person"], "Marek Halvorsen")
    _type(qtbot, detail.fields["due"], "q1 2027")
    _type(qtbot, detail.fields["budget"], "EUR 40,000")
    assert workspace.undo_stack.count() == steps + 3
    assert detail.fields["due"].text() == "Q1 2027"  # shown as Annex 9 writes it
    _type(qtbot, detail.fields["budget"], "EUR 40,000")  # unchanged: no new step
    assert workspace.undo_stack.count() == steps + 3
    combo = detail.fields["integrity_effect"]
    combo.setCurrentIndex(combo.findData("greatly"))
    combo.activated.emit(combo.currentIndex())
    timeline = page.model.index_of(activity_id, COL_TIMELINE).data()
    assert timeline == "by Q1 2027"

    # SMART: ticking needs a name; computed criteria say why
    smart = page.model.index_of(activity_id, COL_SMART).data()
    assert smart == "S✗ M✗ A✗ R✗ T✓"
    detail.ticks["specific"].click()
    assert not detail.ticks["specific"].isChecked()
    assert detail.smart_message.isVisible()
    assert "who confirms" in detail.smart_message.text()
    assert "Needs a KPI with a target value" in detail.computed["measurable"][1].text()
    detail.confirmers["specific"].setCurrentText("Selin Arkadi")
    detail.ticks["specific"].click()
    assert not detail.smart_message.isVisible()
    assert page.model.index_of(activity_id, COL_SMART).data() == "S✓ M✗ A✗ R✗ T✓"
    assert detail.ticks["specific"].isChecked()
    assert detail.confirmers["specific"].currentText() == "Selin Arkadi"

    # a tick on an outcome too
    page.select_node(ultimate)
    assert not detail.plan_box.isVisible() and detail.smart_box.isVisible()
    detail.confirmers["relevant"].setCurrentText("Amara Okonkwo-Lindgren")
    detail.ticks["relevant"].click()

    # adoption
    def endorse(dialog):
        dialog.endorsed_by.setCurrentText("Director General Ilse Karvonen")
        dialog.endorsed_on.setDate(dialog.endorsed_on.date().fromString("2026-05-04", "yyyy-MM-dd"))
        dialog.strategy_link.setText("National anti-corruption strategy, pillar 3")

    before = page.adoption.endorsements()  # the demo may hold some already
    with pytest.MonkeyPatch.context() as patch:
        _answer(patch, plan_adoption.AdoptionDialog, endorse)
        page.adoption.record_button.click()
    shown = ("Director General Ilse Karvonen", "2026-05-04")
    after = page.adoption.endorsements()
    assert [r[:2] for r in after if r not in before] == [shown]

    # undo takes back the last change only, on disk and on screen
    workspace.undo_stack.undo()
    assert page.adoption.endorsements() == before
    assert len(plan.list_adoptions(workspace.document)) == len(before)
    workspace.undo_stack.redo()
    assert page.adoption.endorsements() == after
    assert page.current_row().id == ultimate  # selection kept across reloads

    qtmodeltester.check(page.model)
    page.grab().save(str(Path(demo_file).with_suffix(".png")))

    workspace.close()
    reopened = AssessmentDocument.open(demo_file, read_only=True)
    try:
        chain = plan.action_plan(reopened)
        top = next(o for o in chain.outcomes if o.outcome.id == ultimate)
        assert top.outcome.level == "ultimate"
        assert top.smart.relevant == "Amara Okonkwo-Lindgren"
        [child] = top.outcomes
        assert (child.outcome.id, child.outcome.level) == (middle, "intermediate")
        [out] = child.outputs
        assert (out.output.id, out.output.title) == (output_id, "Coded list of channel changes")
        [placed] = out.activities
        saved = placed.activity
        assert saved.id == activity_id
        assert saved.responsible_person == "Marek Halvorsen"
        assert saved.due == "2027-Q1"
        assert saved.budget == "EUR 40,000"
        assert saved.integrity_effect == "greatly"
        assert placed.smart.specific == "Selin Arkadi"
        [adoption] = [
            a
            for a in plan.list_adoptions(reopened)
            if a.endorsed_by.startswith("Director General I")
        ]
        assert adoption.endorsed_by == "Director General Ilse Karvonen"
        assert adoption.endorsed_on == "2026-05-04"
        assert adoption.strategy_link == "National anti-corruption strategy, pillar 3"
    finally:
        reopened.close()


def _on_disk(path: Path, read):
    document = AssessmentDocument.open(path, read_only=True)
    try:
        return read(document)
    finally:
        document.close()


def test_a_refused_timeline_leaves_the_file_unchanged(qtbot, page, workspace, demo_file):
    refusals: list[str] = []
    workspace.failed.connect(refusals.append)
    activity = plan.action_plan(workspace.document).unplaced[0].activity
    activity_id = activity.id
    page.select_node(activity_id)
    _type(qtbot, page.detail.fields["start"], "Q3 2027")
    steps = workspace.undo_stack.count()

    _type(qtbot, page.detail.fields["due"], "2027-03-31")

    assert refusals and "comes before the start" in refusals[-1]
    assert workspace.undo_stack.count() == steps
    assert page.detail.fields["due"].text() == ""  # back to what the file holds
    saved = _on_disk(demo_file, lambda d: find_activity(d, activity_id))
    assert (saved.start, saved.due) == ("2027-Q3", "")

    _type(qtbot, page.detail.fields["staff_count"], "a few")  # not a number: refused too
    assert "not a number of staff" in refusals[-1]
    assert _on_disk(demo_file, lambda d: find_activity(d, activity_id).staff_count) is None


def _add(workspace, title: str, **where) -> str:
    if "outcome" in where:
        made = workspace.run(
            "Add", lambda: plan.add_output(workspace.document, title=title, **where)
        )
    else:
        made = workspace.run(
            "Add", lambda: plan.add_outcome(workspace.document, title=title, **where)
        )
    return made.id


def test_move_rename_and_delete(qtbot, page, workspace, demo_file, monkeypatch):
    first = _add(workspace, "First goal", level="ultimate")
    second = _add(workspace, "Second goal", level="ultimate")
    output = _add(workspace, "An output to delete", outcome=second)
    activity_id = plan.action_plan(workspace.document).unplaced[0].activity.id
    workspace.run("Place", lambda: plan.place_activity(workspace.document, activity_id, output))

    def order() -> list[str]:
        tops = _on_disk(demo_file, lambda d: [o.outcome.id for o in plan.action_plan(d).outcomes])
        return [t for t in tops if t in (first, second)]

    page.select_node(second)
    assert page.up_button.isEnabled() and not page.down_button.isEnabled()
    page.tree.collapse(page.model.index_of(second))
    page.up_button.click()
    assert order() == [second, first]
    assert not page.tree.isExpanded(page.model.index_of(second))  # as the user left it
    assert page.current_row().id == second  # still selected after the reload
    page.down_button.click()
    assert order() == [first, second]

    # a title typed in the tree (F2), saved when the editor closes
    page.select_node(first)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Integrity at every border post")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            _on_disk(demo_file, lambda d: plan.find_outcome(d, first).title)
            == "Integrity at every border post"
        )
    )
    qtbot.waitUntil(lambda: "Integrity at every border post" in page.model.index_of(first).data())

    # delete asks first; "No" keeps it, "Yes" deletes it and frees the activity
    page.select_node(output)
    asked: list[str] = []

    def answer(reply):
        def question(_parent, _title, text, *_args):
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    page.delete_button.click()
    assert "An output to delete" in asked[-1]
    assert page.model.index_of(output).isValid()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    page.delete_button.click()
    assert not page.model.index_of(output).isValid()
    assert page.current_row().id == second  # the parent is selected instead
    assert page.model.index_of(activity_id).parent() == page.model.index_of(UNPLACED)
    unplaced = _on_disk(demo_file, lambda d: [a.activity.id for a in plan.action_plan(d).unplaced])
    assert activity_id in unplaced

    workspace.undo_stack.undo()
    assert page.model.index_of(activity_id).parent() == page.model.index_of(output)


def test_remove_an_endorsement_asks_first(qtbot, page, workspace, demo_file, monkeypatch):
    made = workspace.run(
        "Endorse",
        lambda: plan.add_adoption(
            workspace.document, endorsed_by="Management Board", endorsed_on="2026-04-15"
        ),
    )
    row = [a.id for a in plan.list_adoptions(workspace.document)].index(made.id)
    page.adoption.table.selectRow(row)
    assert page.adoption.remove_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    page.adoption.remove_button.click()
    assert ("Management Board", "2026-04-15", "", "") not in page.adoption.endorsements()
    ids = _on_disk(demo_file, lambda d: [a.id for a in plan.list_adoptions(d)])
    assert made.id not in ids


def test_move_an_output_to_another_outcome(qtbot, page, workspace, demo_file, monkeypatch):
    first = _add(workspace, "Goods cleared without favours", level="ultimate")
    second = _add(workspace, "Staff rotated out of sensitive posts", level="ultimate")
    output = _add(workspace, "Rotation register kept", outcome=first)
    activity_id = plan.action_plan(workspace.document).unplaced[0].activity.id
    workspace.run("Place", lambda: plan.place_activity(workspace.document, activity_id, output))

    page.select_node(activity_id)
    assert page.place_button.text().replace("&", "") == "Move to output…"
    page.select_node(output)
    assert page.place_button.isEnabled()
    assert page.place_button.text().replace("&", "") == "Move to outcome…"

    offered: list[str] = []

    def choose(dialog):
        offered.extend(dialog.outcome.itemData(i) for i in range(dialog.outcome.count()))
        assert dialog.outcome.currentData() == first  # where it is now
        dialog.outcome.setCurrentIndex(dialog.outcome.findData(second))

    _answer(monkeypatch, plan_dialogs.MoveOutputDialog, choose)
    steps = workspace.undo_stack.count()
    page.place_button.click()

    assert {first, second} <= set(offered)
    assert workspace.undo_stack.count() == steps + 1  # one undo step
    assert page.current_row().id == output  # still selected, under its new outcome
    assert page.model.index_of(output).parent() == page.model.index_of(second)
    assert page.model.index_of(activity_id).parent() == page.model.index_of(output)

    # the same outcome again: nothing to do, no step
    _answer(monkeypatch, plan_dialogs.MoveOutputDialog, lambda _dialog: None)
    page.place_button.click()
    assert workspace.undo_stack.count() == steps + 1

    workspace.undo_stack.undo()
    assert page.model.index_of(output).parent() == page.model.index_of(first)
    workspace.undo_stack.redo()
    assert page.model.index_of(output).parent() == page.model.index_of(second)

    workspace.close()
    moved = _on_disk(demo_file, lambda d: plan.find_output(d, output).outcome_id)
    assert moved == second
    chain = _on_disk(
        demo_file,
        lambda d: {
            o.outcome.id: [(x.output.id, [a.activity.id for a in x.activities]) for x in o.outputs]
            for o in plan.action_plan(d).outcomes
        },
    )
    assert chain[first] == []
    assert chain[second] == [(output, [activity_id])]


def _leave(qtbot, field, text: str, then) -> None:
    """Type into a multi-line field as a person would, then move on to ``then``."""
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)
    then.setFocus()
    qtbot.waitUntil(then.hasFocus)


def test_describe_an_outcome_and_an_output(qtbot, page, workspace, demo_file):
    outcome = _add(workspace, "Honest border posts", level="ultimate")
    output = _add(workspace, "Complaints channel open", outcome=outcome)
    detail = page.detail
    activity_id = plan.action_plan(workspace.document).unplaced[0].activity.id
    page.select_node(activity_id)
    assert not detail.description_box.isVisible()  # activities have their own fields

    page.select_node(outcome)
    assert detail.description_box.isVisible()
    assert detail.description.toPlainText() == ""
    steps = workspace.undo_stack.count()
    _leave(qtbot, detail.description, "  Travellers meet no request for a bribe.  ", page.tree)
    assert workspace.undo_stack.count() == steps + 1
    assert detail.description.toPlainText() == "Travellers meet no request for a bribe."
    # left again without a change: no new step
    _leave(qtbot, detail.description, "Travellers meet no request for a bribe.", page.tree)
    assert workspace.undo_stack.count() == steps + 1

    page.select_node(output)
    assert detail.description.toPlainText() == ""  # its own description, not the outcome's
    _leave(qtbot, detail.description, "A hotline and a web form.", page.tree)
    assert workspace.undo_stack.count() == steps + 2
    assert workspace.undo_stack.undoText() == "Edit output description"

    page.select_node(outcome)
    assert detail.description.toPlainText() == "Travellers meet no request for a bribe."

    workspace.close()
    saved = _on_disk(
        demo_file,
        lambda d: (
            plan.find_outcome(d, outcome).description,
            plan.find_output(d, output).description,
        ),
    )
    assert saved == ("Travellers meet no request for a bribe.", "A hotline and a web form.")
