"""The flows of a group's laptop: open a group package into a working copy,
and return the working copy's work to the facilitator as a package (then
offer to delete the copy). The facilitator's flows are ``exchange_flows.py``'s.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from idg_desktop.errors import IdgError
from idg_desktop.ui.exchange_flows import Flows
from idg_desktop.ui.exchange_prompts import ask_to_delete_working_copy
from idg_desktop.ui.text import fmt


class WorkingCopyFlows(Flows):
    """Opening a package on a group's laptop and returning its work."""

    def open_group_package(self, name: str | None = None) -> bool:
        """On a group's laptop: unpack a package into a working copy in the
        user's data folder and open it (the package itself is never edited)."""
        from idg_desktop.exchange import container
        from idg_desktop.exchange.packages import open_package
        from idg_desktop.ui import passphrase_dialogs

        name = name or self._package_to_read(self.tr("Open group package"))
        if not name:
            return False
        self._remember_package_folder(name)  # a name given by the caller too
        passphrase: str | None = None
        problem = ""
        try:
            while True:  # a wrong passphrase: asked again, the problem said in the dialog
                data = Path(name).read_bytes()
                container.refuse_newer(data, name)  # before a passphrase is asked for nothing
                if container.is_protected(data):
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
        self._say(
            fmt(
                self.tr("Protected package opened; its working copy is saved as %1")
                if passphrase is not None
                else self.tr("Unprotected package opened; its working copy is saved as %1"),
                str(path),
            ),
            15000,
        )
        return True

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
        document = self.workspace.document
        if came_protected(document):
            passphrase = passphrase_dialogs.ask_return_passphrase(
                self._window, lambda typed: passphrase_matches(document, typed)
            )
        else:
            passphrase = passphrase_dialogs.ask_new_passphrase(self._window)
        if self._write_package(
            passphrase,
            self.tr("Cannot write the package"),
            lambda typed: return_package(document, name, typed or None, unprotected=not typed),
            (
                self.tr("Returned package written to %1, protected by the package's passphrase"),
                self.tr("Returned package written to %1, unprotected"),
            ),
            name,
        ):
            self._offer_to_delete_working_copy(name)

    def _offer_to_delete_working_copy(self, package: str) -> None:
        """Once the group's work is safe in ``package``, offer to delete the
        plain working copy (see ``exchange_prompts``)."""
        from idg_desktop.exchange.working_copies import remove_working_copy

        path = self.workspace.path
        if not ask_to_delete_working_copy(self._window, package, path):
            return
        self._window.close_assessment()
        self._attempt(self.tr("Cannot delete the working copy"), lambda: remove_working_copy(path))
        self.settings.remove_recent(path)
        self._window.start_page.refresh()
        self._say(fmt(self.tr("Working copy %1 deleted."), str(path)), 10000)
