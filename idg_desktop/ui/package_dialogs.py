"""The dialog of "Export all group packages to a folder…": one dialog for
every group (the folder, protection yes or no, where the passphrase slips go)
instead of three dialogs per group."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.button_row import ok_button, ok_cancel_row
from idg_desktop.ui.widgets.notes import warning_note


class ExportAllDialog(QDialog):
    """Where to write every group's package, whether to protect them, and
    (protected) where to save the slips: refused inside the packages' folder."""

    def __init__(self, folder: str, groups: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export all group packages"))
        layout = QVBoxLayout(self)
        explain = QLabel(
            fmt(
                self.tr(
                    "One package per working group (%1), each named after its group, "
                    "written into the folder you choose, e.g. a USB stick."
                ),
                str(len(groups)),
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.folder = QLineEdit(folder)
        self.folder.setAccessibleName(self.tr("Packages folder"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAccessibleName(self.tr("Choose the packages folder"))
        browse.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        folder_label = QLabel(self.tr("&Folder:"))
        folder_label.setBuddy(self.folder)  # a row holding a layout gets no buddy itself
        form.addRow(folder_label, row)
        layout.addLayout(form)
        self.protect = QCheckBox(self.tr("&Protect each package with its own passphrase"))
        self.protect.setChecked(True)
        layout.addWidget(self.protect)
        self.slips_hint = QLabel(
            self.tr(
                "The passphrases are generated (five words each) and printed on slips, one "
                "per group, to hand over in person. They are shown nowhere else: save the "
                "slips outside the packages' folder and print them."
            )
        )
        self.slips_hint.setWordWrap(True)
        self.slips_hint.setObjectName("pageIntro")
        layout.addWidget(self.slips_hint)
        slips_form = QFormLayout()
        self.slips = QLineEdit(str(Path(folder).parent / "Passphrase slips.pdf"))
        self.slips.setAccessibleName(self.tr("Passphrase slips"))
        self.slips_browse = QPushButton(self.tr("B&rowse…"))
        self.slips_browse.setAccessibleName(self.tr("Choose where the slips go"))
        self.slips_browse.clicked.connect(self._choose_slips)
        slips_row = QHBoxLayout()
        slips_row.addWidget(self.slips, 1)
        slips_row.addWidget(self.slips_browse)
        slips_label = QLabel(self.tr("&Slips (PDF):"))
        slips_label.setBuddy(self.slips)
        slips_form.addRow(slips_label, slips_row)
        layout.addLayout(slips_form)
        self.problem = warning_note()
        layout.addWidget(self.problem)
        self.buttons = ok_cancel_row(self, ok_text=self.tr("&Export all"))
        layout.addWidget(self.buttons)
        width = self.fontMetrics().horizontalAdvance("M") * 36
        for label in (explain, self.slips_hint, self.problem):
            label.setMinimumWidth(width)  # wrapped text: its height follows this width
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # grows with the warning
        for signal in (self.folder.textChanged, self.slips.textChanged, self.protect.toggled):
            signal.connect(self._check)
        self._check()

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the packages"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _choose_slips(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the passphrase slips"), self.slips.text(), self.tr("PDF (*.pdf)")
        )
        if chosen:
            self.slips.setText(chosen)

    def problem_text(self) -> str:
        """Why the choices cannot be used yet ("" when they can)."""
        from idg_desktop.errors import IdgError
        from idg_desktop.exchange.package_batch import check_slips_place

        if not self.folder.text().strip():
            return self.tr("Choose the folder for the packages.")
        if self.protect.isChecked() and not self.slips.text().strip():
            return self.tr("Choose where to save the passphrase slips.")
        if self.protect.isChecked() and _slips_file(self.slips.text()) is None:
            return self.tr(
                "The slips need a file name, not a folder: e.g. Passphrase slips.pdf "
                "in the folder you want."
            )
        try:
            check_slips_place(self.folder_path(), self.slips_path(), self.protected())
        except IdgError:
            return self.tr(
                "The slips are inside the packages' folder: save them elsewhere, so they "
                "never travel with the packages."
            )
        return ""

    def _check(self) -> None:
        protect = self.protect.isChecked()
        for widget in (self.slips, self.slips_browse, self.slips_hint):
            widget.setEnabled(protect)
        problem = self.problem_text()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        ok_button(self.buttons).setEnabled(not problem)

    def folder_path(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def slips_path(self) -> Path | None:
        """The slips' file (".pdf" added if missing); None unprotected, or while
        the field names no file (empty, or a folder: :meth:`problem_text` says so)."""
        if not self.protect.isChecked():
            return None
        return _slips_file(self.slips.text())

    def protected(self) -> bool:
        return self.protect.isChecked()


def _slips_file(text: str) -> Path | None:
    """The PDF file that ``text`` names (".pdf" added if missing), or None if
    it names no file: empty, a folder that exists ("~", ".", "/"), or ending
    with a separator."""
    text = text.strip()
    if not text or text.endswith(("/", "\\")):
        return None
    path = Path(text).expanduser()
    if not path.name or path.name in (".", "..") or path.is_dir():
        return None
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
