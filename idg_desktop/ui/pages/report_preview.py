"""The Reports page's preview: the PDF built last, its title, and the page
buttons (previous, next, "Page 2 of 9", fit width or whole page); or a
sentence where there is nothing to show (the workbook, no preview yet)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPointF, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.labelled import wrapping_label


class ReportPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paged = True  # False while the workbook (which has no pages here) is chosen
        inner = QVBoxLayout(self)
        inner.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.preview_title = QLabel()
        font = self.preview_title.font()
        font.setBold(True)
        self.preview_title.setFont(font)
        self.previous_button = QPushButton(self.tr("Prev&ious page"))
        self.next_button = QPushButton(self.tr("&Next page"))
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setMinimumWidth(  # the buttons do not move as the number changes
            self.page_label.fontMetrics().horizontalAdvance(
                fmt(self.tr("Page %1 of %2"), "888", "888")
            )
        )
        self.fit_button = QPushButton(self.tr("Fit &width"))
        self.whole_button = QPushButton(self.tr("Whole p&age"))
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
        self.empty = wrapping_label("pageIntro")
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
        self.show_page_number()

    def show_pages(self, paged: bool, empty_text: str) -> None:
        """The PDF when ``paged`` and one is loaded; otherwise ``empty_text``."""
        self.paged = paged
        if paged and self.pdf.pageCount() > 0:
            self.stack.setCurrentWidget(self.view)
        else:
            self.empty.setText(empty_text)
            self.stack.setCurrentWidget(self.empty)
        self.preview_title.setVisible(self.stack.currentWidget() is self.view)
        self.show_page_number()

    def go_to_page(self, page: int) -> None:
        count = self.pdf.pageCount()
        if count:
            self.view.pageNavigator().jump(min(max(0, page), count - 1), QPointF(), 0)
        self.show_page_number()

    def _on_page_changed(self, _page: int) -> None:
        # The view also resets its page while the page is being destroyed, after
        # some of the widgets read here are gone.
        if shiboken6.isValid(self) and shiboken6.isValid(self.page_label):
            self.show_page_number()

    def show_page_number(self) -> None:
        count = self.pdf.pageCount() if self.paged else 0
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
