"""A group's working copy in the window: returned protected when it came
protected (in clear only by an explicit choice), offered for deletion once
the package is safe, and listed on the start page while it stays."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from idg_desktop.exchange import container
from idg_desktop.exchange.packages import export_package, open_package
from idg_desktop.exchange.working_copies import working_copies_folder
from idg_desktop.services import answers
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui import passphrase_dialogs
from idg_desktop.ui.main_window import MainWindow

GROUP_A = "Group A – Leadership, rules and transparency"
GROUP_D = "Group D – People and culture"
TITLE = "Integrity assessment of the Lorvanian Customs Service, March 2026"
OK = QDialogButtonBox.StandardButton.Ok


pytestmark = pytest.mark.usefixtures("fast_scrypt")


def test_the_return_passphrase_dialog_refuses_an_empty_passphrase(qtbot):
    dialog = passphrase_dialogs.ReturnPassphraseDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(OK)
    assert not ok.isEnabled()  # empty: not accepted silently
    dialog.first.setText("Veltra")
    dialog.second.setText("Veltro")
    assert not ok.isEnabled() and not dialog.mismatch.isHidden()
    dialog.second.setText("Veltra")
    assert ok.isEnabled() and dialog.passphrase() == "Veltra"
    dialog.first.clear()
    dialog.second.clear()
    assert not ok.isEnabled() and dialog.clear_warning.isHidden()
    dialog.in_clear.setChecked(True)  # the explicit choice, with its warning
    assert ok.isEnabled() and not dialog.clear_warning.isHidden()
    assert "in clear" in dialog.clear_warning.text()
    assert dialog.passphrase() == ""


def test_a_protected_copy_returns_protected_and_is_then_deleted(
    qtbot, demo_file, tmp_path, monkeypatch
):
    package = tmp_path / "group-a.idgpkg"
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        export_package(document, GROUP_A, package, passphrase="Veltra")
    monkeypatch.setattr(passphrase_dialogs, "ask_passphrase", lambda *_a: "Veltra")
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_group_package(str(package))
    work = window.workspace.path
    window.workspace.run(
        "answer",
        lambda: answers.save_answer(window.workspace.document, "LC-1", text="Said in group A."),
    )
    back = tmp_path / "back.idgpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(back), ""))

    def not_asked(parent):
        raise AssertionError("the optional passphrase dialog was offered")

    monkeypatch.setattr(passphrase_dialogs, "ask_new_passphrase", not_asked)
    typed = iter(["", "Veltra-back", "Veltra"])
    shown: list[bool] = []
    wrong: list[bool] = []

    def user(dialog):
        assert dialog.second.isHidden()  # the copy can check it: typed once
        dialog.first.setText(next(typed))
        shown.append(dialog.buttons.button(OK).isEnabled())
        dialog.buttons.button(OK).click()  # does nothing while disabled
        wrong.append(dialog.wrong.isVisibleTo(dialog))
        return dialog.result()

    monkeypatch.setattr(passphrase_dialogs.ReturnPassphraseDialog, "exec", user)
    offers: list[QMessageBox] = []

    def take_default(box):
        offers.append(box.text())
        box.defaultButton().click()

    monkeypatch.setattr(QMessageBox, "exec", take_default)

    window.return_package_action.trigger()  # an empty passphrase: nothing written
    assert shown == [False] and not back.exists() and offers == []
    # Not the package's passphrase: said in the dialog, which stays open.
    window.return_package_action.trigger()
    assert shown == [False, True] and wrong[-1] and not back.exists()
    window.return_package_action.trigger()
    qtbot.waitUntil(back.exists)
    assert shown == [False, True, True] and not wrong[-1]
    assert container.is_protected(back.read_bytes())
    payload = container.read_package(back, "Veltra")
    assert any(a["text"] == "Said in group A." for a in payload["records"]["answers"])

    # The offer to delete (default button: delete) was taken: the copy is gone.
    assert len(offers) == 1 and str(back) in offers[0]
    qtbot.waitUntil(lambda: window.workspace is None)
    assert not work.exists() and not work.with_name(work.name + ".lock").exists()
    assert window.central.currentWidget() is window.start_page
    assert window.start_page.copies.count() == 0 and window.start_page.copies_box.isHidden()
    assert str(work) not in [str(p) for p in window.settings.recent_files()]


def test_the_start_page_lists_working_copies_to_open_or_delete(
    qtbot, demo_file, tmp_path, monkeypatch
):
    paths = {}
    for group in (GROUP_A, GROUP_D):
        package = tmp_path / f"{group[:7]}.idgpkg"
        with AssessmentDocument.open(demo_file, read_only=True) as document:
            export_package(document, group, package)
        copy = open_package(package)  # into the data folder, as the window does
        paths[group] = copy.path
        copy.close()
    assert {p.parent for p in paths.values()} == {working_copies_folder()}

    window = MainWindow()
    qtbot.addWidget(window)
    page = window.start_page
    assert not page.copies_box.isHidden() and page.copies.count() == 2
    texts = [page.copies.item(i).text() for i in range(2)]
    assert all(TITLE in text for text in texts)
    assert sorted(t.split("    —    ")[0] for t in texts) == sorted((GROUP_A, GROUP_D))
    assert not page.delete_copy_button.isEnabled()  # nothing selected yet

    row_d = next(i for i, t in enumerate(texts) if t.startswith(GROUP_D))
    page.copies.setCurrentRow(row_d)
    assert page.delete_copy_button.isEnabled()
    answers_given = iter(["Cancel", "Delete"])
    asked: list[str] = []

    def confirm(box):
        asked.append(box.text())
        wanted = next(answers_given)
        next(b for b in box.buttons() if b.text().replace("&", "") == wanted).click()

    monkeypatch.setattr(QMessageBox, "exec", confirm)
    page.delete_copy_button.click()  # confirmation refused: kept
    assert paths[GROUP_D].exists() and page.copies.count() == 2
    page.delete_copy_button.click()
    assert not paths[GROUP_D].exists() and paths[GROUP_A].exists()
    assert page.copies.count() == 1 and GROUP_D in asked[0]

    page.copies.setCurrentRow(0)
    page.open_copy_button.click()
    assert window.workspace is not None and window.workspace.path == paths[GROUP_A]
    window.close_assessment()
    assert page.copies.count() == 1  # still there until deleted
