"""The main window's menus and actions: File (open, recent files, the package
and workbook flows, close), Edit (undo, redo, find), View (the pages, the
text size), Help; and which of them are enabled for what is open (a master,
a group's working copy, nothing).

A part of :class:`~idg_desktop.ui.main_window.MainWindow` (it is mixed into
it): the actions stay the window's attributes (``window.undo_action``...),
their slots the window's methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from idg_desktop.ui.keyboard import first_control
from idg_desktop.ui.settings import WindowSettings
from idg_desktop.ui.text import fmt
from idg_desktop.ui.workshop_view import PAGES, WorkshopView, page_shortcut, page_title

if TYPE_CHECKING:
    from idg_desktop.ui.presentation.presenter import Presenter
    from idg_desktop.ui.start_page import StartPage
    from idg_desktop.ui.workspace import Workspace


class WindowMenus:
    """The menu bar of the main window (a mixin of :class:`QMainWindow`)."""

    settings: WindowSettings
    workspace: Workspace | None
    view: WorkshopView | None
    presenter: Presenter
    start_page: StartPage
    recent_menu: QMenu
    go_actions: list[QAction]

    def _action(self, text: str, slot, shortcut=None, menu=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(
            self.tr("&New assessment…"),
            self.new_assessment,
            QKeySequence.StandardKey.New,
            file_menu,
        )
        self._action(
            self.tr("&Open…"), self.choose_and_open, QKeySequence.StandardKey.Open, file_menu
        )
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        self._action(self.tr("Open &demo workshop"), self.open_demo, None, file_menu)
        file_menu.addSeparator()
        self.save_copy_action = self._action(
            self.tr("Save a &copy…"), self.save_copy, QKeySequence("Ctrl+Shift+S"), file_menu
        )
        file_menu.addSeparator()
        self._action(self.tr("Open &group package…"), self.open_group_package, None, file_menu)
        self.export_package_action = self._action(
            self.tr("&Export group package…"), self.export_group_package, None, file_menu
        )
        self.export_all_action = self._action(
            self.tr("Export &all group packages to a folder…"),
            self.export_all_packages,
            None,
            file_menu,
        )
        self.import_package_action = self._action(
            self.tr("&Import returned package…"), self.import_returned_package, None, file_menu
        )
        self.export_workbook_action = self._action(
            self.tr("Export fill-in &workbook…"), self.export_fill_in_workbook, None, file_menu
        )
        self.import_workbook_action = self._action(
            self.tr("Import filled wor&kbook…"), self.import_filled_workbook, None, file_menu
        )
        self.return_package_action = self._action(
            self.tr("&Return to facilitator…"), self.return_to_facilitator, None, file_menu
        )
        file_menu.addSeparator()
        self.close_action = self._action(
            self.tr("&Close assessment"),
            self.close_assessment,
            QKeySequence.StandardKey.Close,
            file_menu,
        )
        file_menu.addSeparator()
        self.quit_action = self._action(
            self.tr("&Quit"), self.quit_all, QKeySequence.StandardKey.Quit, file_menu
        )

        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(
            self.tr("&Undo"), self.undo, QKeySequence.StandardKey.Undo, self.edit_menu
        )
        self.redo_action = self._action(
            self.tr("&Redo"), self.redo, QKeySequence("Ctrl+Shift+Z"), self.edit_menu
        )
        self.edit_menu.addSeparator()
        self.find_action = self._action(
            self.tr("&Find in checklist…"), self.find, QKeySequence.StandardKey.Find, self.edit_menu
        )

        view_menu = bar.addMenu(self.tr("&View"))
        self.go_actions: list[QAction] = []
        for number, (key, _, _) in enumerate(PAGES, start=1):
            action = self._action(
                page_title(key),
                lambda _=False, k=key: self.go_to_page(k),
                QKeySequence(page_shortcut(number)),
                view_menu,
            )
            self.go_actions.append(action)
        view_menu.addSeparator()
        larger = self._action(
            self.tr("&Larger text"),
            lambda: self.zoom(1.1),
            QKeySequence.StandardKey.ZoomIn,
            view_menu,
        )
        # Ctrl+= too: where + needs Shift, that is the key people press.
        larger.setShortcuts([*larger.shortcuts(), QKeySequence("Ctrl+=")])
        self._action(
            self.tr("&Smaller text"),
            lambda: self.zoom(1 / 1.1),
            QKeySequence.StandardKey.ZoomOut,
            view_menu,
        )
        self.normal_size_action = self._action(
            self.tr("&Normal size"),
            self.normal_size,
            QKeySequence("Ctrl+0"),
            view_menu,
        )
        view_menu.addSeparator()
        self.high_contrast_action = self._action(
            self.tr("&High contrast"), self.set_high_contrast, None, view_menu
        )
        self.high_contrast_action.setCheckable(True)
        self.high_contrast_action.setChecked(self.settings.high_contrast)
        view_menu.addSeparator()
        self.presenter.add_actions(view_menu)  # Present (F5), Presentation ▸

        help_menu = bar.addMenu(self.tr("&Help"))
        self.guide_action = self._action(
            self.tr("IDG Workshop &guide"),
            self.show_guide,
            QKeySequence(QKeySequence.StandardKey.HelpContents),
            help_menu,
        )
        self.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        help_menu.addSeparator()
        self._action(self.tr("&About IDG Workshop"), self.about, None, help_menu)
        self._update_actions()

    def go_to_page(self, key: str) -> None:
        """A page's shortcut (Ctrl+1–9, Alt+0–5): the page, and the keyboard's
        focus on its first control, so the focus ring shows at once where the
        next key goes (it stayed on the page left, or nowhere, until Tab)."""
        page = self.show_page(key)
        if page is None:
            return
        target = first_control(page)
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def quit_all(self) -> None:
        """File ▸ Quit: every window of the program closes (each its own file),
        this one last; closing a window only is the window's own close button."""
        others = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, type(self)) and w is not self and w.isVisible()
        ]
        for window in others:
            window.close()
        self.close()

    def _fill_recent_menu(self) -> None:
        """File ▸ Open recent: each workshop's title and where its file is; files
        no longer there (a stick taken out) are left out."""
        from idg_desktop.ui.recent import recent_files

        menu = self.recent_menu
        menu.clear()
        entries = [entry for entry in recent_files(self.settings.recent_files()) if entry.exists]
        for number, entry in enumerate(entries, start=1):
            title = (entry.title or entry.path.stem).replace("&", "&&")
            where = str(entry.path).replace("&", "&&")
            action = QAction(fmt(self.tr("&%1  %2 — %3"), number, title, where), menu)
            action.setToolTip(str(entry.path))
            action.setData(str(entry.path))
            action.triggered.connect(lambda _=False, p=entry.path: self.open_path(p))
            menu.addAction(action)
        if not entries:
            empty = menu.addAction(self.tr("No recent assessments"))
            empty.setEnabled(False)
        menu.addSeparator()
        self.clear_recent_action = menu.addAction(self.tr("&Clear list"))
        self.clear_recent_action.setEnabled(bool(self.settings.recent_files()))
        self.clear_recent_action.triggered.connect(self.clear_recent)

    def clear_recent(self) -> None:
        self.settings.clear_recent()
        self.start_page.refresh()
        self._fill_recent_menu()

    def recent_actions(self) -> list[QAction]:
        """The entries of File ▸ Open recent that open a file."""
        self._fill_recent_menu()
        return [a for a in self.recent_menu.actions() if a.data()]

    def _on_undo_index(self, _index: int) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        has = self.workspace is not None and not self.workspace.lost
        for action in (self.close_action, self.find_action, *self.go_actions):
            action.setEnabled(self.workspace is not None)
        hidden = self.view.hidden if self.view is not None else frozenset()
        for (key, _, _), action in zip(PAGES, self.go_actions, strict=True):
            action.setVisible(key not in hidden)
        self.save_copy_action.setEnabled(self.workspace is not None)
        self.presenter.update_actions()
        working_copy = False
        if has:
            from idg_desktop.exchange.packages import working_copy_info

            working_copy = working_copy_info(self.workspace.document) is not None
        self.export_package_action.setEnabled(has and not working_copy)
        self.export_all_action.setEnabled(has and not working_copy)
        self.import_package_action.setEnabled(has and not working_copy)
        self.export_workbook_action.setEnabled(has and not working_copy)
        self.import_workbook_action.setEnabled(has and not working_copy)
        self.return_package_action.setEnabled(has and working_copy)
        stack = self.workspace.undo_stack if self.workspace else None
        self.undo_action.setEnabled(bool(has and stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(has and stack and stack.canRedo()))
        if stack is not None:
            self.undo_action.setText(
                fmt(self.tr("&Undo %1"), stack.undoText()) if stack.canUndo() else self.tr("&Undo")
            )
            self.redo_action.setText(
                fmt(self.tr("&Redo %1"), stack.redoText()) if stack.canRedo() else self.tr("&Redo")
            )
