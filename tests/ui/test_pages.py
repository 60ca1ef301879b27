"""Participants, Findings, Scope, Documents and Agenda pages through their widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from idg_desktop.services import assessment, background, findings, participants
from idg_desktop.services.agenda import list_sessions
from idg_desktop.services.assessment import assessment_of
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.models.participants_model import COLUMNS
from idg_desktop.ui.pages.findings_page import FindingsPage
from idg_desktop.ui.pages.participants_page import ParticipantsPage
from idg_desktop.ui.pages.scope_page import ScopePage


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_participants_edit_in_the_table_and_undo(qtbot, qtmodeltester, workspace, demo_file):
    page = _show(qtbot, ParticipantsPage(workspace))
    qtmodeltester.check(page.model)
    row = next(
        r for r in range(page.model.rowCount()) if page.model.participant(r).role == "contributor"
    )
    person_id = page.model.participant(row).id
    role = page.model.index(row, COLUMNS.index("role"))
    assert page.model.setData(role, "rapporteur")
    external = page.model.index(row, COLUMNS.index("external"))
    assert page.model.setData(external, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(
        lambda: (
            "rapporteur"
            in [
                page.model.participant(r).role
                for r in range(page.model.rowCount())
                if page.model.participant(r).id == person_id
            ]
        )
    )
    assert "Rapporteur" in page.counts.text() or "rapporteur" in page.counts.text().lower()
    workspace.undo_stack.undo()  # the external tick
    workspace.close()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        person = next(p for p in participants.list_participants(document) if p.id == person_id)
        assert (person.role, person.external) == ("rapporteur", False)


def test_findings_added_edited_and_deleted(qtbot, qtmodeltester, workspace, demo_file, monkeypatch):
    page = _show(qtbot, FindingsPage(workspace))
    qtmodeltester.check(page.model)
    before = page.model.rowCount()
    page.section_filter.setCurrentIndex(page.section_filter.findData("CC"))
    assert all(page.model.finding(r).section == "CC" for r in range(page.model.rowCount()))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    page.text.setPlainText("Gifts above 50 euros are not registered.")
    page.action.setPlainText("Open a gifts register at every office.")
    page.questions.setText("CC-11")
    page.flush()  # what the user would have left
    page.status.setCurrentIndex(page.status.findData("agreed"))
    page.status.activated.emit(page.status.currentIndex())
    created = next(
        f
        for f in findings.list_findings(workspace.document, "CC")
        if f.text.startswith("Gifts above")
    )
    assert (created.status, list(created.question_ids)) == ("agreed", ["CC-11"])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    page.section_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.rowCount() == before)
    workspace.undo_stack.undo()  # the deletion comes back whole
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1)
    workspace.close()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        again = [
            f for f in findings.list_findings(document, "CC") if f.text.startswith("Gifts above")
        ]
        assert len(again) == 1 and again[0].status == "agreed"
        history = findings.finding_history(document, again[0])
        assert [e.action for e in history][-1] == "agreed"


def test_scope_fields_and_terms_of_reference_are_saved(qtbot, workspace, demo_file, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page = _show(qtbot, ScopePage(workspace))
    page.title.clear()
    qtbot.keyClicks(page.title, "Integrity assessment 2026 (revised)")
    qtbot.keyClick(page.title, Qt.Key.Key_Return)
    page.section_checks["GE"].setChecked(False)
    field = page.tor_fields["mission_objective"]
    field.setPlainText("Assess the ten key factors.")
    page._save_tor("mission_objective")
    workspace.close()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        scope = assessment_of(document)
        assert scope.title == "Integrity assessment 2026 (revised)"
        assert not scope.comprehensive
        assert "Assess the ten key factors." in scope.terms_of_reference


def test_documents_and_agenda_pages_list_the_demo(qtbot, workspace):
    from idg_desktop.ui.pages.agenda_page import AgendaPage
    from idg_desktop.ui.pages.documents_page import DocumentsPage

    documents = _show(qtbot, DocumentsPage(workspace))
    assert documents.table.rowCount() == len(background.list_documents(workspace.document))
    agenda = _show(qtbot, AgendaPage(workspace))
    assert agenda.sessions.rowCount() == len(list_sessions(workspace.document))
    assert agenda.activities.rowCount() >= 20  # Annex 4's activities for the mode


def test_a_damaged_workbook_is_refused_with_one_sentence(
    qtbot, workspace, demo_file, tmp_path, monkeypatch
):
    page = _show(qtbot, ParticipantsPage(workspace))
    bad = tmp_path / "participants.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not really a workbook")
    before = demo_file.read_bytes()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    page.import_file(str(bad))
    assert len(shown) == 1 and str(bad) in shown[0] and "\n" not in shown[0]
    assert not workspace.undo_stack.canUndo()
    workspace.close()
    assert demo_file.read_bytes() == before


def test_a_duplicate_finding_is_merged_and_both_are_kept(qtbot, workspace, demo_file, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from idg_desktop.ui.pages.findings.duplicates import DuplicateDialog

    page = _show(qtbot, FindingsPage(workspace))
    page.section_filter.setCurrentIndex(page.section_filter.findData("TR"))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    page.text.setPlainText("The service charter is not published at the border posts.")
    page.flush()  # what the user would have left
    duplicate = page._current
    target = next(
        f
        for f in findings.list_findings(workspace.document, "TR")
        if f.id != duplicate and f.status != "merged"
    )

    def pick(dialog):
        choices = dialog.list
        row = next(r for r in range(choices.count()) if target.text[:40] in choices.item(r).text())
        choices.item(row).setSelected(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DuplicateDialog, "exec", pick)
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    workspace.close()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        merged = findings.find_finding(document, duplicate)
        assert (merged.status, merged.merged_into_id) == ("merged", target.id)
        assert findings.find_finding(document, target.id).status != "merged"
        assert findings.finding_history(document, merged)[-1].note.startswith("Merged into")


@pytest.mark.parametrize("answer", ["No", "Yes"])
def test_leaving_out_a_worked_section_asks_first(qtbot, workspace, demo_file, monkeypatch, answer):
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return getattr(QMessageBox.StandardButton, answer)

    monkeypatch.setattr(QMessageBox, "question", question)
    worked = {f.section_code for f in findings.list_findings(workspace.document)}
    page = _show(qtbot, ScopePage(workspace))
    code = next(c for c in sorted(worked) if c in page.section_checks)
    assert page.section_checks[code].isChecked()
    page.section_checks[code].setChecked(False)
    assert len(asked) == 1 and code in asked[0] and "it is kept" in asked[0]
    assert page.section_checks[code].isChecked() == (answer == "No")
    workspace.close()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        in_scope = {s.code for s in assessment.sections_in_scope(document)}
        assert (code in in_scope) == (answer == "No")
