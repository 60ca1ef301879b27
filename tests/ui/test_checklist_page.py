"""The Checklist page: answering, Figure 5, flags, undo, filters, progress, the model."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from idg_desktop.services import answers
from idg_desktop.services.assessment import update_scope
from idg_desktop.services.groups import assign_section, find_group
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.models.checklist_model import COL_PROGRESS, QuestionIdRole, SectionCodeRole
from idg_desktop.ui.pages.checklist_page import ChecklistPage
from idg_desktop.ui.workspace import Workspace


@pytest.fixture
def page(qtbot, demo_file: Path):
    workspace = Workspace(AssessmentDocument.open(demo_file))
    widget = ChecklistPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1600, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.hide()
    workspace.close()


def stored(path: Path, qid: str):
    """The answer as the file holds it, read through a separate read-only connection."""
    with AssessmentDocument.open(path, read_only=True) as document:
        return answers.answer_for(document, qid)


def select(page: ChecklistPage, qid: str) -> None:
    page.tree.setCurrentIndex(page.proxy.mapFromSource(page.model.index_of(qid)))
    assert page.where.text().startswith(qid)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def shown_questions(page: ChecklistPage) -> list[str]:
    found = []

    def walk(parent: QModelIndex) -> None:
        for row in range(page.proxy.rowCount(parent)):
            index = page.proxy.index(row, 0, parent)
            if index.data(QuestionIdRole):
                found.append(index.data(QuestionIdRole))
            walk(index)

    walk(QModelIndex())
    return found


def test_an_answer_typed_and_evaluated_is_in_the_file(page, qtbot, demo_file):
    assert stored(demo_file, "TR-2") is None
    select(page, "TR-2")
    assert page.model.index_of("TR", COL_PROGRESS).data() == "6/31"
    qtbot.keyClicks(page.narrative, "Tariff rulings are published within a week.")
    click(qtbot, page.measure.buttons[0])  # Is there a measure? Yes
    assert page.applied.isEnabled() and not page.effective.isEnabled()
    click(qtbot, page.applied.buttons[0])  # Applied in practice? Yes
    assert page.effective.isEnabled()
    click(qtbot, page.effective.buttons[1])  # Effective? Partly
    assert page.chip.text() == "Partially effective"
    click(qtbot, page.for_review)
    click(qtbot, page.confidential)
    qtbot.keyClicks(page.evidence, "Official Gazette no. 12")
    qtbot.waitUntil(lambda: page.model.answer("TR-2").evidence == "Official Gazette no. 12")
    assert page.model.index_of("TR", COL_PROGRESS).data() == "7/31"
    page.workspace.close()

    answer = stored(demo_file, "TR-2")
    assert answer.text == "Tariff rulings are published within a week."
    assert answer.rating == "partially-effective"
    assert (answer.measure_exists, answer.measure_applied, answer.measure_effective) == (
        True,
        True,
        "partly",
    )
    assert answer.marked_for_review and answer.confidential and not answer.reviewed


def test_typing_is_one_undo_step_and_undo_restores_the_answer(page, qtbot, demo_file):
    before = stored(demo_file, "LC-6").text
    select(page, "LC-6")
    assert page.narrative.toPlainText() == before
    stack = page.workspace.undo_stack
    steps = stack.count()
    page.narrative.selectAll()
    qtbot.keyClicks(page.narrative, "Rewritten in plenary.")
    qtbot.waitUntil(lambda: stack.count() == steps + 1)
    assert stack.undoText() == "Edit answer to LC-6"
    assert stored(demo_file, "LC-6").text == "Rewritten in plenary."

    stack.undo()
    assert stored(demo_file, "LC-6").text == before
    assert page.narrative.toPlainText() == before
    assert page.where.text().startswith("LC-6")  # selection kept through the reload
    page.flush()
    assert stack.count() == steps + 1 and stack.canRedo()  # nothing saved again
    stack.redo()
    assert page.narrative.toPlainText() == "Rewritten in plenary."


def test_nothing_is_saved_when_nothing_changed(page, qtbot):
    stack = page.workspace.undo_stack
    for qid in ("LC-1", "TR-20", "CC-8", "GE-7"):
        select(page, qid)
    select(page, "TR-20")  # effective: Yes / Yes / Yes, implied by its rating
    assert [c.value() for c in (page.measure, page.applied, page.effective)] == [True, True, "yes"]
    click(qtbot, page.effective.buttons[2])  # the answer already shown
    click(qtbot, page.narrative)
    page.hide()
    assert stack.count() == 0


def test_not_applicable_and_a_measure_that_is_absent(page, qtbot, demo_file):
    select(page, "TR-3")
    click(qtbot, page.not_applicable)
    qtbot.waitUntil(lambda: page.model.answer("TR-3").rating == "not-applicable")
    assert not page.measure.isEnabled()
    click(qtbot, page.not_applicable)
    click(qtbot, page.measure.buttons[1])  # No measure
    qtbot.waitUntil(lambda: page.model.answer("TR-3").rating == "absent")
    assert not page.applied.isEnabled() and page.chip.text() == "Absent"
    assert stored(demo_file, "TR-3").rating == "absent"


def test_a_change_made_elsewhere_updates_the_editor(page, qtbot):
    select(page, "RF-8")
    page.workspace.run(
        "Edit answer to RF-8",
        lambda: answers.save_answer(page.document, "RF-8", text="Changed by the facilitator."),
    )
    assert page.narrative.toPlainText() == "Changed by the facilitator."
    assert page.where.text().startswith("RF-8")


def test_group_rating_and_search_filters(page, qtbot):
    group = find_group(page.document, "Group C – Control and conduct")
    page.group_filter.setCurrentIndex(page.group_filter.findData(group.id))
    tops = [page.proxy.index(r, 0).data(SectionCodeRole) for r in range(page.proxy.rowCount())]
    assert tops == ["AI", "CC", "SA"]
    assert page.shown.text() == "54 questions shown"
    page.workspace.run("Give GE", lambda: assign_section(page.document, group.id, "GE"))
    tops = [page.proxy.index(r, 0).data(SectionCodeRole) for r in range(page.proxy.rowCount())]
    assert tops == ["AI", "CC", "SA", "GE"]  # the filter follows the group's sections

    page.group_filter.setCurrentIndex(0)
    page.rating_filter.setCurrentIndex(page.rating_filter.findData("absent"))
    absent = [q for q in page.model.question_ids() if page.model.answer(q).rating == "absent"]
    assert len(absent) >= 5 and shown_questions(page) == absent
    assert page.where.text().startswith(absent[0])  # the editor follows the filter

    page.rating_filter.setCurrentIndex(0)
    page.focus_search()
    qtbot.keyClicks(page.search, "kelmor pass")
    shown = shown_questions(page)
    assert "HR-21" in shown and "LC-1" not in shown
    for qid in shown:
        words = (page.model.question(qid).text + page.model.answer(qid).text).casefold()
        assert "kelmor" in words and "pass" in words

    page.search.clear()
    page.status_filter.setCurrentIndex(page.status_filter.findData("review"))
    flagged = {q for q in page.model.question_ids() if page.model.answer(q).marked_for_review}
    assert set(shown_questions(page)) == flagged


def test_next_and_previous_question_from_the_keyboard(page, qtbot):
    select(page, "CC-5")
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.narrative.setFocus()
    qtbot.keyClick(page.narrative, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert page.where.text().startswith("CC-6")  # into part a) of sub-area III
    qtbot.keyClick(page.narrative, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert page.where.text().startswith("CC-5")
    page.focus_search()
    assert QApplication.focusWidget() is page.search
    page.show_target(("TR", "IV"))  # from the heat map: a sub-area's first question
    assert page.where.text().startswith("TR-20")
    labels = [w.buddy() for w in page.findChildren(type(page.shown)) if w.buddy()]
    assert page.narrative in labels and page.search in labels and page.evidence in labels


def test_the_model_is_a_valid_qt_model(page, qtmodeltester):
    qtmodeltester.check(page.model)
    assert page.model.index_of("CC/III/a").data() == "a) Management and leadership commitment"
    assert page.model.index_of("GE-1").parent().data(SectionCodeRole) == "GE"
    select(page, "CC-8")
    page.workspace.run(  # answers only: rows updated in place, still checked by the tester
        "Edit", lambda: answers.save_answer(page.document, "CC-9", text="Yes, since 2021.")
    )
    assert page.model.index_of("CC/III/b", COL_PROGRESS).data() == "3/4"
    page.workspace.run(  # scope: the tree is rebuilt, the question shown stays
        "Scope", lambda: update_scope(page.document, sections=["CC", "HR"])
    )
    assert page.proxy.rowCount() == 2 and page.where.text().startswith("CC-8")


def test_switching_questions_shows_each_one(page, qtbot):
    """Jumping around sections shows each question's own text and answer (how
    fast it is, is measured by bench/bench_window.py, not asserted here)."""
    order = ["LC-1", "TR-20", "HR-16", "CC-8", "GE-7", "AI-4", "MS-2", "PS-13"]
    for qid in order * 2:
        select(page, qid)
        QApplication.processEvents()
        assert page.where.text().startswith(qid)


def test_screenshot(page, qtbot, tmp_path):
    select(page, "HR-16")
    page.guidance_toggle.setChecked(True)
    target = tmp_path / "checklist.png"
    assert page.grab().save(str(target))
    assert target.stat().st_size > 10_000


def test_the_guidance_shown_is_the_current_key_factors(page, qtbot):
    """The guidance is set out only when opened, and always for the section shown."""
    from idg_desktop.domain.framework import bundled_framework

    statements = {s.code: s.arusha_statement for s in bundled_framework().sections}
    select(page, "LC-1")
    page.guidance_toggle.setChecked(True)
    assert statements["LC"][:60] in page.guidance.toPlainText()
    page.guidance_toggle.setChecked(False)
    select(page, "TR-20")  # another section while the guidance is closed
    page.guidance_toggle.setChecked(True)
    assert statements["TR"][:60] in page.guidance.toPlainText()
    select(page, "HR-16")  # and while it is open
    assert statements["HR"][:60] in page.guidance.toPlainText()
