"""The group-package and fill-in-workbook flows of the main window.

Exporting a group's package (or every group's at once, with passphrase
slips), a fill-in workbook for a group on paper, importing a filled workbook
or a returned package into the master, opening a package on a group's laptop
and returning its working copy to the facilitator. :class:`MainWindow` keeps
one thin method per flow (its menus and tests call those); this controller
does the asking, the writing and the reporting.

What it uses of the window is small and public: ``workspace``, ``settings``,
``working_group``, ``statusBar()``, ``show_page``, ``open_path``,
``close_assessment`` and ``start_page``; dialogs are parented to the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from idg_desktop.errors import IdgError
from idg_desktop.ui.text import fmt

if TYPE_CHECKING:
    from idg_desktop.ui.main_window import MainWindow
    from idg_desktop.ui.settings import WindowSettings
    from idg_desktop.ui.workspace import Workspace


class ExchangeFlows(QObject):
    """The package and workbook flows, for one :class:`MainWindow`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
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

    def _group_and_target(
        self, title: str, suffix: str, file_filter: str
    ) -> tuple[str, str] | None:
        """Ask which working group and where to write its file; None if cancelled."""
        from idg_desktop.services.groups import list_groups

        if self.workspace is None:
            return None
        names = [g.name for g in list_groups(self.workspace.document)]
        if not names:
            QMessageBox.information(
                self._window,
                self.tr("No working groups"),
                self.tr("Form the working groups first: the file is made for one group."),
            )
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
        passphrase = passphrase_dialogs.ask_new_passphrase(self._window)
        if passphrase is None:
            return
        try:
            export_package(self.workspace.document, group, name, passphrase or None)
        except IdgError as error:
            QMessageBox.warning(self._window, self.tr("Cannot export the package"), str(error))
            return
        self._window.statusBar().showMessage(
            fmt(
                self.tr("Package for %1 written to %2, protected by a passphrase")
                if passphrase
                else self.tr("Package for %1 written to %2, unprotected"),
                group,
                name,
            ),
            10000,
        )

    def export_all_packages(self) -> bool:
        """Every group's package into one folder, from one dialog; protected,
        each with its own passphrase, printed on slips saved elsewhere."""
        from idg_desktop.exchange.package_batch import export_all
        from idg_desktop.services.groups import list_groups
        from idg_desktop.ui.package_dialogs import ExportAllDialog

        if self.workspace is None:
            return False
        names = [g.name for g in list_groups(self.workspace.document)]
        if not names:
            QMessageBox.information(
                self._window,
                self.tr("No working groups"),
                self.tr("Form the working groups first: a package is made for each group."),
            )
            return False
        start = Path(self.package_folder()) / self.tr("Group packages")
        dialog = ExportAllDialog(str(start), names, self._window)
        if not dialog.exec():
            return False
        folder, slips = dialog.folder_path(), dialog.slips_path()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = export_all(
                self.workspace.document, folder, protect=dialog.protected(), slips=slips
            )
        except IdgError as error:
            QMessageBox.warning(self._window, self.tr("Cannot export the packages"), str(error))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.settings.set_value("packages/last_folder", str(folder))
        if slips is not None:
            message = self.tr(
                "%1 group packages written to %2, each protected by its own passphrase; "
                "print the slips (%3) and hand each over in person."
            )
        else:
            message = self.tr("%1 group packages written to %2, unprotected.")
        shown = fmt(message, len(written), folder, slips.name if slips is not None else "")
        self._window.statusBar().showMessage(shown, 30000)
        if slips is not None:
            self._offer_to_print_slips(slips, len(written))
        return True

    def _offer_to_print_slips(self, slips: Path, count: int) -> None:
        """The passphrases exist only on the slips: say so once, and open them to print."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Print the passphrase slips"))
        box.setText(
            fmt(
                self.tr("The passphrases of the %1 packages are only on the slips in %2."),
                str(count),
                str(slips),
            )
        )
        box.setInformativeText(
            self.tr(
                "Print them now and hand each slip to its group in person; never send a "
                "slip with its package. Keep or delete the PDF as you would the passphrases."
            )
        )
        show = box.addButton(self.tr("&Open the slips"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(show)
        box.exec()
        if box.clickedButton() is show and not QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(slips))
        ):
            QMessageBox.information(
                self._window,
                self.tr("Open the slips"),
                fmt(
                    self.tr(
                        "No program to show PDF files was found on this computer. The slips "
                        "are in %1: open or print them from there."
                    ),
                    str(slips),
                ),
            )

    def export_fill_in_workbook(self) -> None:
        """A fill-in workbook for a group working on paper (same base as a package)."""
        from idg_desktop.workbook.fill_in import export_template

        chosen = self._group_and_target(
            self.tr("Export fill-in workbook"), ".xlsx", self.tr("Excel workbooks (*.xlsx)")
        )
        if chosen is None:
            return
        group, name = chosen
        try:
            export_template(self.workspace.document, group, name)
        except IdgError as error:
            QMessageBox.warning(self._window, self.tr("Cannot export the workbook"), str(error))
            return
        self._window.statusBar().showMessage(
            fmt(self.tr("Workbook for %1 written to %2"), group, name),
            10000,
        )

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
        document = self.workspace.document
        result = self.workspace.run(
            fmt(self.tr("Import %1"), Path(name).name),
            lambda: import_template(document, name),
        )
        if result is None:
            return  # refused: the problems came through the workspace's failed signal
        self._window.show_page("merge")
        self._window.statusBar().showMessage(
            fmt(
                self.tr("Imported %1: %2 taken, %3 in conflict."),
                Path(name).name,
                str(len(result.taken)),
                str(len(result.conflicts)),
            ),
            15000,
        )

    def open_group_package(self, name: str | None = None) -> bool:
        """On a group's laptop: unpack a package into a working copy in the
        user's data folder and open it (the package itself is never edited)."""
        from idg_desktop.exchange import container
        from idg_desktop.exchange.packages import open_package
        from idg_desktop.ui import passphrase_dialogs

        if not name:
            name, _ = QFileDialog.getOpenFileName(
                self._window,
                self.tr("Open group package"),
                self.package_folder(),
                self.tr("IDG group packages (*.idgpkg);;All files (*)"),
            )
        if not name:
            return False
        self._remember_package_folder(name)
        passphrase: str | None = None
        problem = ""
        try:
            while True:  # a wrong passphrase: asked again, the problem said in the dialog
                if container.is_protected(Path(name).read_bytes()):
                    passphrase = passphrase_dialogs.ask_passphrase(
                        self._window, Path(name).name, problem
                    )
                    if passphrase is None:
                        return False
                try:
                    document = open_package(Path(name), None, passphrase)
                except container.WrongPassphrase:
                    if passphrase is None:
                        raise
                    problem = self.tr(
                        "That passphrase does not open this package. Check it with the "
                        "facilitator (hyphens included) and type it again."
                    )
                    continue
                break
        except OSError as error:
            reason = error.strerror or str(error)
            QMessageBox.warning(
                self._window,
                self.tr("Cannot open the package"),
                fmt(self.tr("%1 cannot be read (%2)."), name, reason),
            )
            return False
        except IdgError as error:
            QMessageBox.warning(self._window, self.tr("Cannot open the package"), str(error))
            return False
        path = document.path
        document.close()
        if not self._window.open_path(path):
            return False
        self._window.statusBar().showMessage(
            fmt(
                self.tr("Protected package opened; its working copy is saved as %1")
                if passphrase is not None
                else self.tr("Unprotected package opened; its working copy is saved as %1"),
                str(path),
            ),
            15000,
        )
        return True

    def import_returned_package(self) -> None:
        """Merge a group's returned package; conflicts wait on the Merge page."""
        from idg_desktop.exchange import container
        from idg_desktop.exchange.merge import import_package
        from idg_desktop.ui import passphrase_dialogs

        if self.workspace is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Import returned package"),
            self.package_folder(),
            self.tr("IDG group packages (*.idgpkg);;All files (*)"),
        )
        if not name:
            return
        self._remember_package_folder(name)
        passphrase: str | None = None
        try:
            protected = container.is_protected(Path(name).read_bytes())
        except OSError as error:
            QMessageBox.warning(self._window, self.tr("Cannot import the package"), str(error))
            return
        if protected:
            passphrase = passphrase_dialogs.ask_passphrase(self._window, Path(name).name)
            if passphrase is None:
                return
        document = self.workspace.document
        result = self.workspace.run(
            fmt(self.tr("Import %1"), Path(name).name),
            lambda: import_package(document, name, passphrase),
        )
        if result is None:
            return  # refused: the reason came through the workspace's failed signal
        self._window.show_page("merge")
        if result.outcome == "already-imported":
            message = self.tr("%1 was already imported; nothing changed.")
        else:
            message = self.tr("Imported %1: %2 taken, %3 added, %4 in conflict.")
        self._window.statusBar().showMessage(
            fmt(
                message,
                Path(name).name,
                str(len(result.taken)),
                str(len(result.added)),
                str(len(result.conflicts)),
            ),
            15000,
        )

    def return_to_facilitator(self) -> None:
        """Write this working copy's work as a package for the master; a copy
        of a protected package returns protected unless the group explicitly
        chooses otherwise. Once written and read back, offer to delete the copy."""
        from idg_desktop.exchange.package_batch import SUFFIX, package_file_name
        from idg_desktop.exchange.packages import (
            came_protected,
            passphrase_matches,
            return_folder,
            return_package,
        )
        from idg_desktop.ui import passphrase_dialogs

        if self.workspace is None:
            return
        # Where the package came from (e.g. the stick), not the hidden working copies.
        folder = return_folder(self.workspace.document) or Path(self.package_folder())
        stem = package_file_name(self._window.working_group or self.workspace.path.stem)[
            : -len(SUFFIX)
        ]
        name, _ = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Return to facilitator"),
            str(folder / f"{stem} (returned){SUFFIX}"),
            self.tr("IDG group packages (*.idgpkg)"),
        )
        if not name:
            return
        self._remember_package_folder(name)
        if came_protected(self.workspace.document):
            document = self.workspace.document
            passphrase = passphrase_dialogs.ask_return_passphrase(
                self._window, lambda typed: passphrase_matches(document, typed)
            )
        else:
            passphrase = passphrase_dialogs.ask_new_passphrase(self._window)
        if passphrase is None:
            return
        try:
            return_package(
                self.workspace.document, name, passphrase or None, unprotected=not passphrase
            )
        except IdgError as error:
            QMessageBox.warning(self._window, self.tr("Cannot write the package"), str(error))
            return
        self._window.statusBar().showMessage(
            fmt(
                self.tr("Returned package written to %1, protected by the package's passphrase")
                if passphrase
                else self.tr("Returned package written to %1, unprotected"),
                name,
            ),
            10000,
        )
        self._offer_to_delete_working_copy(name)

    def _offer_to_delete_working_copy(self, package: str) -> None:
        """The group's work is safe in ``package`` (written and read back): the
        plain working copy need not stay on a laptop that may not be the
        facilitator's."""
        from idg_desktop.exchange.working_copies import remove_working_copy

        path = self.workspace.path
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete the working copy?"))
        box.setText(fmt(self.tr("The group's work is in %1, written and read back."), package))
        box.setInformativeText(
            fmt(
                self.tr(
                    "The working copy %1 still holds the group's answers and findings, "
                    "unprotected. Delete it from this computer unless you will keep working on it."
                ),
                str(path),
            )
        )
        delete = box.addButton(
            self.tr("&Delete the working copy"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(self.tr("&Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(delete)
        box.exec()
        if box.clickedButton() is not delete:
            return
        self._window.close_assessment()
        try:
            remove_working_copy(path)
        except IdgError as error:
            QMessageBox.warning(self._window, self.tr("Cannot delete the working copy"), str(error))
        self.settings.remove_recent(path)
        self._window.start_page.refresh()
        self._window.statusBar().showMessage(
            fmt(self.tr("Working copy %1 deleted."), str(path)), 10000
        )
