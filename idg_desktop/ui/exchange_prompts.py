"""The two questions the package flows ask in a message box: print the
passphrase slips now (they are the only copy of the passphrases), and delete
a group's working copy once its work is safe in the returned package.

Their words are in the flows' translation context ("ExchangeFlows").
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from idg_desktop.ui.text import fmt, path_markup


def _t(text: str) -> str:
    return QCoreApplication.translate("ExchangeFlows", text)


def offer_to_print_slips(parent: QWidget, slips: Path, count: int) -> None:
    """The passphrases exist only on the slips: say so once, and open them to print."""

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_t("Print the passphrase slips"))
    box.setTextFormat(Qt.TextFormat.RichText)  # the path on one line
    box.setText(
        fmt(
            html.escape(_t("The passphrases of the %1 packages are only on the slips in %2.")),
            str(count),
            path_markup(slips),
        )
    )
    box.setInformativeText(
        _t(
            "Print them now and hand each slip to its group in person; never send a "
            "slip with its package. Keep or delete the PDF as you would the passphrases."
        )
    )
    show = box.addButton(_t("&Open the slips"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(show)
    box.exec()
    if box.clickedButton() is show and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(slips))):
        QMessageBox.information(
            parent,
            _t("Open the slips"),
            fmt(
                _t(
                    "No program to show PDF files was found on this computer. The slips "
                    "are in %1: open or print them from there."
                ),
                str(slips),
            ),
        )


def ask_to_delete_working_copy(parent: QWidget, package: str, path: Path) -> bool:
    """The group's work is safe in ``package`` (written and read back): the
    plain working copy at ``path`` need not stay on a laptop that may not be
    the facilitator's. True if the group chooses to delete it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_t("Delete the working copy?"))
    box.setText(fmt(_t("The group's work is in %1, written and read back."), package))
    box.setInformativeText(
        fmt(
            _t(
                "The working copy %1 still holds the group's answers and findings, "
                "unprotected. Delete it from this computer unless you will keep working on it."
            ),
            str(path),
        )
    )
    delete = box.addButton(_t("&Delete the working copy"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_t("&Keep it"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(delete)
    box.exec()
    return box.clickedButton() is delete
