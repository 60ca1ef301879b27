"""The group-package and fill-in-workbook flows of the main window.

Exporting a group's package (or every group's at once, with passphrase
slips), a fill-in workbook for a group on paper, importing a filled workbook
or a returned package into the master, opening a package on a group's laptop
and returning its working copy to the facilitator. :class:`MainWindow` keeps
one thin method per flow (its menus and tests call those); this controller
does the asking, the writing and the reporting.

What it uses of the window is small and public, declared by
:class:`ExchangeHost` (it does not import the window); dialogs are parented
to the window. The questions in message boxes are ``exchange_prompts.py``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QStatusBar,
    QWidget,
)

from idg_desktop.errors import IdgError, InvalidInput
from idg_desktop.ui.exchange_prompts import offer_to_print_slips
from idg_desktop.ui.text import fmt

if TYPE_CHECKING:
    from idg_desktop.ui.settings import WindowSettings
    from idg_desktop.ui.start_page import StartPage
    from idg_desktop.ui.workspace import AssessmentDocument, Workspace

T = TypeVar("T")


class ExchangeHost(Protocol):
    """What the flows use of the window (the main window; dialogs are parented to it)."""

    workspace: Workspace | None
    settings: WindowSettings
    start_page: StartPage

    @property
    def working_group(self) -> str | None: ...

    def statusBar(self) -> QStatusBar: ...

    def show_page(self, key: str) -> QWidget | None: ...

    def open_path(self, path: Path | str, *, defer: bool = False) -> bool: ...

    def close_assessment(self) -> None: ...


class Flows(QObject):
    """What the package flows share, for one window (a QWidget and an :class:`ExchangeHost`)."""

    def __init__(self, window: ExchangeHost) -> None:
        super().__init__(window)  # the window is a QWidget
        self._window = window

    @property
    def workspace(self) -> Workspace | None:
        return self._window.workspace

    @property
    def settings(self) -> WindowSettings:
        return self._window.settings

    def package_folder(self) -> str:
        """Where the package dialogs start: the folder last used for packages."""
        folder = str(self.settings.value("packages/last_folder", "") or "")
        return folder if folder and Path(folder).is_dir() else self.settings.last_folder

    def _remember_package_folder(self, path: Path | str) -> None:
        self.settings.set_value("packages/last_folder", str(Path(path).parent))

    def _package_to_read(self, title: str) -> str:
        """Ask which package to read, from the packages' folder (then remembered);
        "" if cancelled."""
        name, _ = QFileDialog.getOpenFileName(
            self._window,
            title,
            self.package_folder(),
            self.tr("IDG group packages (*.idgpkg);;All files (*)"),
        )
        if name:
            self._remember_package_folder(name)
        return name

    def _attempt(self, refusal: str, work: Callable[[], object]) -> bool:
        """Do ``work``; a refusal is said in a message box titled ``refusal``."""
        try:
            work()
        except IdgError as error:
            QMessageBox.warning(self._window, refusal, str(error))
            return False
        return True

    def _say(self, sentence: str, milliseconds: int) -> None:
        self._window.statusBar().showMessage(sentence, milliseconds)

    def _write_package(
        self,
        passphrase: str | None,
        refusal: str,
        write: Callable[[str], object],
        said: tuple[str, str],
        *values: object,
    ) -> bool:
        """Write a package protected by ``passphrase`` ("": unprotected; None: the
        user cancelled, nothing is written) through ``write(passphrase)``; a
        refusal is said in a box titled ``refusal``, a success in the status bar
        (``said``: the sentences for a protected and for an unprotected package,
        filled in with ``values``)."""
        if passphrase is None:
            return False
        if not self._attempt(refusal, lambda: write(passphrase)):
            return False
        self._say(fmt(said[0] if passphrase else said[1], *values), 10000)
        return True


class ExchangeFlows(Flows):
    """The facilitator's flows: packages and workbooks out to the groups, and back."""

    def _group_names(self, why_none: str) -> list[str]:
        """The working groups' names; none (and ``why_none`` said) if there are none."""
        from idg_desktop.services.groups import list_groups

        if self.workspace is None:
            return []
        names = [g.name for g in list_groups(self.workspace.document)]
        if not names:
            QMessageBox.information(self._window, self.tr("No working groups"), why_none)
        return names

    def _group_and_target(
        self, title: str, suffix: str, file_filter: str
    ) -> tuple[str, str] | None:
        """Ask which working group and where to write its file; None if cancelled."""
        names = self._group_names(
            self.tr("Form the working groups first: the file is made for one group.")
        )
        if not names:
            return None
        group, ok = QInputDialog.getItem(self._window, title, self.tr("Group:"), names, 0, False)
        if not ok or not group:
            return None
        from idg_desktop.exchange.package_batch import SUFFIX, package_file_name

        stem = package_file_name(group)[: -len(SUFFIX)]
        name, _ = QFileDialog.getSaveFileName(
            self._window, title, str(Path(self.package_folder()) / f"{stem}{suffix}"), file_filter
        )
        if name:
            self._remember_package_folder(name)
        return (group, name) if name else None

    def export_group_package(self) -> None:
        """Write one group's package for its laptop (sections, members, base)."""
        from idg_desktop.exchange.packages import export_package
        from idg_desktop.ui import passphrase_dialogs

        chosen = self._group_and_target(
            self.tr("Export group package"), ".idgpkg", self.tr("IDG group packages (*.idgpkg)")
        )
        if chosen is None:
            return
        group, name = chosen
        document = self.workspace.document
        self._write_package(
            passphrase_dialogs.ask_new_passphrase(self._window),
            self.tr("Cannot export the package"),
            lambda passphrase: export_package(document, group, name, passphrase or None),
            (
                self.tr("Package for %1 written to %2, protected by a passphrase"),
                self.tr("Package for %1 written to %2, unprotected"),
            ),
            group,
            name,
        )

    def export_all_packages(self) -> bool:
        """Every group's package into one folder, from one dialog; protected,
        each with its own passphrase, printed on slips saved elsewhere."""
        from idg_desktop.exchange.package_batch import export_all
        from idg_desktop.ui.package_dialogs import ExportAllDialog

        names = self._group_names(
            self.tr("Form the working groups first: a package is made for each group.")
        )
        if not names:
            return False
        start = Path(self.package_folder()) / self.tr("Group packages")
        dialog = ExportAllDialog(str(start), names, self._window)
        if not dialog.exec():
            return False
        folder, slips = dialog.folder_path(), dialog.slips_path()
        document, written = self.workspace.document, []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            exported = self._attempt(
                self.tr("Cannot export the packages"),
                lambda: written.extend(
                    export_all(document, folder, protect=dialog.protected(), slips=slips)
                ),
            )
        finally:
            QApplication.restoreOverrideCursor()
        if not exported:
            return False
        self.settings.set_value("packages/last_folder", str(folder))
        if slips is not None:
            message = self.tr(
                "%1 group packages written to %2, each protected by its own passphrase; "
                "print the slips (%3) and hand each over in person."
            )
        else:
            message = self.tr("%1 group packages written to %2, unprotected.")
        shown = fmt(message, len(written), folder, slips.name if slips is not None else "")
        self._say(shown, 30000)
        if slips is not None:
            offer_to_print_slips(self._window, slips, len(written))
        return True

    def export_fill_in_workbook(self) -> None:
        """A fill-in workbook for a group working on paper (same base as a package)."""
        from idg_desktop.workbook.fill_in import export_template

        chosen = self._group_and_target(
            self.tr("Export fill-in workbook"), ".xlsx", self.tr("Excel workbooks (*.xlsx)")
        )
        if chosen is None:
            return
        group, name = chosen
        document = self.workspace.document
        if self._attempt(
            self.tr("Cannot export the workbook"), lambda: export_template(document, group, name)
        ):
            self._say(fmt(self.tr("Workbook for %1 written to %2"), group, name), 10000)

    def import_filled_workbook(self, name: str | None = None) -> None:
        """Merge a filled workbook like a returned package (all or nothing)."""
        from idg_desktop.workbook.fill_in_reader import import_template

        if self.workspace is None:
            return
        if not name:
            name, _ = QFileDialog.getOpenFileName(
                self._window,
                self.tr("Import filled workbook"),
                self.settings.last_folder,
                self.tr("Excel workbooks (*.xlsx);;All files (*)"),
            )
        if not name:
            return
        result = self._merge(name, import_template)
        if result is None:
            return
        self._say(
            fmt(
                self.tr("Imported %1: %2 taken, %3 in conflict."),
                Path(name).name,
                str(len(result.taken)),
                str(len(result.conflicts)),
            ),
            15000,
        )

    def _merge(self, name: str, merge: Callable[[AssessmentDocument, str], T]) -> T | None:
        """Merge the file ``name`` into the master as one undoable step and show
        the Merge page; None if refused (the reason came through the
        workspace's failed signal)."""
        document = self.workspace.document
        result = self.workspace.run(
            fmt(self.tr("Import %1"), Path(name).name), lambda: merge(document, name)
        )
        if result is not None:
            self._window.show_page("merge")
        return result

    def import_returned_package(self) -> None:
        """Merge a group's returned package; conflicts wait on the Merge page."""
        from idg_desktop.exchange import container
        from idg_desktop.exchange.merge import import_package
        from idg_desktop.ui import passphrase_dialogs

        if self.workspace is None:
            return
        name = self._package_to_read(self.tr("Import returned package"))
        if not name:
            return
        passphrase: str | None = None
        try:
            data = Path(name).read_bytes()
            container.refuse_newer(data, name)  # before a passphrase is asked for nothing
            protected = container.is_protected(data)
        except (OSError, IdgError) as error:
            QMessageBox.warning(self._window, self.tr("Cannot import the package"), str(error))
            return
        problem = ""
        while protected:  # a wrong passphrase: asked again, the problem said in the dialog
            passphrase = passphrase_dialogs.ask_passphrase(self._window, Path(name).name, problem)
            if passphrase is None:
                return
            try:
                container.read_package(name, passphrase)
            except container.WrongPassphrase:
                problem = self.tr(
                    "That passphrase does not open this package. Check it on the group's "
                    "slip (hyphens included) and type it again."
                )
                continue
            except InvalidInput:
                break  # damaged or not a package: the import below says so
            break
        result = self._merge(
            name, lambda document, path: import_package(document, path, passphrase)
        )
        if result is None:
            return
        if result.outcome == "already-imported":
            message = self.tr("%1 was already imported; nothing changed.")
        else:
            message = self.tr("Imported %1: %2 taken, %3 added, %4 in conflict.")
        self._say(
            fmt(
                message,
                Path(name).name,
                str(len(result.taken)),
                str(len(result.added)),
                str(len(result.conflicts)),
            ),
            15000,
        )
