"""The Reports page through its widgets, on the demo: preview, save, open, refuse."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QThreadPool, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import select

from idg_desktop.domain.records import Kind
from idg_desktop.services.groups import group_sections, list_groups
from idg_desktop.services.participants import list_participants
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.pages.reports_page import ReportsPage
from idg_desktop.ui.workspace import Workspace

BUILD_TIMEOUT = 40_000  # ms: the assessment report takes a few seconds


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch):
    """Patch the save dialog: it answers the path given and records what it suggested."""
    asked: list[str] = []
    answer: dict[str, str] = {}

    def dialog(_parent, _title, suggested, _pattern, *_args, **_kwargs):
        asked.append(suggested)
        return answer.get("path", ""), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)

    def choose(path: Path) -> list[str]:
        answer["path"] = str(path)
        return asked

    return choose


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def _show(qtbot, workspace: Workspace) -> ReportsPage:
    page = ReportsPage(workspace)
    qtbot.addWidget(page)
    page.resize(1600, 1000)
    page.show()
    qtbot.waitExposed(page)
    return page


def _build(qtbot, page: ReportsPage, button) -> None:
    button.click()
    assert page.busy() and page.progress.isVisible()
    qtbot.waitUntil(lambda: not page.busy(), timeout=BUILD_TIMEOUT)
    assert not page.progress.isVisible()


def _squeezed(text: str) -> str:
    """Text without spaces or line breaks: a PDF wraps lines where it likes."""
    return re.sub(r"\s+", "", text)


def _pdf_text(path: Path) -> str:
    return _squeezed(" ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def test_preview_assessment_report(qtbot, workspace):
    page = _show(qtbot, workspace)
    page.choose("assessment")
    _build(qtbot, page, page.preview_button)

    pages = page.pdf.pageCount()
    assert pages > 5
    assert f"{pages} pages" in page.status.text()
    assert page.stack.currentWidget() is page.view
    assert page.page_label.text() == f"Page 1 of {pages}"
    assert not page.previous_button.isEnabled()
    page.next_button.click()
    assert page.page_label.text() == f"Page 2 of {pages}"
    page.whole_button.click()
    assert page.view.zoomMode() == page.view.ZoomMode.FitInView
    assert not page.message.isVisible()

    page.choose("workbook")  # no preview for the workbook: a sentence instead
    assert page.stack.currentWidget() is page.empty
    assert not page.preview_button.isEnabled()
    assert not page.page_label.text()
    assert len(list(page._temp.glob("preview-*.pdf"))) == 1
    assert "before the latest changes" not in page.preview_title.text()
    workspace.changed.emit(frozenset({Kind.FINDING}))
    assert "before the latest changes" in page.preview_title.text()


def test_preview_folder_goes_with_the_page(qtbot, workspace):
    page = ReportsPage(workspace)  # not given to qtbot: deleted here
    folder = page._temp
    (folder / "preview-1.pdf").write_bytes(b"%PDF-")
    page.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not folder.exists()


def test_page_deleted_while_building(qtbot, workspace, tmp_path):
    page = ReportsPage(workspace)
    page.choose("matrix")
    page.preview_button.click()
    assert page.busy()
    page.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QThreadPool.globalInstance().waitForDone(BUILD_TIMEOUT)
    for _ in range(3):  # the outcome arrives for a page that is gone: nothing happens
        QApplication.processEvents()
    workspace.changed.emit(frozenset({Kind.FINDING}))


def test_worksheets_of_a_group_saved(qtbot, workspace, save_to, tmp_path):
    document = workspace.document
    group = list_groups(document)[0]
    codes = group_sections(document, group)
    question = document.session.scalars(
        select(models.Question.text).where(models.Question.section_code.in_(codes))
    ).first()
    page = _show(qtbot, workspace)
    assert not page.group.isEnabled()
    page.choose("worksheets")
    assert page.group.isEnabled()
    page.group.setCurrentIndex(0)
    target = tmp_path / "worksheets.pdf"
    asked = save_to(target)
    _build(qtbot, page, page.save_button)

    assert Path(asked[0]).suffix == ".pdf" and group.name in Path(asked[0]).name
    assert target.is_file()
    assert _squeezed(question) in _pdf_text(target)
    pages = len(PdfReader(str(target)).pages)
    assert page.status.text() == f"Wrote {target} ({pages} pages)."


def test_action_plan_opened_when_asked(qtbot, workspace, save_to, opened, tmp_path):
    page = _show(qtbot, workspace)
    page.choose("action-plan")
    page.open_after.setChecked(True)
    target = tmp_path / "plan.pdf"
    save_to(target)
    page.activateWindow()
    page.save_button.setFocus()
    qtbot.waitUntil(page.save_button.hasFocus)
    _build(qtbot, page, page.save_button)
    assert page.save_button.hasFocus()  # back where the keyboard user was

    assert target.is_file()
    assert opened == [QUrl.fromLocalFile(str(target))]
    assert not page.message.isVisible()


def test_workbook_saved(qtbot, workspace, save_to, opened, tmp_path):
    page = _show(qtbot, workspace)
    page.choose("workbook")
    save_to(tmp_path / "whole assessment")  # the suffix is added
    _build(qtbot, page, page.save_button)

    target = tmp_path / "whole assessment.xlsx"
    assert "KPIs" in openpyxl.load_workbook(target, read_only=True).sheetnames
    assert page.status.text().startswith(f"Wrote {target} (")
    assert opened == []  # "Open the file when written" was not ticked


def test_pseudonymised_report_names_nobody(qtbot, workspace, save_to, tmp_path):
    names = [p.name for p in list_participants(workspace.document)]
    page = _show(qtbot, workspace)
    page.choose("tor")
    plain, hidden = tmp_path / "named.pdf", tmp_path / "pseudonymised.pdf"
    save_to(plain)
    _build(qtbot, page, page.save_button)
    assert any(_squeezed(name) in _pdf_text(plain) for name in names)  # the check can fail

    page.pseudonymise.setChecked(True)
    save_to(hidden)
    _build(qtbot, page, page.save_button)
    text = _pdf_text(hidden)
    assert not [name for name in names if _squeezed(name) in text]


def test_missing_folder_refused_and_nothing_written(qtbot, workspace, save_to, tmp_path):
    page = _show(qtbot, workspace)
    page.choose("matrix")
    target = tmp_path / "no such folder" / "matrix.pdf"
    save_to(target)
    _build(qtbot, page, page.save_button)

    assert page.message.isVisible()
    assert "does not exist" in page.message.text()
    assert "Traceback" not in page.message.text()
    assert not target.exists() and not target.parent.exists()
    assert page.save_button.isEnabled()


def test_worksheets_need_a_group(qtbot, new_file, save_to, tmp_path):
    space = Workspace(AssessmentDocument.open(new_file))
    try:
        page = _show(qtbot, space)
        page.choose("worksheets")
        assert page.group.count() == 0
        asked = save_to(tmp_path / "sheets.pdf")
        page.save_button.click()
        assert not page.busy() and asked == []  # refused before asking where
        assert "working group" in page.message.text()
        assert page.message.isVisible()
        assert list(tmp_path.glob("*.pdf")) == []
    finally:
        space.close()


def test_choices_remembered(qtbot, workspace):
    page = _show(qtbot, workspace)
    page.choose("kpis")
    page.paper.setCurrentIndex(page.paper.findData("letter"))
    page.public.setChecked(True)
    page.open_after.setChecked(True)

    again = _show(qtbot, workspace)
    assert again.kind() == "kpis"
    assert again.paper.currentData() == "letter"
    assert again.public.isChecked() and again.open_after.isChecked()
    assert not again.pseudonymise.isChecked()


def test_an_unexpected_failure_is_said_in_the_page_and_logged(
    qtbot, workspace, save_to, tmp_path, monkeypatch
):
    """A bug in a builder (here: a workbook writer that raises) is said in one
    sentence on the page, logged with its details, and nothing is written; the
    assessment stays editable."""
    from idg_desktop.config import data_dir
    from idg_desktop.services import answers
    from idg_desktop.workbook import writer

    def broken(*_args, **_kwargs):
        raise AttributeError("'Conflict' object has no attribute 'draft'")

    monkeypatch.setattr(writer, "export_xlsx", broken)
    page = _show(qtbot, workspace)
    page.choose("workbook")
    target = tmp_path / "whole.xlsx"
    save_to(target)
    _build(qtbot, page, page.save_button)
    assert page.message.isVisible()
    assert "unexpected error (AttributeError" in page.message.text()
    assert "Nothing was written" in page.message.text()
    log = data_dir() / "idg-errors.log"
    assert "AttributeError" in log.read_text(encoding="utf-8")
    assert str(log) in page.message.text()
    assert not target.exists() and page.save_button.isEnabled()
    answers.save_answer(workspace.document, "LC-1", text="Still editable.")


def test_a_one_page_report_is_said_in_the_singular(qtbot, workspace, save_to, tmp_path):
    page = _show(qtbot, workspace)
    page.choose("matrix")
    _build(qtbot, page, page.preview_button)
    assert page.status.text().endswith(": 1 page.")
    target = tmp_path / "matrix.pdf"
    save_to(target)
    _build(qtbot, page, page.save_button)
    assert page.status.text() == f"Wrote {target} (1 page)."


def test_the_passphrase_can_be_shown_while_typed(qtbot):
    from PySide6.QtWidgets import QLineEdit

    from idg_desktop.ui.passphrase_dialogs import PackagePassphraseDialog

    dialog = PackagePassphraseDialog(None, "Group A.idgpkg")
    qtbot.addWidget(dialog)
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Password
    dialog.show_typed.setChecked(True)
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Normal
    assert "facilitator gave" not in dialog.findChildren(type(dialog.error))[0].text()


def test_plenary_slides_saved_from_the_page(qtbot, workspace, save_to, tmp_path):
    page = _show(qtbot, workspace)
    assert page.paper.isEnabled()
    page.choose("slides")
    assert not page.paper.isEnabled()  # 16:9 pages whatever the paper
    assert "16:9" in page.kind_note.text()
    target = tmp_path / "slides.pdf"
    asked = save_to(target)
    _build(qtbot, page, page.save_button)

    assert "plenary slides" in Path(asked[0]).name
    reader = PdfReader(str(target))
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / float(box.height) - 16 / 9) < 0.01
    assert page.status.text() == f"Wrote {target} ({len(reader.pages)} pages)."
