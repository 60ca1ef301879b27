"""Group packages in the window without twelve dialogs: every group's package
from one dialog (File menu and Working groups page) with its passphrase on a
slip saved elsewhere; "Open a group package" on the start page, a wrong
passphrase asked again in the same dialog; a working copy that says whose it
is and shows only a group's pages; Return proposing the package's folder; the
Merge page's empty state under the log."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox, QWidget

from idg_desktop.exchange import container
from idg_desktop.exchange.package_batch import package_file_name, word_list
from idg_desktop.exchange.packages import export_package
from idg_desktop.exchange.working_copies import working_copies_folder
from idg_desktop.services.groups import list_groups
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui import passphrase_dialogs
from idg_desktop.ui.main_window import WORKING_COPY_HIDDEN
from idg_desktop.ui.package_dialogs import ExportAllDialog

GROUP_A = "Group A – Leadership, rules and transparency"
OK = QDialogButtonBox.StandardButton.Ok
SHOTS = Path("/tmp/pk2")


pytestmark = pytest.mark.usefixtures("fast_scrypt")


def _settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _shot(widget: QWidget, name: str) -> None:
    _settle()
    if SHOTS.is_dir():
        widget.grab().save(str(SHOTS / f"{name}.png"))


def _groups(path: Path) -> list[str]:
    with AssessmentDocument.open(path, read_only=True) as document:
        return [g.name for g in list_groups(document)]


def test_export_all_from_the_working_groups_page_one_dialog_slips_elsewhere(
    window, demo_file, tmp_path, monkeypatch
):
    assert window.open_path(demo_file)
    names = _groups(demo_file)
    page = window.show_page("groups")
    assert page.export_all_button.isVisible()
    assert window.export_all_action.isEnabled()
    folder, slips = tmp_path / "stick", tmp_path / "private" / "slips.pdf"
    seen: list[tuple[bool, str]] = []

    def user(dialog: ExportAllDialog) -> int:
        dialog.folder.setText(str(folder))
        assert dialog.protect.isChecked()  # protected unless the facilitator says not
        dialog.slips.setText(str(folder / "slips.pdf"))  # refused: with the packages
        seen.append((dialog.buttons.button(OK).isEnabled(), dialog.problem.text()))
        _shot(dialog, "export-all-dialog-refused")
        dialog.slips.setText(str(slips))
        seen.append((dialog.buttons.button(OK).isEnabled(), dialog.problem.text()))
        _shot(dialog, "export-all-dialog")
        dialog.buttons.button(OK).click()
        return dialog.result()

    monkeypatch.setattr(ExportAllDialog, "exec", user)
    offers: list[str] = []

    def close(box):
        offers.append(box.text())
        box.button(QMessageBox.StandardButton.Close).click()

    monkeypatch.setattr(QMessageBox, "exec", close)
    page.export_all_button.click()  # one dialog for every group
    assert len(offers) == 1 and str(slips) in offers[0]  # said once: print the slips
    assert seen[0][0] is False and "inside the packages' folder" in seen[0][1]
    assert seen[1] == (True, "")
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(package_file_name(n) for n in names)
    assert "slips.pdf" not in files and slips.exists()
    text = "\n".join(p.extract_text() for p in PdfReader(slips).pages)
    phrases = re.findall(r"\b[a-z]+(?:-[a-z]+){4}\b", text)
    assert len(phrases) == len(names) and all(
        set(p.split("-")) <= set(word_list()) for p in phrases
    )
    for name in names:
        file = package_file_name(name)
        phrase = next(p for p in phrases if p in text[text.index(file) :])
        assert container.read_package(folder / file, phrase)["group"]["name"] == name
    status = window.statusBar().currentMessage()
    assert f"{len(names)} group packages written to {folder}" in status
    assert "protected" in status and slips.name in status
    assert not any(p in status for p in phrases)  # passphrases only on the slips
    _shot(window, "export-all-status")


def test_export_all_unprotected_from_the_file_menu_says_so(
    window, demo_file, tmp_path, monkeypatch
):
    assert window.open_path(demo_file)
    folder = tmp_path / "shared"

    def user(dialog: ExportAllDialog) -> int:
        dialog.folder.setText(str(folder))
        dialog.protect.setChecked(False)
        assert not dialog.slips.isEnabled()
        dialog.buttons.button(OK).click()
        return dialog.result()

    monkeypatch.setattr(ExportAllDialog, "exec", user)
    window.export_all_action.trigger()
    names = _groups(demo_file)
    for name in names:
        assert not container.is_protected((folder / package_file_name(name)).read_bytes())
    status = window.statusBar().currentMessage()
    assert f"{len(names)} group packages written to {folder}, unprotected" in status


def test_open_group_package_from_the_start_page_a_wrong_passphrase_asked_again(
    window, demo_file, tmp_path, monkeypatch, qtbot
):
    stick = tmp_path / "stick"
    stick.mkdir()
    package = stick / package_file_name(GROUP_A)
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        export_package(document, GROUP_A, package, passphrase="maple-otter-brisk-lily-frame")
    window.settings.set_value("packages/last_folder", str(stick))  # e.g. the last export
    starts: list[str] = []

    def choose(parent, title, folder, *_a, **_k):
        starts.append(folder)
        return str(package), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    typed = iter(["maple-otter-brisk-lily", "maple-otter-brisk-lily-frame"])
    errors: list[str] = []

    def user(dialog: passphrase_dialogs.PackagePassphraseDialog) -> int:
        errors.append(dialog.error.text() if dialog.error.isVisibleTo(dialog) else "")
        if errors[-1]:
            _shot(dialog, "passphrase-asked-again")
        dialog.field.setText(next(typed))
        dialog.buttons.button(OK).click()
        return dialog.result()

    monkeypatch.setattr(passphrase_dialogs.PackagePassphraseDialog, "exec", user)
    assert window.start_page.package_button.isVisible()
    window.start_page.package_button.click()
    assert starts == [str(stick)]  # where packages were last, not the data folder
    assert errors[0] == "" and "does not open this package" in errors[1]
    assert window.workspace is not None  # the second try opened it, no return to the start
    assert window.workspace.path.parent == working_copies_folder()
    assert window.statusBar().currentMessage().startswith("Protected package opened")


def test_a_working_copy_says_whose_it_is_and_shows_only_a_groups_pages(
    window, demo_file, tmp_path, monkeypatch
):
    stick = tmp_path / "stick"
    stick.mkdir()
    package = stick / package_file_name(GROUP_A)
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        export_package(document, GROUP_A, package)
    assert window.open_group_package(str(package))
    assert window.statusBar().currentMessage().startswith("Unprotected package opened")
    assert GROUP_A in window.windowTitle() and "(working copy)" in window.windowTitle()
    view = window.view
    assert view.banner is not None and view.banner.isVisible() and GROUP_A in view.banner.text()
    shown = [
        view.navigation.item(row).data(256)
        for row in range(view.navigation.count())
        if not view.navigation.item(row).isHidden()
    ]
    assert shown == ["overview", "checklist", "findings", "profile", "reports"]
    assert window.show_page("plan") is None and window.show_page("participants") is None
    visible_actions = [a.text() for a in window.go_actions if a.isVisible()]
    assert len(visible_actions) == len(shown)
    overview = view.page("overview")
    assert GROUP_A in overview.title.text()
    for key in ("activities", "endorsed", "kpis", "documents", "sessions", "groups"):
        assert not overview.tiles[key].isVisible(), key
    assert overview.tiles["answered"].isVisible() and overview.tiles["rated"].isVisible()
    assert overview.table.rowCount() == 4  # LC, RF, TR, MS
    _shot(window, "working-copy-overview")
    page = window.show_page("checklist")
    assert view.banner.isVisible() and page.isVisible()
    _shot(window, "working-copy-checklist")
    assert set(WORKING_COPY_HIDDEN) >= {"participants", "groups", "plan", "kpis", "merge"}

    # Return to facilitator proposes the folder the package came from.
    proposed: list[str] = []

    def save(parent, title, suggested, *_a, **_k):
        proposed.append(suggested)
        return "", ""  # cancelled: nothing written

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    window.return_package_action.trigger()
    assert Path(proposed[0]).parent == stick
    assert (
        Path(proposed[0]).name
        == f"{package_file_name(GROUP_A)[: -len('.idgpkg')]} (returned).idgpkg"
    )


def test_a_master_keeps_every_page_and_its_own_title(window, demo_file):
    assert window.open_path(demo_file)
    view = window.view
    assert view.banner is None
    assert all(not view.navigation.item(r).isHidden() for r in range(view.navigation.count()))
    assert "(working copy)" not in window.windowTitle()
    assert view.page("overview").tiles["activities"].isVisible()


@pytest.mark.parametrize("imported", [False, True])
def test_the_merge_page_without_conflicts_keeps_its_empty_state_under_the_log(
    window, demo_file, tmp_path, imported
):
    if imported:  # a group's work merged (its conflicts settled): the log has a row
        from idg_desktop.exchange.merge import import_package
        from idg_desktop.exchange.packages import open_package, return_package
        from idg_desktop.services import answers

        package, work, back = (tmp_path / n for n in ("a.idgpkg", "a.idg", "back.idgpkg"))
        with AssessmentDocument.open(demo_file) as document:
            export_package(document, GROUP_A, package)
        copy = open_package(package, work)
        answers.save_answer(copy, "LC-1", text="Group A's words.")
        return_package(copy, back)
        copy.close()
        with AssessmentDocument.open(demo_file) as document:
            import_package(document, back)
    assert window.open_path(demo_file)
    page = window.show_page("merge")
    _settle()
    assert page.none_label.isVisible() and not page.conflict_area.isVisible()
    above = page.log if imported else page.log_empty
    assert above.isVisible()
    heading = page.conflicts_heading.mapTo(page, page.conflicts_heading.rect().topLeft()).y()
    log_bottom = above.mapTo(page, above.rect().bottomLeft()).y()
    assert 0 < heading - log_bottom < 3 * page.fontMetrics().height(), (heading, log_bottom)
    label = page.none_label.mapTo(page, page.none_label.rect().topLeft()).y()
    assert 0 < label - heading < 3 * page.fontMetrics().height()
    assert window.size() == QSize(1280, 800)
    _shot(window, f"merge-empty-{imported}")


def test_the_export_passphrase_warning_does_not_squeeze_the_explanation(qtbot):
    dialog = passphrase_dialogs.NewPassphraseDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.first.setText("Veltra")
    dialog.second.setText("Veltro")
    _settle()
    assert dialog.mismatch.isVisible()
    _shot(dialog, "new-passphrase-mismatch")
    from PySide6.QtWidgets import QLabel

    for label in dialog.findChildren(QLabel):
        if label.isVisible() and label.wordWrap():
            needed = label.heightForWidth(label.width())
            assert label.height() >= needed, (label.text(), label.height(), needed)
