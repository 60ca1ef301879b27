"""What a new facilitator's walk through the window found (the second walk):
each test drives the real widgets, offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.package_dialogs import ExportAllDialog
from idg_desktop.ui.widgets.button_row import ok_button


@pytest.mark.parametrize("typed", ["", "/", "~", ".", "..", "{folder}", "{folder}/", " / "])
def test_the_slips_field_gives_a_sentence_for_anything_that_names_no_file(
    qtbot, tmp_path: Path, typed: str
):
    dialog = ExportAllDialog(str(tmp_path / "packages"), ["Group A"])
    qtbot.addWidget(dialog)
    (tmp_path / "elsewhere").mkdir()
    dialog.slips.setText(typed.format(folder=tmp_path / "elsewhere"))  # no exception
    assert dialog.problem_text()
    assert dialog.problem.isVisibleTo(dialog) and dialog.problem.text()
    assert not ok_button(dialog.buttons).isEnabled()
    assert dialog.slips_path() is None


def test_a_slips_name_without_suffix_becomes_a_pdf_beside_the_packages(qtbot, tmp_path: Path):
    dialog = ExportAllDialog(str(tmp_path / "packages"), ["Group A"])
    qtbot.addWidget(dialog)
    dialog.slips.setText(str(tmp_path / "slips"))
    assert dialog.problem_text() == ""
    assert dialog.slips_path() == tmp_path / "slips.pdf"
    dialog.slips.setText(str(tmp_path / "Slips.PDF"))
    assert dialog.slips_path() == tmp_path / "Slips.PDF"


def _ok_stays_open(qtbot, dialog, expected: str) -> None:
    """Click OK on the shown dialog: it stays open showing ``expected``."""
    qtbot.mouseClick(ok_button(dialog.findChild(QDialogButtonBox)), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.refusal.isVisible() and dialog.refusal.text() == expected


def test_a_session_without_topic_is_refused_in_the_dialog_which_keeps_what_was_typed(
    qtbot, workspace, show, demo_file, monkeypatch
):
    from idg_desktop.services import agenda
    from idg_desktop.ui.pages.agenda_page import AgendaPage, SessionDialog

    page = show(AgendaPage(workspace))
    before = {s.id for s in agenda.list_sessions(workspace.document)}
    elsewhere: list[str] = []
    workspace.failed.connect(elsewhere.append)

    def user(dialog: SessionDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.date.setDate(QDate(2026, 12, 7))
        dialog.start.setTime(QTime(14, 30))
        dialog.duration.setValue(45)
        dialog.people.item(0).setCheckState(Qt.CheckState.Unchecked)
        _ok_stays_open(qtbot, dialog, "The session needs a topic.")
        assert dialog.date.date() == QDate(2026, 12, 7) and dialog.start.time() == QTime(14, 30)
        assert dialog.duration.value() == 45
        assert dialog.people.item(0).checkState() == Qt.CheckState.Unchecked
        qtbot.keyClicks(dialog.topic, "Risk mapping")
        qtbot.mouseClick(ok_button(dialog.findChild(QDialogButtonBox)), Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        return dialog.result()

    monkeypatch.setattr(SessionDialog, "exec", user)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert elsewhere == []
    workspace.close()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        [added] = [s for s in agenda.list_sessions(document) if s.id not in before]
        assert (added.date, added.start, added.duration_minutes, added.topic) == (
            "2026-12-07", "14:30", 45, "Risk mapping",
        )  # fmt: skip


def test_a_document_without_title_or_with_a_folder_is_refused_in_the_dialog(
    qtbot, workspace, show, demo_file, monkeypatch, tmp_path
):
    from idg_desktop.services import background
    from idg_desktop.ui.pages.documents_page import DocumentDialog, DocumentsPage

    page = show(DocumentsPage(workspace))
    count = len(background.list_documents(workspace.document))
    elsewhere: list[str] = []
    workspace.failed.connect(elsewhere.append)
    attached = tmp_path / "code.pdf"
    attached.write_bytes(b"%PDF-1.4 code of conduct")

    def user(dialog: DocumentDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.reference, "HR-12")
        _ok_stays_open(qtbot, dialog, "The background document needs a title.")
        qtbot.keyClicks(dialog.title, "Code of conduct")
        dialog.attachment.setText(str(tmp_path))
        _ok_stays_open(qtbot, dialog, f"{tmp_path} is not a file.")
        assert dialog.reference.text() == "HR-12" and dialog.title.text() == "Code of conduct"
        dialog.attachment.setText(str(attached))
        qtbot.mouseClick(ok_button(dialog.findChild(QDialogButtonBox)), Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        return dialog.result()

    monkeypatch.setattr(DocumentDialog, "exec", user)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert elsewhere == []
    workspace.close()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        documents = background.list_documents(document)
        assert len(documents) == count + 1
        assert any(d.title == "Code of conduct" and d.reference == "HR-12" for d in documents)


def test_the_attachment_label_shows_no_ampersand(qtbot):
    from idg_desktop.ui.pages.documents_page import DocumentDialog

    dialog = DocumentDialog({"other": "Other"})
    qtbot.addWidget(dialog)
    label = next(lab for lab in dialog.findChildren(QLabel) if "Attach" in lab.text())
    assert label.buddy() is dialog.attachment  # the & marks Alt+F, not a literal "&"
