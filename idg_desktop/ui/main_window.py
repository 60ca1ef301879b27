"""The main window: start page, navigation along the IDG process, menus.

The navigation and pages are ui/workshop_view.py's; the package and workbook
flows are ui/exchange_flows.py's (the window keeps a thin method for each).

Pages are built the first time they are shown (start-up only pays for the
first one). Every change goes through the :class:`Workspace`, so undo/redo,
the "saved" status and error reporting are the same on every page.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
    QWidget,
)

from idg_desktop.errors import IdgError
from idg_desktop.services.peek import DocumentLock, ReadError, probe, read_overview
from idg_desktop.ui import palette, wheel_guard
from idg_desktop.ui.exchange_flows import ExchangeFlows
from idg_desktop.ui.settings import DEFAULT_POINT_SIZE, WindowSettings
from idg_desktop.ui.start_page import StartPage
from idg_desktop.ui.text import fmt
from idg_desktop.ui.workshop_view import (
    PAGES,
    WORKING_COPY_HIDDEN,  # noqa: F401 (still importable from here)
    WorkshopView,
    page_title,
)

if TYPE_CHECKING:
    from idg_desktop.ui.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, settings: WindowSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or WindowSettings()
        self.workspace: Workspace | None = None
        self.view: WorkshopView | None = None
        self._pending_attach: tuple[Path, DocumentLock] | None = None
        self._group: str | None = None  # the group whose working copy is open
        self._guide = None  # the manual's window, made on first use
        self._recovered = False  # the file being opened was left mid-write and recovered
        self.exchange = ExchangeFlows(self)  # the package and workbook flows
        self.setObjectName("mainWindow")
        self.setMinimumSize(QSize(960, 640))
        wheel_guard.install(QApplication.instance())  # the wheel scrolls; it never edits
        self.start_page = StartPage(self.settings)
        self.start_page.openRequested.connect(self.open_path)
        self.start_page.newRequested.connect(self.new_assessment)
        self.start_page.openDialogRequested.connect(self.choose_and_open)
        self.start_page.demoRequested.connect(self.open_demo)
        self.start_page.packageRequested.connect(self.open_group_package)
        self.central = QStackedWidget()
        self.central.addWidget(self.start_page)
        self.setCentralWidget(self.central)
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)
        self._build_menus()
        self.apply_text_scale(self.settings.text_scale)
        self._update_title()

    # -- menus ----------------------------------------------------------------

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
        self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, file_menu)

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
                lambda _=False, k=key: self.show_page(k),
                QKeySequence(f"Ctrl+{number}") if number <= 9 else None,
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

    # -- opening and closing --------------------------------------------------

    def open_path(self, path: Path | str, *, defer: bool = False) -> bool:
        """Open an assessment; a refusal is one sentence in a message box.

        The file is checked and locked, and its Overview shown, with plain
        sqlite3; the document itself (SQLAlchemy, services) is attached at
        once, or — with ``defer``, at start-up — just after the window has
        painted, so the window appears without waiting for those imports.
        """
        path = Path(path)
        lock = DocumentLock(path)
        try:
            facts = probe(path)  # a file left mid-write is recovered here (recovery.py)
            if not facts.intact:
                raise IdgError(f"{path} is damaged: {facts.problems[0]}.")
            lock.acquire()
            try:
                overview = read_overview(path)
            except ReadError as error:
                lock.release()
                raise IdgError(f"{path} cannot be read ({error}).") from None
        except IdgError as error:
            QMessageBox.warning(self, self.tr("Cannot open the file"), str(error))
            return False
        self.close_assessment()
        self._recovered = facts.recovered
        from idg_desktop.exchange.working_copies import read_working_copy

        copy = read_working_copy(path)
        self._group = copy.group if copy is not None else None
        self.view = WorkshopView(path, overview, group=self._group)
        self.view.exportAllRequested.connect(self.export_all_packages)
        self.central.addWidget(self.view)
        self.central.setCurrentWidget(self.view)
        self._update_title(path)
        self.statusBar().showMessage(fmt(self.tr("Opening %1…"), path.name))
        if defer:
            # Attach once the window has painted (see paintEvent).
            self._pending_attach = (path, lock)
            self.update()
            return True
        return self._attach(path, lock)

    def _attach(self, path: Path, lock: DocumentLock) -> bool:
        from idg_desktop.ui.workspace import AssessmentDocument, Workspace

        if self.view is None or self.workspace is not None:  # closed meanwhile
            lock.release()
            return False
        try:
            document = AssessmentDocument.open(path, lock=lock)
        except IdgError as error:
            self._drop_view()
            QMessageBox.warning(self, self.tr("Cannot open the file"), str(error))
            return False
        self.workspace = Workspace(document, self)
        self.workspace.changed.connect(self._on_changed)
        self.workspace.failed.connect(self._on_failed)
        self.workspace.fileLost.connect(self._on_file_lost)
        self.workspace.typingChanged.connect(self._on_typing)
        self.workspace.undo_stack.indexChanged.connect(self._on_undo_index)
        self.view.attach(self.workspace)
        self.settings.add_recent(path)
        if self._group is None:  # not the hidden working-copies folder
            self.settings.last_folder = str(path.parent)
        self.statusBar().clearMessage()
        notes = []
        recovered, self._recovered = self._recovered, False  # said once
        if recovered:
            notes.append(
                fmt(
                    self.tr(
                        "%1: an interrupted change was undone (the file was left mid-write, e.g. "
                        "by a crash or a pulled stick); everything saved before it is intact."
                    ),
                    path.name,
                )
            )
        if document.upgraded_from is not None:
            notes.append(
                fmt(
                    self.tr("Upgraded from an older version; a backup copy is at %1"),
                    str(document.backup_path),
                )
            )
        if notes:
            self.statusBar().showMessage(" ".join(notes), 60000 if recovered else 15000)
        self._mark_saved()
        self._update_title()
        self._update_actions()
        self.view.navigation.setFocus()
        return True

    def _drop_view(self) -> None:
        self._group = None
        if self.view is not None:
            self.central.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
        self.central.setCurrentWidget(self.start_page)
        self._status("")
        self._update_title()

    def close_assessment(self) -> None:
        if self.workspace is None:
            self._drop_view()
            return
        if self.view is not None:
            self.view.commit_typing()  # nothing typed is lost by closing
            self.central.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
        self.workspace.undo_stack.indexChanged.disconnect(self._on_undo_index)
        self.workspace.close()
        self.workspace.deleteLater()
        self.workspace = None
        self._group = None
        self.start_page.refresh()
        self.central.setCurrentWidget(self.start_page)
        self._status("")  # nothing open: nothing to say about saving
        self._update_title()
        self._update_actions()

    def choose_and_open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open an assessment"),
            self.settings.last_folder,
            self.tr("IDG assessments (*.idg);;All files (*)"),
        )
        if name:
            self.open_path(name)

    def open_demo(self) -> None:
        from idg_desktop.services.demo import demo_copy

        try:
            path = demo_copy()
        except IdgError as error:
            QMessageBox.warning(self, self.tr("Cannot open the demo"), str(error))
            return
        self.open_path(path)

    def new_assessment(self) -> None:
        from idg_desktop.ui.new_dialog import NewAssessmentDialog

        dialog = NewAssessmentDialog(self.settings, self)
        if dialog.exec() and dialog.created_path is not None:
            self.open_path(dialog.created_path)

    def save_copy(self) -> None:
        if self.workspace is None:
            return
        suggested = str(Path(self.settings.last_folder) / f"{self.workspace.path.stem}-copy.idg")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy"), suggested, self.tr("IDG assessments (*.idg)")
        )
        if not name:
            return
        progress = QProgressDialog(self.tr("Saving a copy…"), "", 0, 100, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def advance(done: int, total: int) -> None:
            progress.setValue(int(done * 100 / max(total, 1)))
            QApplication.processEvents()  # the window keeps painting between steps

        try:
            self.workspace.document.save_copy(Path(name), progress=advance)
        except IdgError as error:
            QMessageBox.warning(self, self.tr("Cannot save the copy"), str(error))
            return
        finally:
            progress.reset()
        self.statusBar().showMessage(fmt(self.tr("Copy saved to %1"), name), 10000)

    # -- group packages ---------------------------------------------------------

    # The flows live in ui/exchange_flows.py; these names stay for the menus,
    # the start page and the tests.

    @property
    def working_group(self) -> str | None:
        """The group whose working copy is open; None for a master."""
        return self._group

    def package_folder(self) -> str:
        """Where the package dialogs start: the folder last used for packages."""
        return self.exchange.package_folder()

    def export_group_package(self) -> None:
        self.exchange.export_group_package()

    def export_all_packages(self) -> bool:
        return self.exchange.export_all_packages()

    def export_fill_in_workbook(self) -> None:
        self.exchange.export_fill_in_workbook()

    def import_filled_workbook(self, name: str | None = None) -> None:
        self.exchange.import_filled_workbook(name)

    def open_group_package(self, name: str | None = None) -> bool:
        return self.exchange.open_group_package(name)

    def import_returned_package(self) -> None:
        self.exchange.import_returned_package()

    def return_to_facilitator(self) -> None:
        self.exchange.return_to_facilitator()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._pending_attach is not None:
            path, lock = self._pending_attach
            self._pending_attach = None
            QTimer.singleShot(0, lambda: self._attach(path, lock))

    def closeEvent(self, event: QCloseEvent) -> None:
        from idg_desktop.ui.placement import remember

        self.close_assessment()
        remember(self, self.settings)
        if self._guide is not None:
            self._guide.close()
        super().closeEvent(event)

    def place_on_screen(self) -> None:
        """Size and place the window for this screen, or as it was left."""
        from idg_desktop.ui.placement import place

        place(self, self.settings)

    # -- navigation and editing ------------------------------------------------

    def show_page(self, key: str) -> QWidget | None:
        if self.view is None:
            return None
        return self.view.show_page(key)

    def undo(self) -> None:
        self._flush_page()  # text waiting for a pause belongs to the step undone
        if self.workspace and self.workspace.undo_stack.canUndo():
            self.workspace.undo_stack.undo()

    def redo(self) -> None:
        self._flush_page()
        if self.workspace and self.workspace.undo_stack.canRedo():
            self.workspace.undo_stack.redo()

    def _flush_page(self) -> None:
        page = self.view._pages.get(self.view.current_key()) if self.view else None
        if self.workspace is not None and hasattr(page, "flush"):
            page.flush()

    def find(self) -> None:
        page = self.show_page("checklist")
        if page is not None and hasattr(page, "focus_search"):
            page.focus_search()

    def zoom(self, factor: float) -> None:
        self.apply_text_scale(self.settings.text_scale * factor, keep=True)

    def normal_size(self) -> None:
        """View ▸ Normal size (Ctrl+0): the text size a first start has (100%)."""
        self.apply_text_scale(1.0, keep=True)

    def apply_text_scale(self, scale: float, *, keep: bool = False) -> None:
        if keep:
            self.settings.text_scale = scale
            scale = self.settings.text_scale
        font = QApplication.font()
        before = font.pointSizeF()
        font.setPointSizeF(DEFAULT_POINT_SIZE * scale)
        QApplication.setFont(font)
        _rescale_own_fonts(font.pointSizeF() / before if before > 0 else 1.0)
        self.setStyleSheet(stylesheet(font.pointSizeF()))

    def show_guide(self) -> None:
        """Help ▸ IDG Workshop guide (F1): the manual, at the part of the page shown."""
        from idg_desktop.ui.help_window import GuideWindow

        if self._guide is None:
            self._guide = GuideWindow()
        part = self.view.current_key() if self.view is not None else "start"
        self._guide.show_part(part)

    def about(self) -> None:
        from idg_desktop import __version__

        QMessageBox.about(
            self,
            self.tr("About IDG Workshop"),
            fmt(
                self.tr(
                    "IDG Workshop %1\n\nIntegrity assessment workshops following the WCO "
                    "Integrity Development Guide (2021). Works entirely offline."
                ),
                __version__,
            ),
        )

    # -- feedback -------------------------------------------------------------

    def _on_changed(self, _tables: object) -> None:
        self._mark_saved()
        self._update_actions()

    def _on_typing(self, waiting: bool) -> None:
        if self.workspace is None or self.workspace.lost:
            return  # the status says the file is missing
        if waiting:
            self._status(self.tr("Saving as you type…"))
        else:
            self._mark_saved()

    def _mark_saved(self) -> None:
        self._status(fmt(self.tr("All changes saved · %1"), datetime.now().strftime("%H:%M:%S")))

    def _status(self, text: str) -> None:
        self.saved_label.setText(text)
        self.saved_label.setMinimumWidth(
            self.saved_label.fontMetrics().horizontalAdvance(text) + 12
        )

    def _on_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), message)

    def _on_file_lost(self, message: str) -> None:
        self._status(self.tr("File missing — changes cannot be saved"))
        self._update_actions()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("The assessment file has gone"))
        box.setText(message)
        box.setInformativeText(
            self.tr("Everything saved before this change is kept. Save a copy somewhere safe now.")
        )
        save = box.addButton(self.tr("Save a copy…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is save:
            self.save_copy()

    def _update_title(self, path: Path | None = None) -> None:
        path = self.workspace.path if self.workspace is not None else path
        if self.view is None or path is None:
            self.setWindowTitle(self.tr("IDG Workshop"))
        elif self._group:  # a working copy says whose it is
            self.setWindowTitle(fmt(self.tr("%1 (working copy) — IDG Workshop"), self._group))
        else:
            self.setWindowTitle(fmt(self.tr("%1 — IDG Workshop"), path.name))
        self.setWindowFilePath(str(self.workspace.path) if self.workspace else "")


#: QFont::SizeResolved: the font's size was set on purpose, not inherited.
_SIZE_RESOLVED = 0x0002


def _rescale_own_fonts(ratio: float) -> None:
    """Widgets that set their own size (a heading 1.35 times the text) follow the
    text size too, so Ctrl+0 brings every one back to its normal size."""
    if abs(ratio - 1.0) < 1e-6:
        return
    for widget in QApplication.allWidgets():
        if not widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            continue
        font = widget.font()
        if not font.resolveMask() & _SIZE_RESOLVED:
            continue
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * ratio)
            widget.setFont(font)


def stylesheet(point_size: float) -> str:
    """A quiet, legible look that scales with the text size."""
    heading = point_size * 1.7
    return palette.style(
        f"""
    QListWidget#navigation {{
        background: $navy; color: $white; border: none;
        padding-top: 12px; min-width: {int(point_size * 25)}px; max-width: {int(point_size * 30)}px;
        outline: none;
    }}
    QListWidget#navigation::item {{ padding: {int(point_size * 0.7)}px {int(point_size * 1.2)}px; }}
    QListWidget#navigation::item:selected {{ background: $blue; color: $white; }}
    QListWidget#navigation::item:focus {{ border-left: 4px solid $gold; }}
    QLabel#pageHeading {{ font-size: {heading:.1f}pt; font-weight: 600; color: $navy; }}
    QLabel#pageIntro {{ color: $muted; }}
    QFrame#tile {{ background: $white; border: 1px solid $tile_border; border-radius: 6px; }}
    QLabel#tileValue {{ font-size: {point_size * 2.2:.1f}pt; font-weight: 600; color: $navy; }}
    QLabel#tileCaption {{ color: $muted; }}
    QLabel#startTitle {{ font-size: {point_size * 2.4:.1f}pt; font-weight: 600; color: $navy; }}
    QLabel#workingCopyBanner {{ background: $banner_back; border-bottom: 2px solid $blue;
                      padding: 8px 24px; color: $navy; font-weight: 600; }}
    QLabel#warning {{ background: $warning_back; border: 1px solid $warning_border;
                      border-radius: 4px; padding: 6px 10px; color: $warning_text; }}
    """
    )
