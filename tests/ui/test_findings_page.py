"""The Findings page as a facilitator expects it: a Section and a Working group
field (for a new finding and later), a filter by status, columns sorted by a
click on their header, duplicates offered by their text, a merge that keeps
the duplicate's proposed action, and a merged finding that says where it went."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QDialog

from idg_desktop.services import findings
from idg_desktop.services.groups import find_group
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.models.findings_model import COL_STATUS, COL_TEXT
from idg_desktop.ui.pages.findings.duplicates import DuplicateDialog
from idg_desktop.ui.pages.findings_page import FindingsPage


@pytest.fixture
def page(qtbot, workspace):
    widget = FindingsPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.hide()


def choose(qtbot, combo: QComboBox, data) -> None:
    """Pick an item as the user does: the combo focused, then the item activated."""
    combo.setFocus()
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def on_disk(path: Path, finding_id: str):
    with AssessmentDocument.open(path, read_only=True) as document:
        found = findings.find_finding(document, finding_id)
        return found.section_code, found.group_id, list(found.question_ids)


def column(page: FindingsPage, col: int) -> list[str]:
    return [page.proxy.index(r, col).data() for r in range(page.proxy.rowCount())]


def test_a_new_finding_shows_its_section_and_both_section_and_group_can_be_changed(
    page, qtbot, workspace, demo_file
):
    page.section_filter.setCurrentIndex(0)  # all sections: the new one's is not a filter's
    page.table.selectRow(page._row_of(next(
        f.id for f in findings.list_findings(workspace.document, "HR")
    )))  # fmt: skip
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    new = page._current
    assert page.section.currentData() == "HR" and page.section.isEnabled()
    assert "HR" in page.saved_note.text()
    assert page.group.currentData() is None  # the master's own finding
    choose(qtbot, page.section, "TR")
    group_d = find_group(workspace.document, "Group D – People and culture").id
    choose(qtbot, page.group, group_d)
    assert page._current == new and page.section.currentData() == "TR"
    row = page._row_of(new)
    assert page.proxy.index(row, 0).data() == "TR"
    assert "Group D" in page.proxy.index(row, 5).data()
    workspace.close()
    assert on_disk(demo_file, new)[:2] == ("TR", group_d)


def test_a_finding_moved_under_a_section_filter_stays_shown(page, qtbot, workspace, demo_file):
    page.section_filter.setCurrentIndex(page.section_filter.findData("RF"))
    moved = page._current
    assert page.section.currentData() == "RF"
    page.questions.setText("RF-1")
    page.questions.editingFinished.emit()
    choose(qtbot, page.section, "LC")
    assert page.section_filter.currentData() == "LC"  # followed it
    assert page._current == moved and page.section.currentData() == "LC"
    assert page.questions.text() == ""  # RF-1 is not a question of LC
    workspace.close()
    assert on_disk(demo_file, moved) == ("LC", on_disk(demo_file, moved)[1], [])


def test_filter_by_status_and_sort_by_a_header(page, qtbot):
    page.section_filter.setCurrentIndex(0)
    every = page.proxy.rowCount()
    page.status_filter.setCurrentIndex(page.status_filter.findData("proposed"))
    statuses = column(page, COL_STATUS)
    assert statuses and set(statuses) == {"Proposed"} and len(statuses) < every
    page.status_filter.setCurrentIndex(0)
    assert page.proxy.rowCount() == every
    header = page.table.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(COL_TEXT) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    texts = [page._finding_at(r).text for r in range(page.proxy.rowCount())]
    assert texts == sorted(texts, key=str.casefold)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    again = [page._finding_at(r).text for r in range(page.proxy.rowCount())]
    assert again == sorted(texts, key=str.casefold, reverse=True) != texts
    # the finding shown stays chosen whatever the order
    assert page.table.currentIndex().row() == page._row_of(page._current)


def test_merge_offers_texts_and_the_kept_finding_takes_in_the_action(
    page, qtbot, workspace, demo_file, monkeypatch
):
    page.section_filter.setCurrentIndex(page.section_filter.findData("HR"))
    shown = findings.list_findings(workspace.document, "HR")
    kept, duplicate = [f for f in shown if f.status != "merged"][:2]
    kept_id, kept_text, kept_action = kept.id, kept.text, kept.proposed_action
    duplicate_id, duplicate_action = duplicate.id, duplicate.proposed_action
    assert kept_action and duplicate_action
    page.table.selectRow(page._row_of(duplicate_id))
    offered: list[str] = []

    def pick(dialog):
        dialog.show()
        choices = dialog.list
        offered.extend(choices.item(r).text() for r in range(choices.count()))
        # none chosen at first, and OK waits for a choice
        assert not choices.selectedItems() and not dialog.ok.isEnabled()
        row = next(r for r, x in enumerate(offered) if kept_text[:40] in x)
        qtbot.mouseClick(
            choices.viewport(),
            Qt.MouseButton.LeftButton,
            pos=choices.visualItemRect(choices.item(row)).center(),
        )
        assert dialog.ok.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DuplicateDialog, "exec", pick)
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert all(" · HR · " in x for x in offered)
    assert any(x.startswith("Weakness / risk") or x.startswith("Recommendation") for x in offered)
    assert not any(kept_id[:8] in x for x in offered)  # texts, not ids
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        assert findings.find_finding(document, kept_id).proposed_action == (
            f"{kept_action}\n\n{duplicate_action}"
        )
    # the merged finding says what it went into, in the table and the editor
    row = page._row_of(duplicate_id)
    assert f"Merged into: {kept_text[:30]}" in page.proxy.index(row, COL_TEXT).data()
    assert page.merged_row.isVisible()
    assert page.merged_note.text().startswith(f"Merged into: {kept_text[:30]}")
    qtbot.mouseClick(page.go_merged, Qt.MouseButton.LeftButton)
    assert page._current == kept_id
    assert not page.merged_row.isVisible()
    # one undo step takes back both the merge and the action taken in
    workspace.undo_stack.undo()
    workspace.close()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        assert findings.find_finding(document, kept_id).proposed_action == kept_action
        assert findings.find_finding(document, duplicate_id).status != "merged"


def test_go_to_the_finding_merged_into_whatever_the_filters(page, qtbot, workspace):
    merged = next(f for f in findings.list_findings(workspace.document) if f.status == "merged")
    target = findings.find_finding(workspace.document, merged.merged_into_id)
    assert target.section_code != merged.section_code  # the demo's plenary merged across
    page.section_filter.setCurrentIndex(page.section_filter.findData(merged.section_code))
    page.status_filter.setCurrentIndex(page.status_filter.findData("merged"))
    page.table.selectRow(page._row_of(merged.id))
    assert page.merged_note.text().startswith(f"Merged into: {target.text[:30]}")
    qtbot.mouseClick(page.go_merged, Qt.MouseButton.LeftButton)
    assert page._current == target.id
    assert page.table.currentIndex().row() == page._row_of(target.id) >= 0
    assert page.text.toPlainText() == target.text
