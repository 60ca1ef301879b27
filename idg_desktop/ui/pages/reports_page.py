"""Reports: what leaves the workshop. Each PDF report of the IDG, previewed in
the page and written where the facilitator chooses, and the whole assessment
as a workbook.

The reports are built in a worker thread (the assessment report takes a few
seconds) while a busy bar and the elapsed time show in the page. The worker
opens its own read-only copy of the document on the same file: the window's
SQLite connection belongs to the window's thread, and every edit is committed
as it is made, so the file on disk is current. The export functions write
atomically, so a refused or failed save leaves nothing at the chosen path.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QElapsedTimer,
    QEvent,
    QObject,
    QPointF,
    QRunnable,
    QStandardPaths,
    Qt,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain.records import Kind
from idg_desktop.errors import IdgError, log_bug
from idg_desktop.services.assessment import assessment_of
from idg_desktop.services.groups import list_groups
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.settings import WindowSettings
from idg_desktop.ui.text import fmt
from idg_desktop.ui.workspace import AssessmentDocument, Workspace

WORKBOOK = "workbook"
#: The six PDF reports of ``reports.export`` in the guide's order, then the workbook.
KINDS = ("assessment", "tor", "worksheets", "action-plan", "kpis", "matrix", WORKBOOK)
PAPERS = ("a4", "letter")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class Written:
    """What a finished job wrote: the file and its size in pages (or sheets)."""

    path: Path
    count: int


class _JobSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    """Runs one build in the thread pool; the outcome comes back as a signal."""

    def __init__(self, work: Callable[[], Written], signals: _JobSignals) -> None:
        super().__init__()
        self._work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the window's thread
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


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


def _flag(value: object, default: bool) -> bool:
    """A tick box remembered in the INI file (which returns "true"/"false")."""
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in {"true", "1", "yes"}
    return bool(value)


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
        self._signals: _JobSignals | None = None
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
        row = QHBoxLayout()
        row.setSpacing(18)
        row.addWidget(self._choices_column())
        row.addWidget(self._preview_area(), 1)
        layout.addLayout(row, 1)

        self._restore_choices()
        self.kinds.idToggled.connect(self._on_kind)
        for box in (self.paper, self.group):
            box.currentIndexChanged.connect(self._remember)
        for tick in (self.pseudonymise, self.public, self.open_after):
            tick.toggled.connect(self._remember)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save_as)
        # A bound method, not a lambda: the connection goes with the page.
        workspace.changed.connect(self._preview_outdated)
        self._on_kind()

    # -- building the page ---------------------------------------------------------------

    def descriptions(self) -> dict[str, tuple[str, str]]:
        """Each choice's name and what it is for, in the guide's words."""
        return {
            "assessment": (
                self.tr("Assessment report"),
                self.tr(
                    "For decision makers (IDG Part II step 6): the findings, the "
                    "integrity profile and the priorities."
                ),
            ),
            "tor": (
                self.tr("Terms of reference"),
                self.tr("The terms of reference of the assessment mission (Annex 5)."),
            ),
            "worksheets": (
                self.tr("Group worksheets"),
                self.tr(
                    "The questions of one working group's sections, for a group working on paper."
                ),
            ),
            "action-plan": (
                self.tr("Action plan"),
                self.tr("The action plan in the layout of Annex 9 (landscape)."),
            ),
            "kpis": (
                self.tr("KPI metadata sheets"),
                self.tr("One metadata sheet per key performance indicator (Annex 11)."),
            ),
            "matrix": (
                self.tr("Priority matrix"),
                self.tr("The priority matrix on one landscape page, for the wall."),
            ),
            WORKBOOK: (
                self.tr("Workbook (Excel)"),
                self.tr(
                    "The whole assessment as a workbook that can be re-imported; it holds "
                    "every answer and name. Made public or pseudonymised, it is a version "
                    "for sharing that cannot be re-imported."
                ),
            ),
        }

    def _choices_column(self) -> QWidget:
        column = QWidget()
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.setSpacing(12)

        reports = QGroupBox(self.tr("Report"))
        box = QVBoxLayout(reports)
        box.setSpacing(4)
        self.kinds = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for number, (kind, (name, description)) in enumerate(self.descriptions().items()):
            radio = QRadioButton(name)
            radio.setAccessibleDescription(description)
            radio.setToolTip(description)
            self.kinds.addButton(radio, number)
            self.radios[kind] = radio
            box.addWidget(radio)
        # What the chosen report is for, under the list (one description, not
        # seven: Preview and Save as… stay in view on a laptop's screen).
        self.kind_note = QLabel()
        self.kind_note.setObjectName("pageIntro")
        self.kind_note.setWordWrap(True)
        box.addSpacing(4)
        box.addWidget(self.kind_note)
        inner.addWidget(reports)

        options = QGroupBox(self.tr("Options"))
        form = QFormLayout(options)
        self.paper = QComboBox()
        self.paper.addItem(self.tr("A4"), "a4")
        self.paper.addItem(self.tr("Letter"), "letter")
        self.group = QComboBox()
        self.group.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.group.setMinimumContentsLength(16)
        form.addRow(self.tr("Pape&r:"), self.paper)
        form.addRow(self.tr("&Group:"), self.group)
        self.pseudonymise = QCheckBox(self.tr("Pse&udonymise participants (roles and initials)"))
        self.public = QCheckBox(self.tr("Pu&blic version (leave out what is marked confidential)"))
        self.open_after = QCheckBox(self.tr("&Open the file when written"))
        for tick in (self.pseudonymise, self.public, self.open_after):
            form.addRow(tick)
        inner.addWidget(options)
        inner.addStretch(1)

        scroll = QScrollArea()  # large text sizes: the choices scroll, nothing is clipped
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(column)
        self.column = scroll

        # Preview and Save as… under the choices, never scrolled out of view.
        self.actions_area = QWidget()
        bottom = QVBoxLayout(self.actions_area)
        bottom.setContentsMargins(0, 6, 8, 0)
        bottom.setSpacing(8)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("&Preview"))
        self.save_button = QPushButton(self.tr("&Save as…"))
        self.save_button.setDefault(True)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        bottom.addLayout(buttons)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: a report's length is not known beforehand
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Building"))
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setObjectName("warning")
        self.message.setWordWrap(True)
        self.message.hide()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.status)
        bottom.addWidget(self.message)

        left = QWidget()
        stacked = QVBoxLayout(left)
        stacked.setContentsMargins(0, 0, 0, 0)
        stacked.setSpacing(0)
        stacked.addWidget(scroll, 1)
        stacked.addWidget(self.actions_area)
        self._left = left
        self._fit_column()
        return left

    def _fit_column(self) -> None:
        """The choices column as wide as its longest line (it follows the text size)."""
        column = self.column.widget()
        column.layout().activate()  # size hints of the new font, not the cached ones
        wide = max(column.fontMetrics().averageCharWidth() * 60, column.minimumSizeHint().width())
        wide += self.column.verticalScrollBar().sizeHint().width()
        self.column.setFixedWidth(wide)
        self._left.setFixedWidth(wide)

    def changeEvent(self, event: QEvent) -> None:
        built = hasattr(self, "column")  # style changes can come while building the page
        if built and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # After the children have taken the new font and style.
            QTimer.singleShot(0, self, self._fit_column)
        super().changeEvent(event)

    def _preview_area(self) -> QWidget:
        area = QWidget()
        inner = QVBoxLayout(area)
        inner.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.preview_title = QLabel()
        font = self.preview_title.font()
        font.setBold(True)
        self.preview_title.setFont(font)
        self.previous_button = QPushButton(self.tr("Pre&vious page"))
        self.next_button = QPushButton(self.tr("&Next page"))
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setMinimumWidth(  # the buttons do not move as the number changes
            self.page_label.fontMetrics().horizontalAdvance(
                fmt(self.tr("Page %1 of %2"), "888", "888")
            )
        )
        self.fit_button = QPushButton(self.tr("Fit &width"))
        self.whole_button = QPushButton(self.tr("W&hole page"))
        self.zoom = QButtonGroup(self)
        for button in (self.fit_button, self.whole_button):
            button.setCheckable(True)
            self.zoom.addButton(button)
        self.fit_button.setChecked(True)
        self.preview_title.setWordWrap(True)  # "Preview: Action plan · A4 · public version"
        inner.addWidget(self.preview_title)
        bar.addStretch(1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addSpacing(12)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.whole_button)
        inner.addLayout(bar)

        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setAccessibleName(self.tr("Preview"))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Page Up/Down scroll it
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)
        self.empty = QLabel()
        self.empty.setObjectName("pageIntro")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        inner.addWidget(self.stack, 1)

        navigator = self.view.pageNavigator()
        navigator.currentPageChanged.connect(self._on_page_changed)
        # The navigator follows the scrolling too: "Page 2 of 9" moves along.
        self.previous_button.clicked.connect(lambda: self.go_to_page(navigator.currentPage() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(navigator.currentPage() + 1))
        self.fit_button.toggled.connect(self._fit)
        self._show_page_number()
        return area

    # -- choices -------------------------------------------------------------------------

    def kind(self) -> str:
        return KINDS[max(0, self.kinds.checkedId())]

    def choose(self, kind: str) -> None:
        """Choose a report (or the workbook), as a click on its button does."""
        self.radios[kind].setChecked(True)

    def options(self) -> dict:
        """The options ``export_pdf`` takes for the chosen report."""
        # The group's id: two groups may share a name, and export_pdf takes either.
        group = self.group.currentData() if self.kind() == "worksheets" else None
        return {
            "paper": self.paper.currentData(),
            "group": group or None,
            "pseudonymise": self.pseudonymise.isChecked(),
            "public": self.public.isChecked(),
        }

    def reload(self) -> None:
        chosen = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        for group in list_groups(self.document):
            self.group.addItem(group.name, group.id)
        remembered = self.group.findData(chosen)
        self.group.setCurrentIndex(remembered if remembered >= 0 else 0)
        self.group.blockSignals(False)

    def _on_kind(self, *_args: object) -> None:
        kind = self.kind()
        pdf = kind != WORKBOOK
        self.kind_note.setText(self.descriptions()[kind][1])
        self.group.setEnabled(kind == "worksheets")
        self.paper.setEnabled(pdf)
        self.preview_button.setEnabled(pdf and not self._busy)
        sharing = self.tr("A workbook for sharing: it cannot be re-imported.")
        for tick in (self.pseudonymise, self.public):
            tick.setToolTip("" if pdf else sharing)
        if not pdf:
            self.empty.setText(
                self.tr(
                    "The workbook has no preview: save it and open it in a spreadsheet program."
                )
            )
            self.stack.setCurrentWidget(self.empty)
        elif self.pdf.pageCount() == 0:
            self.empty.setText(self.tr("Choose a report and press Preview to see it here."))
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.view)
        self.preview_title.setVisible(self.stack.currentWidget() is self.view)
        self._show_page_number()
        self._remember()

    def _restore_choices(self) -> None:
        kind = str(self.settings.value("reports/kind", "assessment"))
        self.choose(kind if kind in KINDS else "assessment")
        paper = self.paper.findData(self.settings.value("reports/paper", "a4"))
        self.paper.setCurrentIndex(max(0, paper))
        self.pseudonymise.setChecked(_flag(self.settings.value("reports/pseudonymise"), False))
        self.public.setChecked(_flag(self.settings.value("reports/public"), False))
        self.open_after.setChecked(_flag(self.settings.value("reports/open"), False))

    def _remember(self, *_args: object) -> None:
        self.settings.set_value("reports/kind", self.kind())
        self.settings.set_value("reports/paper", self.paper.currentData())
        self.settings.set_value("reports/pseudonymise", self.pseudonymise.isChecked())
        self.settings.set_value("reports/public", self.public.isChecked())
        self.settings.set_value("reports/open", self.open_after.isChecked())

    def _name(self, kind: str) -> str:
        return self.descriptions()[kind][0]

    def _in_sentence(self, kind: str) -> str:
        """The name inside a sentence or a file name ("the KPI metadata sheets")."""
        return {
            "assessment": self.tr("assessment report"),
            "tor": self.tr("terms of reference"),
            "worksheets": self.tr("group worksheets"),
            "action-plan": self.tr("action plan"),
            "kpis": self.tr("KPI metadata sheets"),
            "matrix": self.tr("priority matrix"),
            WORKBOOK: self.tr("workbook"),
        }[kind]

    def suggested_path(self, kind: str, options: dict) -> Path:
        """The default name, "<title> – assessment report.pdf", in the folder of the
        last save (or the user's documents folder)."""
        folder = str(self.settings.value("reports/folder", "") or "")
        if not folder or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            ) or str(Path.home())
        parts = [assessment_of(self.document).title, self._in_sentence(kind)]
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
            fmt(self.tr("Save the %1"), self._in_sentence(kind)),
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
        self._building = fmt(self.tr("Building the %1…"), self._in_sentence(kind))
        self.status.setText(self._building)
        self.progress.show()
        self._clock.start()
        self._ticker.start()
        signals = _JobSignals()
        signals.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._done = done
        self._signals = signals  # kept until the next build: its outcome arrives queued
        self._busy = True
        focused = QApplication.focusWidget()
        self._focus = focused if focused is not None and self.isAncestorOf(focused) else None
        self.save_button.setEnabled(False)
        self._on_kind()
        work = partial(build, self.workspace.path, kind, output, options)
        QThreadPool.globalInstance().start(_Job(work, signals))

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
        self.status.setText(fmt(preview, self._in_sentence(kind), str(written.count)))
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
        count = self.pdf.pageCount()
        if count:
            self.view.pageNavigator().jump(min(max(0, page), count - 1), QPointF(), 0)
        self._show_page_number()

    def _on_page_changed(self, _page: int) -> None:
        # The view also resets its page while the page is being destroyed, after
        # some of the widgets read here are gone.
        if shiboken6.isValid(self.kinds) and shiboken6.isValid(self.page_label):
            self._show_page_number()

    def _show_page_number(self) -> None:
        count = self.pdf.pageCount() if self.kind() != WORKBOOK else 0
        current = self.view.pageNavigator().currentPage()
        self.page_label.setText(
            fmt(self.tr("Page %1 of %2"), str(current + 1), str(count)) if count else ""
        )
        self.previous_button.setEnabled(count > 0 and current > 0)
        self.next_button.setEnabled(count > 0 and current < count - 1)
        self.fit_button.setEnabled(count > 0)
        self.whole_button.setEnabled(count > 0)

    def _fit(self, width: bool) -> None:
        self.view.setZoomMode(
            QPdfView.ZoomMode.FitToWidth if width else QPdfView.ZoomMode.FitInView
        )
        self.go_to_page(self.view.pageNavigator().currentPage())
