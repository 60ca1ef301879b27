"""The window refuses what a newer version wrote in the same one sentence as
the command line, naming the version it needs, and leaves the file as it was:
an assessment file, a protected group package (refused before a passphrase is
asked for nothing), a group's returned answers, and a fill-in workbook."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from later_version import GROUP_A, later_copy, pretend_to_be_later, sentence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from idg_desktop.exchange.packages import export_package, open_package, return_package
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui import passphrase_dialogs
from idg_desktop.workbook.fill_in import export_template

pytestmark = pytest.mark.usefixtures("fast_scrypt")


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """The texts of the warnings shown; a passphrase asked for fails the test."""
    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: texts.append(args[2]))

    def asked(*_args, **_kwargs):
        raise AssertionError("a passphrase was asked for a package this version cannot read")

    monkeypatch.setattr(passphrase_dialogs, "ask_passphrase", asked)
    return texts


def _choose(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_file_from_a_later_version(window, shown, demo_file, tmp_path):
    with pytest.MonkeyPatch.context() as mp:
        pretend_to_be_later(mp)
        path = later_copy(demo_file, tmp_path / "later.idg")
    before = digest(path)
    assert not window.open_path(path)
    assert shown == [sentence(path)]
    assert digest(path) == before and window.workspace is None


def test_a_protected_group_package_from_a_later_version(
    window, shown, demo_file, tmp_path, monkeypatch
):
    package = tmp_path / "a.idgpkg"
    with pytest.MonkeyPatch.context() as mp:
        pretend_to_be_later(mp)
        master = later_copy(demo_file, tmp_path / "later-master.idg")
        with AssessmentDocument.open(master, read_only=True) as document:
            export_package(document, GROUP_A, package, passphrase="later-plenary")
    before = digest(package)
    _choose(monkeypatch, package)
    window.start_page.package_button.click()
    assert shown == [sentence(package)]
    assert digest(package) == before and window.workspace is None


@pytest.mark.parametrize("protected", [False, True], ids=["open", "protected"])
def test_a_groups_answers_from_a_later_version(
    window, shown, demo_file, tmp_path, monkeypatch, protected
):
    passphrase = "later-plenary" if protected else None
    package, back = tmp_path / "a.idgpkg", tmp_path / "back.idgpkg"
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        export_package(document, GROUP_A, package, passphrase=passphrase)
    with pytest.MonkeyPatch.context() as mp:
        pretend_to_be_later(mp)
        with open_package(package, tmp_path / "work.idg", passphrase) as work:
            return_package(work, back, passphrase)
    assert window.open_path(demo_file)
    before, master = digest(back), digest(demo_file)
    _choose(monkeypatch, back)
    window.import_returned_package()
    assert len(shown) == 1 and shown[0].endswith(sentence(back))
    assert (digest(back), digest(demo_file)) == (before, master)


def test_a_fill_in_workbook_from_a_later_version(window, shown, demo_file, tmp_path):
    workbook = tmp_path / "a.xlsx"
    with pytest.MonkeyPatch.context() as mp:
        pretend_to_be_later(mp)
        copy = later_copy(demo_file, tmp_path / "copy.idg")
        with AssessmentDocument.open(copy, read_only=True) as document:
            export_template(document, GROUP_A, workbook)
    assert window.open_path(demo_file)
    before, master = digest(workbook), digest(demo_file)
    window.import_filled_workbook(str(workbook))
    assert len(shown) == 1 and shown[0].endswith(sentence(workbook))
    assert (digest(workbook), digest(demo_file)) == (before, master)
