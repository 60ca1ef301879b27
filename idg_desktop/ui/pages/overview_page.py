"""The Overview: the assessment at a glance, and where each section stands.

It reads the quick summary (``storage/overview.py``, plain sqlite3), so it is
the page the window can paint before the rest of the application has loaded.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain.vocabulary import capitalised
from idg_desktop.services.peek import Overview, read_overview
from idg_desktop.ui.labels import section_label
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.labelled import wrapping_label


class _Tile(QFrame):
    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setObjectName("tile")
        self.value = QLabel("—")
        self.value.setObjectName("tileValue")
        self.caption = wrapping_label("tileCaption", caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


class OverviewPage(QWidget):
    """Not a :class:`Page`: it needs only the file, not the workspace."""

    MAIN_ACTIONS = ("table",)

    #: What a group's working copy shows: its members, answers and findings
    #: (its plan, documents and sessions are the master's, and stay there).
    GROUP_TILES = ("participants", "answered", "rated", "findings")

    def __init__(
        self,
        path: Path,
        overview: Overview,
        parent: QWidget | None = None,
        *,
        group: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.group = group
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        self.title = wrapping_label("pageHeading")
        self.subtitle = wrapping_label("pageIntro")
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)

        tiles = QGridLayout()
        tiles.setSpacing(12)
        self.tiles = {
            "participants": _Tile(self.tr("participants")),
            "groups": _Tile(self.tr("working groups")),
            "answered": _Tile(self.tr("checklist questions answered")),
            "rated": _Tile(self.tr("questions rated")),
            "findings": _Tile(self.tr("findings")),
            "documents": _Tile(self.tr("background documents")),
            "sessions": _Tile(self.tr("workshop sessions")),
            # the action plan (IDG Part III)
            "activities": _Tile(self.tr("activities")),
            "kpis": _Tile(self.tr("KPIs")),
            "endorsed": _Tile(self.tr("action plan")),
        }
        shown = [
            tile
            for key, tile in self.tiles.items()
            if (key in self.GROUP_TILES if group else key != "rated")
        ]
        for tile in self.tiles.values():
            if tile not in shown:  # kept (show_overview fills every tile), never shown
                tile.setParent(self)
                tile.hide()
        columns = 4 if group else 6
        for index, tile in enumerate(shown):
            tiles.addWidget(tile, index // columns, index % columns)
        layout.addLayout(tiles)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Section"),
                capitalised(section_label()),
                self.tr("Answered"),
                self.tr("Rated"),
                self.tr("Findings"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Progress per section"))
        layout.addWidget(self.table, 1)
        self.show_overview(overview)

    def set_workspace(self, workspace) -> None:
        """Follow the open workspace's changes from now on."""
        workspace.changed.connect(lambda _tables: self.refresh())

    def refresh(self) -> None:
        self.show_overview(read_overview(self.path))

    def show_overview(self, overview: Overview) -> None:
        dates = " – ".join(d for d in (overview.start_date, overview.end_date) if d)
        parts = [overview.administration, overview.location, dates]
        if self.group:  # whose working copy, then the assessment it belongs to
            self.title.setText(fmt(self.tr("%1 — working copy"), self.group))
            parts = [overview.title, *parts]
        else:
            self.title.setText(overview.title)
        self.subtitle.setText("  ·  ".join(p for p in parts if p))
        values = {
            "participants": (
                str(overview.participants),
                fmt(self.tr("group members (%1 external)"), str(overview.external))
                if self.group
                else fmt(self.tr("participants (%1 external)"), str(overview.external)),
            ),
            "groups": (str(overview.groups), None),
            "answered": (f"{overview.answered}/{overview.questions}", None),
            "rated": (f"{sum(s.rated for s in overview.sections)}/{overview.questions}", None),
            "findings": (
                str(overview.findings),
                fmt(self.tr("findings (%1 agreed)"), str(overview.findings_agreed)),
            ),
            "documents": (str(overview.documents), None),
            "sessions": (str(overview.sessions), None),
            "activities": (
                str(overview.activities),
                fmt(self.tr("activities (%1 high priority)"), str(overview.activities_high)),
            ),
            "kpis": (
                str(overview.kpis),
                fmt(self.tr("KPIs (%1 metadata sheets complete)"), str(overview.kpis_complete)),
            ),
            "endorsed": (
                self.tr("Endorsed") if overview.endorsed_on else self.tr("Not endorsed"),
                fmt(self.tr("action plan: %1 on %2"), overview.endorsed_by, overview.endorsed_on)
                if overview.endorsed_on
                else self.tr("action plan: no endorsement recorded yet"),
            ),
        }
        for key, (value, caption) in values.items():
            self.tiles[key].value.setText(value)
            if caption:
                self.tiles[key].caption.setText(caption)
        self.table.setRowCount(len(overview.sections))
        for row, section in enumerate(overview.sections):
            cells = [
                section.code,
                section.title,
                f"{section.answered}/{section.questions}",
                f"{section.rated}/{section.questions}",
                str(section.findings),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
