"""The integrity profile: ratings per section and sub-area as a heat map.

A cell leads to its questions on the Checklist page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget

from idg_desktop.domain.records import Kind
from idg_desktop.services.profile import integrity_profile
from idg_desktop.ui.labels import section_label
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.heatmap import IntegrityHeatMap
from idg_desktop.ui.workspace import Workspace


class ProfilePage(Page):
    MAIN_ACTIONS = ("heatmap",)
    KINDS = frozenset({Kind.ANSWER, Kind.SECTION, Kind.QUESTION})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        layout = self.page_layout(
            self.tr("Integrity profile"),
            fmt(
                self.tr(
                    "How existing measures were rated, per %1 and sub-area: from absent "
                    "to effective (IDG Figure 5). Select a cell to see its questions."
                ),
                section_label(),
            ),
        )
        self.heatmap = IntegrityHeatMap()
        self.heatmap.setAccessibleName(self.tr("Integrity profile heat map"))
        self.heatmap.cellActivated.connect(
            lambda section, subarea: self.navigateRequested.emit("checklist", (section, subarea))
        )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop: its fields are
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.heatmap)
        layout.addWidget(scroll, 1)

    def reload(self) -> None:
        self.heatmap.set_cells(integrity_profile(self.document))
