"""Background documents: an attached file can be saved back out of the
assessment (byte for byte), and a document removed from the register, after a
question, undoably; the command line does the same, and refuses an unknown id
or a document without a file in one sentence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from idg_desktop.services import background
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.pages.documents_page import DocumentsPage

CONTENT = bytes(range(256)) * 40  # not text: bytes must come back as they went in


def _attach(workspace, tmp_path) -> str:
    source = tmp_path / "mission-report.pdf"
    source.write_bytes(CONTENT)
    record = workspace.run(
        "Add",
        lambda: background.add_document(
            workspace.document, title="Mission report 2019", attachment=source
        ),
    )
    return record.id


def _choose(page, record_id: str) -> None:
    page.table.selectRow(page._ids.index(record_id))


def test_save_the_attached_file_and_remove_the_document(
    qtbot, show, workspace, demo_file, tmp_path, monkeypatch
):
    page = show(DocumentsPage(workspace))
    record_id = _attach(workspace, tmp_path)
    qtbot.waitUntil(lambda: record_id in page._ids)
    assert not page.remove_button.isEnabled()  # nothing chosen yet
    plain = next(i for i, name in zip(page._ids, page._files, strict=True) if not name)
    _choose(page, plain)
    assert page.remove_button.isEnabled() and not page.save_file_button.isEnabled()

    _choose(page, record_id)
    target = tmp_path / "out" / "copy.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.save_file_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == CONTENT
    assert page.said.isVisible() and str(target) in page.said.text()

    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "Mission report 2019" in asked[0]
    qtbot.waitUntil(lambda: record_id not in page._ids)
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        assert record_id not in {d.id for d in background.list_documents(document)}
    workspace.undo_stack.undo()
    qtbot.waitUntil(lambda: record_id in page._ids)
    workspace.close()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        again = background.find_document(document, record_id)
        assert again.file_name == "mission-report.pdf"


def test_saying_no_keeps_the_document(qtbot, show, workspace, demo_file, tmp_path, monkeypatch):
    page = show(DocumentsPage(workspace))
    record_id = _attach(workspace, tmp_path)
    qtbot.waitUntil(lambda: record_id in page._ids)
    _choose(page, record_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    workspace.close()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        assert background.find_document(document, record_id).title == "Mission report 2019"


def test_the_command_line_writes_the_file_out_and_removes(idg, demo_file, tmp_path):
    source = tmp_path / "survey.xlsx"
    source.write_bytes(CONTENT)
    made = idg(
        "document", "add", demo_file, "--title", "Survey", "--kind", "other", "--attach", source
    )
    record_id = made.out.strip()
    out = tmp_path / "back.xlsx"
    assert idg("document", "file", demo_file, record_id, "-o", out).code == 0
    assert out.read_bytes() == CONTENT
    plain = idg("document", "add", demo_file, "--title", "Notes", "--kind", "other").out.strip()
    before = demo_file.read_bytes()
    refused = idg("document", "file", demo_file, plain, "-o", tmp_path / "x")
    assert refused.code == 2 and refused.err.count("\n") == 1 and "no attached file" in refused.err
    unknown = idg("document", "remove", demo_file, "ffffffff")
    assert unknown.code == 2 and unknown.err.count("\n") == 1
    assert demo_file.read_bytes() == before
    removed = idg("document", "remove", demo_file, record_id)
    assert removed.code == 0 and "Survey" in removed.out
    listed = idg("documents", demo_file).out
    assert "Survey" not in listed and "Notes" in listed


def test_a_new_document_is_chosen_and_scrolled_into_view(qtbot, show, workspace, monkeypatch):
    from idg_desktop.ui.pages.documents_page import DocumentDialog

    page = show(DocumentsPage(workspace), size=(1280, 600))
    for number in range(25):  # more than the table shows
        workspace.run(
            "Add", lambda n=number: background.add_document(workspace.document, title=f"Doc {n}")
        )
    page.table.scrollToTop()

    def fill(dialog):
        dialog.title.setText("Mission report 2024")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(DocumentDialog, "exec", fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    row = page._chosen()
    assert row >= 0 and page.table.item(row, 1).text() == "Mission report 2024"
    shown = page.table.visualItemRect(page.table.item(row, 1))
    assert page.table.viewport().rect().contains(shown.center())
