"""Resolving a conflict field by field on the Merge and conflicts page: every
differing field side by side with a choice per version, Resolve enabled only
once each is chosen, keyboard-usable, the file reopened holds the choices."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conflict_cases import (
    FINDING,
    GROUP_A,
    GROUP_ACTION,
    GROUP_EVIDENCE,
    MASTER_FINDING_TEXT,
    conflicting_package,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QRadioButton

from idg_desktop.exchange import merge
from idg_desktop.services import answers, findings
from idg_desktop.storage.document import AssessmentDocument

SCREENSHOT = Path(os.environ.get("IDG_MERGE_SCREENSHOT", "/tmp/idg-merge-fields.png"))


pytestmark = pytest.mark.usefixtures("fast_scrypt")


#: The main window's size in this file's tests (the ``window`` fixture).
WINDOW_SIZE = (1600, 1000)


def _settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _button(page, field: str, origin: str | None) -> QRadioButton:
    return next(b for b in page.field_groups[field].buttons() if b.property("origin") == origin)


def test_each_differing_field_is_chosen_and_the_file_holds_the_choices(
    window, qtbot, demo_file, tmp_path, monkeypatch
):
    back = conflicting_package(demo_file, tmp_path)
    assert window.open_path(demo_file)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(back), ""))
    window.import_package_action.trigger()
    qtbot.waitUntil(lambda: window.view.current_key() == "merge")
    page = window.view.page("merge")
    qtbot.waitUntil(lambda: page.conflict_list.count() == 2)

    # The answer: one row per differing field, a choice per version (origin).
    page.conflict_list.setCurrentRow(0)
    assert page.conflict_list.item(0).text().startswith("Answer LC-1")
    fields = ["text", "rating", "measure_exists", "measure_applied", "measure_effective"]
    assert list(page.field_groups) == [*fields, "evidence"]
    for name, group in page.field_groups.items():
        origins = [b.property("origin") for b in group.buttons()]
        assert origins == (["master", GROUP_A, None] if name == "text" else ["master", GROUP_A])
        assert group.checkedButton() is None  # nothing chosen by default
    assert _button(page, "rating", GROUP_A).text() == "Effective"
    assert _button(page, "rating", "master").text() == "Not applied"
    assert not page.resolve_button.isEnabled()
    _settle()
    rows = [
        _button(page, name, "master").mapTo(page, _button(page, name, "master").pos()).y()
        for name in page.field_groups
    ]
    assert rows == sorted(rows) and len(set(rows)) == len(rows)  # one row per field
    assert window.grab().save(str(SCREENSHOT))

    # Keyboard: Tab reaches a choice, Space takes it. The rating brings the
    # Figure 5 answers of the same version with it (they go together).
    rating = _button(page, "rating", GROUP_A)
    rating.setFocus()
    qtbot.waitUntil(rating.hasFocus)
    qtbot.keyClick(rating, Qt.Key.Key_Space)
    assert rating.isChecked()
    for name in ("measure_exists", "measure_applied", "measure_effective"):
        assert _button(page, name, GROUP_A).isChecked()
    # Taking one Figure 5 answer from the other version takes the rating and the
    # other answers with it: the master never keeps a contradicting pair.
    _button(page, "measure_applied", "master").setChecked(True)
    for name in ("rating", "measure_exists", "measure_applied", "measure_effective"):
        assert _button(page, name, "master").isChecked(), name
    rating.click()  # and back, whole, to the group's
    for name in ("rating", "measure_exists", "measure_applied", "measure_effective"):
        assert _button(page, name, GROUP_A).isChecked(), name
    assert page.undecided() == ["text", "evidence"] and not page.resolve_button.isEnabled()
    page.consolidated.setFocus()
    qtbot.keyClicks(page.consolidated, "Applied and effective, agreed in plenary.")
    assert page.consolidated_choice.isChecked()
    _button(page, "evidence", "master").setChecked(True)
    assert page.undecided() == [] and page.resolve_button.isEnabled()
    page.resolve_button.click()
    qtbot.waitUntil(lambda: page.conflict_list.count() == 1)

    # The finding: kind, status, text, proposed action.
    assert list(page.field_groups) == ["kind", "text", "proposed_action", "status"]
    _button(page, "kind", GROUP_A).setChecked(True)
    _button(page, "text", "master").setChecked(True)
    _button(page, "proposed_action", GROUP_A).setChecked(True)
    assert not page.resolve_button.isEnabled()
    _button(page, "status", "master").setChecked(True)
    page.resolve_button.click()
    qtbot.waitUntil(lambda: page.conflict_list.count() == 0)

    window.close_assessment()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        answer = answers.answer_for(document, "LC-1")
        assert answer.text == "Applied and effective, agreed in plenary."
        assert answer.rating == "effective"
        assert (answer.measure_exists, answer.measure_applied, answer.measure_effective) == (
            True,
            True,
            "yes",
        )
        assert answer.evidence != GROUP_EVIDENCE and answer.evidence
        finding = findings.find_finding(document, FINDING)
        assert (finding.kind, finding.text, finding.proposed_action, finding.status) == (
            "weakness",
            MASTER_FINDING_TEXT,
            GROUP_ACTION,
            "rejected",
        )
        assert merge.open_conflict_count(document) == 0
