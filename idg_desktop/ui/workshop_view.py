"""The workshop view: the navigation along the IDG process on the left, the
current page on the right (pages built the first time they are shown).

:class:`~idg_desktop.ui.main_window.MainWindow` shows one for the open
assessment; ``PAGES``, ``WORKING_COPY_HIDDEN`` and :func:`page_title` say
which pages there are, which a group's working copy hides and what they are
called.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.ui.pages.overview_page import OverviewPage
from idg_desktop.ui.text import fmt

if TYPE_CHECKING:
    from idg_desktop.ui.workspace import Workspace


#: The navigation, in the order of the IDG process (PRODUCT.md §2):
#: key, module under idg_desktop.ui.pages, class. Titles come from the class.
PAGES: list[tuple[str, str, str]] = [
    ("overview", "overview_page", "OverviewPage"),
    ("scope", "scope_page", "ScopePage"),
    ("participants", "participants_page", "ParticipantsPage"),
    ("groups", "groups_page", "GroupsPage"),
    ("documents", "documents_page", "DocumentsPage"),
    ("agenda", "agenda_page", "AgendaPage"),
    ("checklist", "checklist_page", "ChecklistPage"),
    ("findings", "findings_page", "FindingsPage"),
    ("profile", "profile_page", "ProfilePage"),
    ("priorities", "priorities_page", "PrioritiesPage"),
    ("matrix", "matrix_page", "PriorityMatrixPage"),
    ("plan", "plan_page", "ActionPlanPage"),
    ("kpis", "kpis_page", "KpisPage"),
    ("reports", "reports_page", "ReportsPage"),
    ("merge", "merge_page", "MergePage"),
]


#: Pages a group's working copy does not show: a group answers the checklist
#: and writes findings of its sections (the Overview, Checklist, Findings,
#: Integrity profile and Reports show those); the scope, people, groups,
#: documents, agenda, priorities, plan, KPIs and merges are the master's, and
#: nothing edited there would travel back with "Return to facilitator".
WORKING_COPY_HIDDEN = frozenset(
    {
        "scope",
        "participants",
        "groups",
        "documents",
        "agenda",
        "priorities",
        "matrix",
        "plan",
        "kpis",
        "merge",
    }
)


def page_shortcut(number: int) -> str:
    """The keys of the ``number``-th page (from 1): Ctrl+1 … Ctrl+9 for the
    first nine, then Alt+0 … Alt+5 for pages 10 to 15 (Alt adds ten; Ctrl+0
    is the normal text size, Alt+letters open the menus)."""
    return f"Ctrl+{number}" if number <= 9 else f"Alt+{number - 10}"


def page_title(key: str) -> str:
    """The navigation label of a page, translated."""
    titles = {
        "overview": QApplication.translate("Navigation", "Overview"),
        "scope": QApplication.translate("Navigation", "Scope and terms of reference"),
        "participants": QApplication.translate("Navigation", "Participants"),
        "groups": QApplication.translate("Navigation", "Working groups"),
        "documents": QApplication.translate("Navigation", "Background documents"),
        "agenda": QApplication.translate("Navigation", "Agenda"),
        "checklist": QApplication.translate("Navigation", "Checklist"),
        "findings": QApplication.translate("Navigation", "Findings"),
        "merge": QApplication.translate("Navigation", "Merge and conflicts"),
        "profile": QApplication.translate("Navigation", "Integrity profile"),
        "priorities": QApplication.translate("Navigation", "Priorities"),
        "matrix": QApplication.translate("Navigation", "Priority matrix"),
        "plan": QApplication.translate("Navigation", "Action plan"),
        "kpis": QApplication.translate("Navigation", "KPIs"),
        "reports": QApplication.translate("Navigation", "Reports"),
    }
    return titles[key]


class WorkshopView(QWidget):
    """Navigation list on the left, the current page on the right.

    It appears with only the Overview ready (read without the ORM, so the
    window paints at once); :meth:`attach` then brings the workspace and
    enables the other pages, each built the first time it is shown.
    """

    pageChanged = Signal(str)
    exportAllRequested = Signal()  # the Working groups page's "Export all packages…"

    def __init__(
        self, path: Path, overview, parent: QWidget | None = None, *, group: str | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.group = group  # a working copy: the group it belongs to
        self.hidden = WORKING_COPY_HIDDEN if group else frozenset()
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Workshop steps"))
        self.stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {"overview": OverviewPage(path, overview, group=group)}
        for number, (key, _module, _cls) in enumerate(PAGES, start=1):
            item = QListWidgetItem(f"{number}  {page_title(key)}")
            item.setData(Qt.ItemDataRole.UserRole, key)
            keys = QKeySequence(page_shortcut(number))
            item.setToolTip(keys.toString(QKeySequence.SequenceFormat.NativeText))
            if key != "overview":
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.navigation.addItem(item)
            item.setHidden(key in self.hidden)
            self.stack.addWidget(self._pages["overview"] if key == "overview" else QWidget())
        self.navigation.currentRowChanged.connect(self._show_row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.banner: QLabel | None = None
        if group:  # above every page: whose working copy this is
            self.banner = QLabel(
                fmt(
                    self.tr(
                        "Working copy of the package for %1. Answer the checklist and write "
                        "the findings of the group's sections; when done, File › Return to "
                        "facilitator."
                    ),
                    group,
                )
            )
            self.banner.setObjectName("workingCopyBanner")
            self.banner.setWordWrap(True)
            self.banner.setAccessibleName(self.tr("Working copy"))
            right.addWidget(self.banner)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.navigation.setCurrentRow(0)

    def attach(self, workspace: Workspace) -> None:
        """The document is open: every page can be used."""
        from idg_desktop.ui.autosave import TypingWatch

        self.workspace = workspace
        self._typing_watch = TypingWatch(workspace, self)  # the status bar knows of typing
        self._pages["overview"].set_workspace(workspace)
        for row in range(self.navigation.count()):
            item = self.navigation.item(row)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEnabled)

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built on first use."""
        if key not in self._pages:
            row = [k for k, _, _ in PAGES].index(key)
            _, module_name, class_name = PAGES[row]
            module = importlib.import_module(f"idg_desktop.ui.pages.{module_name}")
            page = getattr(module, class_name)(self.workspace)
            if hasattr(page, "navigateRequested"):
                page.navigateRequested.connect(self._navigate)
            if hasattr(page, "exportAllRequested"):
                page.exportAllRequested.connect(self.exportAllRequested)
            self._pages[key] = page
            placeholder = self.stack.widget(row)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.insertWidget(row, page)
        return self._pages[key]

    def show_page(self, key: str) -> QWidget | None:
        if (self.workspace is None and key != "overview") or key in self.hidden:
            return None
        row = [k for k, _, _ in PAGES].index(key)
        self.navigation.setCurrentRow(row)
        return self.page(key)

    def _navigate(self, key: str, target: object) -> None:
        page = self.show_page(key)
        if hasattr(page, "show_target"):
            page.show_target(target)

    def current_key(self) -> str:
        return PAGES[self.navigation.currentRow()][0]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = PAGES[row][0]
        page = self.page(key)
        self.stack.setCurrentWidget(page)  # the page left saves what was typed as it hides
        if self.workspace is not None:
            self.workspace.end_visit()
        self.pageChanged.emit(key)

    def commit_typing(self) -> None:
        """Save what is being typed in the page shown, as leaving its field would."""
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()  # editors save on leaving (editingFinished, delegates)
        page = self._pages.get(self.current_key())
        if hasattr(page, "flush"):
            page.flush()  # text waiting for a pause in typing
        QApplication.sendPostedEvents()  # saves queued by the editors (a tree title)
