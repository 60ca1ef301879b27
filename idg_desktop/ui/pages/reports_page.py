"""Reports: what leaves the workshop. Each PDF report of the IDG, previewed in
the page and written where the facilitator chooses, and the whole assessment
as a workbook.

The choices column is ``report_choices.py``'s, the preview ``report_preview.py``'s.
The reports are built in a worker thread (``ui/tasks.py``; the assessment
report takes a few seconds) while a busy bar and the elapsed time show in the
page. The worker opens its own read-only copy of the document on the same
file: the window's SQLite connection belongs to the window's thread, and every
edit is committed as it is made, so the file on disk is current. The export
functions write atomically, so a refused or failed save leaves nothing at the
chosen path.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import QElapsedTimer, QStandardPaths, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QHBoxLayout, QWidget

from idg_desktop.domain.records import Kind
from idg_desktop.errors import IdgError, log_bug
from idg_desktop.services.assessment import assessment_of
from idg_desktop.services.groups import list_groups
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.pages.report_choices import WORKBOOK, ReportChoices
from idg_desktop.ui.pages.report_preview import ReportPreview
from idg_desktop.ui.settings import WindowSettings
from idg_desktop.ui.tasks import Outcome, start_in_background
from idg_desktop.ui.text import fmt
from idg_desktop.ui.workspace import AssessmentDocument, Workspace

#: The parts' widgets that the page exposes under their own names.
_CHOICE_WIDGETS = (
    "kinds",
    "radios",
    "kind_note",
    "paper",
    "group",
    "pseudonymise",
    "public",
    "open_after",
    "column",
    "actions_area",
    "preview_button",
    "save_button",
    "progress",
    "status",
    "message",
)
_PREVIEW_WIDGETS = (
    "preview_title",
    "previous_button",
    "next_button",
    "page_label",
    "fit_button",
    "whole_button",
    "zoom",
    "pdf",
    "view",
    "empty",
    "stack",
)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class Written:
    """What a finished job wrote: the file and its size in pages (or sheets)."""

    path: Path
    count: int


def build(path: Path, kind: str, output: Path, options: dict) -> Written:
    """Write one report (or the workbook) from the file at ``path``: runs in a
    worker thread, on a read-only document of its own."""
    from idg_desktop.reports.export import export_pdf
    from idg_desktop.workbook.writer import export_xlsx

    with AssessmentDocument.open(path, read_only=True) as document:
        if kind == WORKBOOK:
            shared = {k: bool(options.get(k)) for k in ("public", "pseudonymise")}
            return Written(output, len(export_xlsx(document, output, **shared)))
        exported = export_pdf(document, kind, output, **options)
        return Written(exported.path, exported.pages)


class ReportsPage(Page):
    MAIN_ACTIONS = (
        "preview_button",
        "save_button",
        "previous_button",
        "next_button",
        "fit_button",
        "whole_button",
    )
    KINDS = frozenset({Kind.ANY})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.settings = WindowSettings()
        # The preview folder goes with the page, or at the latest with the app.
        self._folder = tempfile.TemporaryDirectory(
            prefix="idg-preview-", ignore_cleanup_errors=True
        )
        self._temp = Path(self._folder.name)
        self.destroyed.connect(self._folder.cleanup)
        self._previews = 0
        self._busy = False
        self._done: Callable[[Written], None] | None = None
        self._outcome: Outcome | None = None
        self._focus: QWidget | None = None
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._show_elapsed)
        self._building = ""
        self._preview_text = ""

        layout = self.page_layout(
            self.tr("Reports"),
            self.tr(
                "What leaves the workshop: the IDG's reports as PDF files and the whole "
                "assessment as a workbook. Preview a report here, then save it where you "
                "want it."
            ),
        )
        self.choices = ReportChoices(self.settings)
        self.preview_area = ReportPreview()
        row = QHBoxLayout()
        row.setSpacing(18)
        row.addWidget(self.choices)
        row.addWidget(self.preview_area, 1)
        layout.addLayout(row, 1)
        # The widgets the tests and the main actions name, as the page's own.
        for part, names in ((self.choices, _CHOICE_WIDGETS), (self.preview_area, _PREVIEW_WIDGETS)):
            for name in names:
                setattr(self, name, getattr(part, name))

        self.choices.restore()
        self.kinds.idToggled.connect(self._on_kind)
        for box in (self.paper, self.group):
            box.currentIndexChanged.connect(self.choices.remember)
        for tick in (self.pseudonymise, self.public, self.open_after):
            tick.toggled.connect(self.choices.remember)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save_as)
        # A bound method, not a lambda: the connection goes with the page.
        workspace.changed.connect(self._preview_outdated)
        self._on_kind()

    # -- choices -------------------------------------------------------------------------

    def kind(self) -> str:
        return self.choices.kind()

    def choose(self, kind: str) -> None:
        """Choose a report (or the workbook), as a click on its button does."""
        self.choices.choose(kind)

    def options(self) -> dict:
        """The options ``export_pdf`` takes for the chosen report."""
        return self.choices.options()

    def reload(self) -> None:
        self.choices.set_groups([(group.name, group.id) for group in list_groups(self.document)])

    def _on_kind(self, *_args: object) -> None:
        kind = self.kind()
        pdf = kind != WORKBOOK
        self.kind_note.setText(self.choices.descriptions()[kind][1])
        self.group.setEnabled(kind == "worksheets")
        self.paper.setEnabled(pdf and kind != "slides")  # slides: 16:9 pages
        self.preview_button.setEnabled(pdf and not self._busy)
        sharing = self.tr("A workbook for sharing: it cannot be re-imported.")
        for tick in (self.pseudonymise, self.public):
            tick.setToolTip("" if pdf else sharing)
        self.preview_area.show_pages(
            pdf,
            self.tr("Choose a report and press Preview to see it here.")
            if pdf
            else self.tr(
                "The workbook has no preview: save it and open it in a spreadsheet program."
            ),
        )
        self.choices.remember()

    def _name(self, kind: str) -> str:
        return self.choices.descriptions()[kind][0]

    def suggested_path(self, kind: str, options: dict) -> Path:
        """The default name, "<title> – assessment report.pdf", in the folder of the
        last save (or the user's documents folder)."""
        folder = str(self.settings.value("reports/folder", "") or "")
        if not folder or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            ) or str(Path.home())
        parts = [assessment_of(self.document).title, self.choices.in_sentence(kind)]
        if kind == "worksheets" and options.get("group"):
            parts.append(self.group.currentText())
        if kind == WORKBOOK:
            parts = parts[:1]
        # A copy for sharing must not look like the internal one.
        if options.get("public"):
            parts.append(self.tr("public"))
        if options.get("pseudonymise"):
            parts.append(self.tr("pseudonymised"))
        stem = _UNSAFE.sub("-", " – ".join(p.strip() for p in parts if p.strip())).strip(" .")
        return Path(folder) / f"{stem[:150] or 'report'}{'.xlsx' if kind == WORKBOOK else '.pdf'}"

    # -- preview and save ----------------------------------------------------------------

    def _refuse(self, kind: str, options: dict) -> bool:
        """Say what is missing before building (the worksheets are for one group)."""
        if kind == "worksheets" and not options["group"]:
            self._say(
                self.tr(
                    "The worksheets are for one working group: form the groups on the "
                    "Working groups page first."
                )
            )
            return True
        return False

    def preview(self) -> None:
        """Build the chosen report into the preview folder and show it here."""
        kind, options = self.kind(), self.options()
        if kind == WORKBOOK or self._busy or self._refuse(kind, options):
            return
        self._previews += 1
        output = self._temp / f"preview-{self._previews}.pdf"
        title = self._describe(kind, options)
        self._start(kind, output, options, lambda written: self._previewed(written, kind, title))

    def save_as(self) -> None:
        """Ask where, write the chosen report there, and open it if asked."""
        kind, options = self.kind(), self.options()
        if self._busy or self._refuse(kind, options):
            return
        pattern = (
            self.tr("Excel workbooks (*.xlsx)")
            if kind == WORKBOOK
            else self.tr("PDF files (*.pdf)")
        )
        name, _ = QFileDialog.getSaveFileName(
            self,
            fmt(self.tr("Save the %1"), self.choices.in_sentence(kind)),
            str(self.suggested_path(kind, options)),
            pattern,
        )
        if not name:
            return
        output = Path(name)
        suffix = ".xlsx" if kind == WORKBOOK else ".pdf"
        if output.suffix.lower() != suffix:
            output = output.with_name(output.name + suffix)
        if kind == WORKBOOK:  # a version for sharing when public or pseudonymised
            options = {k: options[k] for k in ("public", "pseudonymise")}
        self._start(kind, output, options, self._saved)

    def _start(
        self, kind: str, output: Path, options: dict, done: Callable[[Written], None]
    ) -> None:
        self.message.hide()
        self._building = fmt(self.tr("Building the %1…"), self.choices.in_sentence(kind))
        self.status.setText(self._building)
        self.progress.show()
        self._clock.start()
        self._ticker.start()
        self._done = done
        self._busy = True
        focused = QApplication.focusWidget()
        self._focus = focused if focused is not None and self.isAncestorOf(focused) else None
        self.save_button.setEnabled(False)
        self._on_kind()
        work = partial(build, self.workspace.path, kind, output, options)
        # Kept until the next build: its outcome arrives queued.
        self._outcome = start_in_background(work, self._finish, self._failed)

    def busy(self) -> bool:
        """A report is being built."""
        return self._busy

    def _show_elapsed(self) -> None:
        seconds = self._clock.elapsed() // 1000
        self.status.setText(fmt(self.tr("%1 (%2 s)"), self._building, str(seconds)))

    def _stop(self) -> None:
        self._busy = False
        self._ticker.stop()
        self.progress.hide()
        self.save_button.setEnabled(True)
        self._on_kind()
        # The button pressed was disabled while building, which moved the focus:
        # keyboard users get it back where they were.
        if self._focus is not None and shiboken6.isValid(self._focus) and self._focus.isEnabled():
            self._focus.setFocus()
        self._focus = None

    def _finish(self, written: Written) -> None:
        done = self._done
        self._stop()
        done(written)

    def _failed(self, error: BaseException) -> None:
        self._stop()
        self.status.clear()
        if isinstance(error, IdgError):
            self._say(str(error))
            return
        # A bug: said here, in the page, never only on a terminal nobody sees.
        log = log_bug(error)
        sentence = fmt(
            self.tr(
                "The file could not be written because of an unexpected error (%1). "
                "Nothing was written; your assessment is unchanged."
            ),
            f"{type(error).__name__}: {error}",
        )
        if log:
            sentence += " " + fmt(self.tr("The details are in %1."), log)
        self._say(sentence)

    def _say(self, sentence: str) -> None:
        self.message.setText(sentence)
        self.message.show()

    def _describe(self, kind: str, options: dict) -> str:
        parts = [self._name(kind), self.paper.itemText(self.paper.findData(options["paper"]))]
        if options["group"]:
            parts.append(self.group.currentText())
        if options["pseudonymise"]:
            parts.append(self.tr("pseudonymised"))
        if options["public"]:
            parts.append(self.tr("public version"))
        return fmt(self.tr("Preview: %1"), " · ".join(parts))

    def _previewed(self, written: Written, kind: str, title: str) -> None:
        self.pdf.load(str(written.path))
        if self.pdf.status() != QPdfDocument.Status.Ready:
            self._say(fmt(self.tr("The preview could not be shown: %1"), str(written.path)))
            return
        for old in self._temp.glob("preview-*.pdf"):  # the viewer has let go of them
            if old != written.path:
                old.unlink(missing_ok=True)
        self.preview_title.setText(title)
        self._preview_text = title
        preview = (
            self.tr("Preview of the %1: 1 page.")
            if written.count == 1
            else self.tr("Preview of the %1: %2 pages.")
        )
        self.status.setText(fmt(preview, self.choices.in_sentence(kind), str(written.count)))
        self._on_kind()
        self.go_to_page(0)

    def _saved(self, written: Written) -> None:
        self.settings.set_value("reports/folder", str(written.path.parent))
        if written.path.suffix.lower() == ".xlsx":
            text = self.tr("Wrote %1 (%2 sheets).")
        elif written.count == 1:
            text = self.tr("Wrote %1 (1 page).")
        else:
            text = self.tr("Wrote %1 (%2 pages).")
        self.status.setText(fmt(text, str(written.path), str(written.count)))
        opened = not self.open_after.isChecked() or QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(written.path))
        )
        if not opened:
            self._say(fmt(self.tr("No program on this computer opened %1."), written.path.name))

    def _preview_outdated(self, _tables: object = None) -> None:
        """The file changed since the preview was built: say so above it."""
        if self.pdf.pageCount() and self._preview_text:
            self.preview_title.setText(
                fmt(self.tr("%1 (built before the latest changes)"), self._preview_text)
            )

    # -- the preview's pages -------------------------------------------------------------

    def go_to_page(self, page: int) -> None:
        self.preview_area.go_to_page(page)
