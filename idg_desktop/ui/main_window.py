"""The main window: start page, navigation along the IDG process, menus.

The window is made of parts, each in its module: the navigation and pages
(ui/workshop_view.py), the menus (ui/window_menus.py), the saved status and
the title (ui/window_status.py), the style sheet and text size
(ui/window_look.py), the package and workbook flows (ui/exchange_flows.py,
ui/working_copy_flows.py; the window keeps a thin method for each). This
module holds the opening and closing of a file and the window's own slots.

Pages are built the first time they are shown (start-up only pays for the
first one). Every change goes through the :class:`Workspace`, so undo/redo,
the "saved" status and error reporting are the same on every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QPaintEvent
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
from idg_desktop.exchange.package_files import SUFFIX as PACKAGE_SUFFIX
from idg_desktop.services.peek import DocumentLock, ReadError, probe, read_overview
from idg_desktop.ui import wheel_guard
from idg_desktop.ui.exchange_flows import ExchangeFlows
from idg_desktop.ui.keyboard import FocusRing
from idg_desktop.ui.settings import WindowSettings
from idg_desktop.ui.start_page import StartPage
from idg_desktop.ui.text import fmt
from idg_desktop.ui.window_look import apply_text_size, apply_theme
from idg_desktop.ui.window_menus import WindowMenus
from idg_desktop.ui.window_status import WindowStatus
from idg_desktop.ui.working_copy_flows import WorkingCopyFlows
from idg_desktop.ui.workshop_view import (  # noqa: F401 (PAGES... still importable from here)
    PAGES,
    WORKING_COPY_HIDDEN,
    WorkshopView,
    page_title,
)

if TYPE_CHECKING:
    from idg_desktop.ui.workspace import Workspace


class MainWindow(WindowMenus, WindowStatus, QMainWindow):
    def __init__(self, settings: WindowSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or WindowSettings()
        self.workspace: Workspace | None = None
        self.view: WorkshopView | None = None
        self._pending_attach: tuple[Path, DocumentLock] | None = None
        self._group: str | None = None  # the group whose working copy is open
        self._guide = None  # the manual's window, made on first use
        self.about_dialog = None  # Help ▸ About, made on first use
        self._recovered = False  # the file being opened was left mid-write and recovered
        self.exchange = ExchangeFlows(self)  # the facilitator's package and workbook flows
        self.copies = WorkingCopyFlows(self)  # a group laptop's: open a package, return it
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
        from idg_desktop.ui.presentation.presenter import Presenter

        self.presenter = Presenter(self)  # View ▸ Present (F5): the plenary on the projector
        self._build_menus()
        self.focus_ring = FocusRing(self)  # the focused control ringed, in every window
        self.apply_text_scale(self.settings.text_scale)
        if self.settings.high_contrast:
            self.set_high_contrast(True, keep=False)
        self._update_title()

    # -- opening and closing --------------------------------------------------

    def open_path(self, path: Path | str, *, defer: bool = False) -> bool:
        """Open an assessment; a refusal is one sentence in a message box.

        The file is checked and locked, and its Overview shown, with plain
        sqlite3; the document itself (SQLAlchemy, services) is attached at
        once, or — with ``defer``, at start-up — just after the window has
        painted, so the window appears without waiting for those imports.
        """
        path = Path(path)
        if path.suffix.lower() == PACKAGE_SUFFIX:  # a double-click on a group's package
            if defer:  # at start-up: once the window is shown (it may ask a passphrase)
                QTimer.singleShot(0, lambda: self.open_group_package(str(path)))
                return True
            return self.open_group_package(str(path))
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
        self.presenter.opened()  # --present
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
        self.presenter.stop()
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

    # The flows live in ui/exchange_flows.py and ui/working_copy_flows.py;
    # these names stay for the menus, the start page and the tests.

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
        return self.copies.open_group_package(name)

    def import_returned_package(self) -> None:
        self.exchange.import_returned_package()

    def return_to_facilitator(self) -> None:
        self.copies.return_to_facilitator()

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
        apply_text_size(self, scale)

    def set_high_contrast(self, on: bool, *, keep: bool = True) -> None:
        """View ▸ High contrast: the whole window and its dialogs in black, white
        and yellow (kept for the next start), or back to the house colours."""
        if keep:
            self.settings.high_contrast = on
        self.high_contrast_action.setChecked(on)
        apply_theme(self, on)

    def show_guide(self) -> None:
        """Help ▸ IDG Workshop guide (F1): the manual, at the part of the page shown."""
        from idg_desktop.ui.help_window import GuideWindow

        if self._guide is None:
            self._guide = GuideWindow()
        part = self.view.current_key() if self.view is not None else "start"
        self._guide.show_part(part)

    def about(self) -> None:
        """Help ▸ About IDG Workshop: version, licences, where data and settings live."""
        from idg_desktop.ui.about_dialog import AboutDialog

        if self.about_dialog is None:  # made once: what it shows does not change
            self.about_dialog = AboutDialog(self.settings.file_name, self)
        self.about_dialog.open()
