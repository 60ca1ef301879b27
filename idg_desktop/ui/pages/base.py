"""What every page of the workshop window has in common."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from idg_desktop.domain.records import Kind
from idg_desktop.ui.keyboard import keep_focus
from idg_desktop.ui.widgets.dialog_form import ask
from idg_desktop.ui.widgets.labelled import wrapping_label
from idg_desktop.ui.workspace import Workspace

T = TypeVar("T")


class Page(QWidget):
    """A page of the navigation. Subclasses build their widgets in ``__init__``
    and reload from the services in :meth:`reload`, which the window calls when
    a change touched one of :attr:`KINDS` of record (``Kind.ANY`` means any)."""

    #: The record kinds (``domain/records.py`` ``Kind``) whose changes this page shows.
    KINDS: frozenset[str] = frozenset({Kind.ANY})

    #: The page's main actions: names of its attributes holding the widgets a
    #: user needs first (buttons, the main table). At a laptop's size (1280x800,
    #: 1366x768) each must be in view without scrolling (tests/ui/test_main_actions.py).
    MAIN_ACTIONS: tuple[str, ...] = ()

    #: Ask the window to show another page: (page key, what to show there),
    #: e.g. ("checklist", ("TR", "II")) from a heat-map cell.
    navigateRequested = Signal(str, object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._stale = True
        workspace.changed.connect(self._on_changed)

    @property
    def document(self):
        return self.workspace.document

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if Kind.ANY in kinds or Kind.ANY in self.KINDS or kinds & self.KINDS:
            self._stale = True
            if self.isVisible():
                keep_focus(self, self.reload)  # a cell's edit: focus stays on its table
                self._stale = False

    def showEvent(self, event) -> None:
        if self._stale:
            self.reload()
            self._stale = False
        super().showEvent(event)

    def reload(self) -> None:
        """Read what the page shows from the services."""

    def run_dialog(
        self, dialog: QDialog, read: Callable[[], tuple], label: str, change: Callable[..., T]
    ) -> T | None:
        """Show ``dialog``; once it is accepted, ``change(*read())`` (``read`` takes
        the dialog's values) runs as one undoable step named ``label``. What it
        returned, or None if the dialog was cancelled or the service refused."""
        chosen = ask(dialog, read)
        if chosen is None:
            return None
        return self.workspace.run(label, lambda: change(*chosen))

    def fit_to_font(self) -> None:
        """Size again what depends on the size of the text (columns, fields): the
        window's text size changed. A page that has such sizes calls it once built."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_font()
        super().changeEvent(event)

    @staticmethod
    def heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("pageHeading")
        return label

    @staticmethod
    def intro(text: str) -> QLabel:
        return wrapping_label("pageIntro", text)

    def page_layout(self, title: str, intro: str = "") -> QVBoxLayout:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(self.heading(title))
        if intro:
            layout.addWidget(self.intro(intro))
        return layout
