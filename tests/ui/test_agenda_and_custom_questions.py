"""Agenda: a workshop session edited and deleted in the window, each one undo step;
Checklist: the facilitator's own question added to a section. The file is
reopened afterwards to check what it holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from idg_desktop.services import agenda
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.pages.agenda_page import AgendaPage, SessionDialog
from idg_desktop.ui.pages.checklist.question_dialog import QuestionDialog
from idg_desktop.ui.pages.checklist_page import ChecklistPage


def _sessions(path: Path) -> dict[str, tuple]:
    with AssessmentDocument.open(path, read_only=True) as document:
        return {
            s.id: (s.date, s.start, s.duration_minutes, s.topic, len(s.participant_ids), s.revision)
            for s in agenda.list_sessions(document)
        }


@pytest.fixture
def agenda_page(workspace, show):
    return show(AgendaPage(workspace))


def _row_of(page: AgendaPage, session_id: str) -> int:
    return next(
        r
        for r in range(page.sessions.rowCount())
        if page.sessions.item(r, 0).data(Qt.ItemDataRole.UserRole) == session_id
    )


def test_a_session_is_edited_from_the_keyboard_and_undone(
    qtbot, agenda_page, workspace, demo_file, monkeypatch
):
    page = agenda_page
    assert not page.edit_button.isEnabled() and not page.delete_button.isEnabled()
    before = _sessions(demo_file)
    session_id = sorted(before)[0]
    page.select_session(session_id)
    assert page.edit_button.isEnabled() and page.delete_button.isEnabled()

    seen: list[str] = []

    def fill(dialog: SessionDialog) -> int:
        seen.append(dialog.topic.text())  # the dialog shows the session as stored
        dialog.topic.setText("Opening session, moved to the afternoon")
        dialog.duration.setValue(45)
        dialog.people.item(0).setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()  # OK: saves, then closes
        return dialog.result()

    monkeypatch.setattr(SessionDialog, "exec", fill)
    page.sessions.setFocus()
    page.sessions.setCurrentCell(_row_of(page, session_id), 3)
    qtbot.keyClick(page.sessions, Qt.Key.Key_Return)  # Enter edits the chosen session
    assert seen == [before[session_id][3]]
    row = _row_of(page, session_id)
    assert page.sessions.item(row, 3).text() == "Opening session, moved to the afternoon"
    assert page.current_session() == session_id  # the edited row stays chosen

    workspace.close()
    after = _sessions(demo_file)
    date, start, _minutes, _topic, people, revision = before[session_id]
    assert after[session_id] == (
        date, start, 45, "Opening session, moved to the afternoon", people - 1, revision + 1,
    )  # fmt: skip


def test_an_edit_is_one_undo_step(qtbot, agenda_page, workspace, demo_file, monkeypatch):
    page = agenda_page
    before = _sessions(demo_file)
    session_id = sorted(before)[1]
    page.select_session(session_id)
    monkeypatch.setattr(
        SessionDialog,
        "exec",
        lambda dialog: (
            dialog.start.setTime(dialog.start.time().addSecs(3600)),
            dialog.accept(),
            dialog.result(),
        )[2],
    )
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert _sessions(demo_file)[session_id][1] != before[session_id][1]
    workspace.undo_stack.undo()
    workspace.close()
    assert _sessions(demo_file)[session_id][:5] == before[session_id][:5]


def test_a_session_is_deleted_with_the_delete_key_and_undo_brings_it_back(
    qtbot, agenda_page, workspace, demo_file
):
    page = agenda_page
    before = _sessions(demo_file)
    session_id = sorted(before)[2]
    page.sessions.setFocus()
    page.select_session(session_id)
    qtbot.keyClick(page.sessions, Qt.Key.Key_Delete)
    assert page.sessions.rowCount() == len(before) - 1
    assert session_id not in _sessions(demo_file)
    assert workspace.undo_stack.undoText().endswith("Delete workshop session")
    workspace.undo_stack.undo()
    assert page.sessions.rowCount() == len(before)
    workspace.undo_stack.redo()
    workspace.close()
    after = _sessions(demo_file)
    assert session_id not in after and len(after) == len(before) - 1


def test_the_delete_button_deletes_the_chosen_session(qtbot, agenda_page, workspace, demo_file):
    page = agenda_page
    before = _sessions(demo_file)
    session_id = sorted(before)[0]
    page.select_session(session_id)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    workspace.close()
    assert set(_sessions(demo_file)) == set(before) - {session_id}


# -- the facilitator's own questions on the Checklist page -----------------------------


def test_a_question_is_added_to_the_chosen_section_and_shown(
    qtbot, workspace, demo_file, show, monkeypatch
):
    page = show(ChecklistPage(workspace))
    page.select_question("TR-20")
    assert page.add_question_button.isEnabled()
    asked: list[tuple[str, str]] = []

    def answer(dialog: QuestionDialog) -> int:
        # offered under the sub-area the checklist is on (TR-20's)
        asked.append((dialog.subarea.currentData(), dialog.subarea.currentText()))
        dialog.text.setPlainText("Is the tariff published online, free of charge?")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QuestionDialog, "exec", answer)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Tab)  # from the questions, Tab reaches the button
    assert QApplication.focusWidget() is page.add_question_button
    qtbot.keyClick(page.add_question_button, Qt.Key.Key_Space)
    assert asked and asked[0][0] == page.model.question("TR-20").subarea_label != ""
    assert page.where.text().startswith("TR-C1")  # the new question is shown, with its id
    assert "TR-C1" in page.added.text()
    assert page.question_text.text() == "Is the tariff published online, free of charge?"
    assert workspace.undo_stack.undoText() == "Add question to TR"
    workspace.undo_stack.undo()
    assert page.model.question("TR-C1") is None
    workspace.undo_stack.redo()
    assert page.model.question("TR-C1") is not None
    workspace.close()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        question = document.session.get(models.Question, "TR-C1")
        assert question is not None and question.custom and question.section_code == "TR"
        assert question.text == "Is the tariff published online, free of charge?"
        assert question.subarea_label == asked[0][0]  # answered beside TR-20's subject


def test_a_cancelled_or_empty_question_adds_nothing(qtbot, workspace, demo_file, show, monkeypatch):
    page = show(ChecklistPage(workspace))
    page.select_question("LC-1")
    before = demo_file.read_bytes()

    def cancel(dialog: QuestionDialog) -> int:
        dialog.text.setPlainText("ignored")
        return QDialog.DialogCode.Rejected

    def blank(dialog: QuestionDialog) -> int:
        dialog.text.setPlainText("   ")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QuestionDialog, "exec", cancel)
    qtbot.mouseClick(page.add_question_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(QuestionDialog, "exec", blank)
    qtbot.mouseClick(page.add_question_button, Qt.MouseButton.LeftButton)
    assert workspace.undo_stack.count() == 0
    workspace.close()
    assert demo_file.read_bytes() == before


# -- Figure 5: the window and `idg answer` derive the same ---------------------------


def test_the_window_and_the_command_line_derive_the_same_rating(
    qtbot, workspace, demo_file, demo_template, tmp_path, show, idg
):
    """The same changes, clicked in the answer editor and given as `idg answer` flags,
    leave the same rating and the same three answers in two copies of the demo."""
    import shutil

    from idg_desktop.services import answers

    twin = tmp_path / "twin.idg"
    shutil.copyfile(demo_template, twin)
    page = show(ChecklistPage(workspace))
    qid = "TR-20"  # rated "effective" directly in the demo: the window shows yes/yes/yes
    page.select_question(qid)

    def state(path: Path) -> tuple:
        with AssessmentDocument.open(path, read_only=True) as document:
            a = answers.answer_for(document, qid)
            return a.rating, (a.measure_exists, a.measure_applied, a.measure_effective)

    steps = [
        (page.effective.buttons[1], ("--effective", "partly")),
        (page.applied.buttons[1], ("--applied", "no")),
        (page.applied.buttons[0], ("--applied", "yes")),  # effective is asked again, empty
        (page.effective.buttons[0], ("--effective", "no")),
        (page.measure.buttons[1], ("--exists", "no")),
        (page.measure.buttons[0], ("--exists", "yes")),
        (page.not_applicable, ("--rating", "not-applicable")),
    ]
    for button, flags in steps:
        # one visit folds the clicks into one undo step: wait for the file instead
        assert idg("answer", twin, qid, *flags).code == 0
        expected = state(twin)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda e=expected: state(demo_file) == e)
    assert state(twin) == ("not-applicable", (None, None, None))


def test_a_new_session_is_proposed_right_after_the_last_one(qtbot, agenda_page, monkeypatch):
    """Not today's date: the workshop is planned ahead, and a session follows the last."""
    from idg_desktop.services import agenda

    sessions = agenda.list_sessions(agenda_page.document)
    last = max(sessions, key=lambda s: (s.date, s.start))
    seen: list[tuple[str, str]] = []

    def look(dialog: SessionDialog) -> int:
        seen.append(
            (dialog.date.date().toString("yyyy-MM-dd"), dialog.start.time().toString("HH:mm"))
        )
        return 0  # Cancel

    monkeypatch.setattr(SessionDialog, "exec", look)
    agenda_page.add_button.click()
    assert seen == [agenda.next_session_slot(agenda_page.document, "2000-01-01")]
    assert seen[0][0] >= last.date and seen[0] != (last.date, last.start)


def test_the_slot_follows_the_last_session_or_the_first_day():
    from idg_desktop.domain.dates import next_session_slot

    assert next_session_slot([("2026-03-09", "14:00", 90)], "", "") == ("2026-03-09", "15:30")
    assert next_session_slot(
        [("2026-03-10", "09:00", 60), ("2026-03-09", "16:30", 30)], "", ""
    ) == ("2026-03-10", "10:00")
    assert next_session_slot([("2026-03-09", "16:00", 60)], "", "") == ("2026-03-10", "09:00")
    assert next_session_slot([], "2026-03-09", "2026-11-30") == ("2026-03-09", "09:00")
    assert next_session_slot([], "", "2026-11-30") == ("2026-11-30", "09:00")


def test_a_new_session_is_chosen_and_scrolled_into_view(qtbot, agenda_page, monkeypatch):
    page = agenda_page
    page.resize(1280, 400)

    def fill(dialog: SessionDialog) -> int:
        dialog.topic.setText("Closing plenary")
        dialog.date.setDate(dialog.date.date().addDays(30))  # last in the list
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SessionDialog, "exec", fill)
    page.sessions.scrollToTop()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    chosen = page.current_session()
    row = _row_of(page, chosen)
    assert page.sessions.item(row, 3).text() == "Closing plenary"
    shown = page.sessions.visualItemRect(page.sessions.item(row, 3))
    assert page.sessions.viewport().rect().contains(shown.center())
