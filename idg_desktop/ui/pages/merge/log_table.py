"""The merge log: every package or workbook imported, when, from which group,
with what outcome, as tall as its rows (up to six) so the conflicts below get
the room."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from idg_desktop.ui.widgets.record_table import setup_record_table


class MergeLogTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, 7)
        self.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Source"),
                self.tr("Group"),
                self.tr("Outcome"),
                self.tr("Taken"),
                self.tr("Added"),
                self.tr("Conflicts"),
            ]
        )
        self.setAccessibleName(self.tr("Merge log"))
        setup_record_table(self, stretch=(2,))

    def show_entries(self, entries: Sequence[Any], still_open: set[str]) -> None:
        """``entries``: the merge log's; ``still_open``: the records with an open
        conflict (an import's conflicts all resolved since show as resolved)."""
        outcomes = {
            "merged": self.tr("Merged"),
            "conflicts": self.tr("Conflicts to resolve"),
            "resolved": self.tr("Conflicts resolved"),
            "already-imported": self.tr("Already imported"),
        }
        sources = {"package": self.tr("Group package"), "workbook": self.tr("Workbook")}
        self.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            try:
                summary = json.loads(entry.summary or "{}")
            except ValueError:
                summary = {}
            outcome = entry.outcome
            if outcome == "conflicts" and not still_open & set(summary.get("conflicts", [])):
                outcome = "resolved"  # the log says what the import left; this, what is left
            cells = [
                entry.created_at.strftime("%Y-%m-%d %H:%M") if entry.created_at else "",
                f"{sources.get(entry.source, entry.source)} {entry.package_id[:8]}",
                entry.group_name,
                outcomes.get(outcome, outcome),
                str(len(summary.get("taken", []))),
                str(len(summary.get("added", []))),
                str(len(summary.get("conflicts", []))),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, column, item)
        shown = max(1, min(len(entries), 6))
        self.setFixedHeight(
            self.horizontalHeader().sizeHint().height()
            + self.verticalHeader().defaultSectionSize() * shown
            + 2 * self.frameWidth()
            + 2
        )
        self.setVisible(bool(entries))
