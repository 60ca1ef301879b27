"""Nothing typed in the window is lost (issue 10): every editable field of every
page, typed into through the real widgets and left the three ways a user leaves
it — another row, another page (Ctrl+1), closing the window — is in the file,
read back with a fresh AssessmentDocument. And one visit to a record is one
undo step and one history entry, however many pauses the typing had.

Pages with no field to type into are not here: Overview, Integrity profile,
Priority matrix and Reports only show (or write other files); Working groups,
Agenda and Priorities change through dialogs whose OK saves at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from idg_desktop.services import answers, assessment, background, findings, participants, plan
from idg_desktop.services.activities import list_activities
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.main_window import MainWindow

TYPED = "Typed and left at once"


@pytest.fixture
def window(qtbot, demo_file):
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_path(demo_file)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    yield win
    win.close_assessment()


def on_disk(path: Path, read: Callable[[AssessmentDocument], object]) -> object:
    """What the file holds, read by a document of its own."""
    with AssessmentDocument.open(path, read_only=True) as document:
        return read(document)


def settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def go(window, qtbot, key: str):
    page = window.show_page(key)
    qtbot.waitUntil(page.isVisible)
    settle()
    return page


def focus(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def type_over(qtbot, widget, text: str = TYPED) -> None:
    """Replace what a text field holds by typing, as a person does (no leaving)."""
    focus(qtbot, widget)
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def click_row(qtbot, view, row: int, column: int = 0) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    settle()
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def edit_cell(qtbot, view, row: int, column: int) -> None:
    """Open a table cell's editor with the keyboard (F2), as a person does."""
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.EditingState)


def leave(window, qtbot, how: str, other_row: Callable[[], None] | None) -> None:
    if how == "row":
        assert other_row is not None
        other_row()
    elif how == "page":
        target = QApplication.focusWidget() or window
        qtbot.keyClick(target, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.view.current_key() == "overview")
    else:
        window.close()
        assert window.workspace is None


@dataclass
class Case:
    """One field: ``edit`` types into it (focus stays there) and returns what
    reading the file must then give; ``read`` reads it; ``other_row`` leaves
    the record for another one of the page (None: the page has no rows)."""

    page: str
    edit: Callable
    read: Callable
    other_row: Callable | None = None


# -- Scope and terms of reference ---------------------------------------------------

SCOPE_LINES = {
    "title": "title",
    "administration": "administration",
    "location": "location",
    "unit": "responsible_unit",
    "persons": "responsible_persons",
}


def _scope_line(widget: str, field: str) -> Case:
    def edit(page, qtbot):
        type_over(qtbot, getattr(page, widget))
        return TYPED

    return Case("scope", edit, lambda d: getattr(assessment.assessment_of(d), field))


def _scope_tor(page, qtbot):
    type_over(qtbot, next(iter(page.tor_fields.values())))
    return TYPED


def _scope_tor_read(document):
    import json

    tor = json.loads(assessment.assessment_of(document).terms_of_reference or "{}")
    framework = assessment.document_framework(document)
    return tor.get(framework["terms_of_reference_fields"][0]["key"], "")


def _scope_mode(page, qtbot):
    focus(qtbot, page.mode)
    wanted = (page.mode.currentIndex() + 1) % page.mode.count()
    qtbot.keyClick(page.mode, Qt.Key.Key_Down if wanted else Qt.Key.Key_Home)
    return page.mode.itemData(wanted)


def _scope_continuous(page, qtbot):
    focus(qtbot, page.continuous)
    wanted = not page.continuous.isChecked()
    qtbot.keyClick(page.continuous, Qt.Key.Key_Space)
    return wanted


def _scope_date(page, qtbot):
    focus(qtbot, page.start)
    page.start.setCurrentSection(page.start.Section.YearSection)
    qtbot.keyClick(page.start, Qt.Key.Key_Up)
    return page.start.date().toString("yyyy-MM-dd")


# -- Participants and background documents: table cells ------------------------------


def _participant_name(page, qtbot):
    edit_cell(qtbot, page.table, 0, 0)
    type_over(qtbot, QApplication.focusWidget())
    return TYPED


def _participant_role(page, qtbot):
    from idg_desktop.ui.models.participants_model import COLUMNS

    column = COLUMNS.index("role")
    edit_cell(qtbot, page.table, 0, column)
    combo = QApplication.focusWidget()
    wanted = (combo.currentIndex() + 1) % combo.count()
    combo.setCurrentIndex(wanted)  # as the arrow keys do, without committing
    return combo.itemData(wanted)


def _first_participant(field):
    return lambda d: getattr(participants.list_participants(d)[0], field)


def _document_cell(column: int):
    def edit(page, qtbot):
        edit_cell(qtbot, page.table, 0, column)
        type_over(qtbot, QApplication.focusWidget())
        return TYPED

    return edit


def _first_document(field):
    return lambda d: getattr(background.list_documents(d)[0], field)


# -- Checklist ------------------------------------------------------------------------

QUESTION = "TR-1"


def _checklist(page, qtbot):
    page.select_question(QUESTION)
    settle()
    return page


def _checklist_text(widget: str):
    def edit(page, qtbot):
        _checklist(page, qtbot)
        type_over(qtbot, getattr(page, widget))
        return TYPED

    return edit


def _answer(field):
    return lambda d: getattr(answers.answer_for(d, QUESTION), field)


def _checklist_box(widget: str):
    def edit(page, qtbot):
        _checklist(page, qtbot)
        box = getattr(page, widget)
        wanted = not box.isChecked()
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        return wanted

    return edit


def _checklist_figure5(page, qtbot):
    _checklist(page, qtbot)
    page.not_applicable.isChecked() and qtbot.mouseClick(
        page.not_applicable, Qt.MouseButton.LeftButton
    )
    wanted = page.measure.value() is not True
    qtbot.mouseClick(page.measure.buttons[0 if wanted else 1], Qt.MouseButton.LeftButton)
    return wanted


def _next_question(window, qtbot):
    page = window.view.page("checklist")
    qtbot.keyClick(
        QApplication.focusWidget() or page, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(lambda: page._qid != QUESTION)


# -- Findings ----------------------------------------------------------------------------


def _finding(page):
    return page.model.finding(page.model.row_of(page._current))


def _findings_text(widget: str):
    def edit(page, qtbot):
        type_over(qtbot, getattr(page, widget))
        return TYPED

    return edit


def _findings_questions(page, qtbot):
    section = _finding(page).section
    type_over(qtbot, page.questions, f"{section}-1, {section}-2")
    return (f"{section}-1", f"{section}-2")


def _findings_combo(widget: str):
    def edit(page, qtbot):
        combo = getattr(page, widget)
        focus(qtbot, combo)
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down if before + 1 < combo.count() else Qt.Key.Key_Up)
        assert combo.currentIndex() != before
        return combo.currentData()

    return edit


def _findings_confidential(page, qtbot):
    focus(qtbot, page.confidential)
    wanted = not page.confidential.isChecked()
    qtbot.keyClick(page.confidential, Qt.Key.Key_Space)
    return wanted


def _first_finding(field):
    def read(document):
        first = findings.list_findings(document)[0]
        if field == "questions":
            return tuple(q.question_id for q in first.questions)
        return getattr(first, field)

    return read


# -- Action plan and KPIs -------------------------------------------------------------------


def _plan_activity(page, qtbot):
    activity = list_activities(page.document)[0]
    page.select_node(activity.id)
    settle()
    return activity.id


def _plan_field(name: str):
    def edit(page, qtbot):
        _plan_activity(page, qtbot)
        widget = page.detail.fields[name]
        if hasattr(widget, "lineEdit") and not widget.isEditable():
            focus(qtbot, widget)
            before = widget.currentIndex()
            qtbot.keyClick(
                widget, Qt.Key.Key_Down if before + 1 < widget.count() else Qt.Key.Key_Up
            )
            return widget.currentData()
        type_over(qtbot, widget, "7" if name == "staff_count" else TYPED)
        return "7" if name == "staff_count" else TYPED

    return edit


def _plan_read(name: str):
    def read(document):
        activity = list_activities(document)[0]
        value = plan.plan_fields(activity)[name] if hasattr(plan, "plan_fields") else None
        return str(value if value is not None else getattr(activity, name) or "")

    return read


CASES: dict[str, Case] = {
    **{f"scope-{w}": _scope_line(w, f) for w, f in SCOPE_LINES.items()},
    "scope-terms-of-reference": Case("scope", _scope_tor, _scope_tor_read),
    "scope-mode": Case("scope", _scope_mode, lambda d: assessment.assessment_of(d).mode),
    "scope-continuous": Case(
        "scope", _scope_continuous, lambda d: assessment.assessment_of(d).continuous
    ),
    "scope-start-date": Case(
        "scope", _scope_date, lambda d: assessment.assessment_of(d).start_date
    ),
    "participants-name": Case("participants", _participant_name, _first_participant("name")),
    "participants-role": Case("participants", _participant_role, _first_participant("role")),
    **{
        f"documents-{field}": Case("documents", _document_cell(column), _first_document(field))
        for column, field in ((1, "title"), (2, "reference"), (3, "notes"))
    },
    "checklist-narrative": Case("checklist", _checklist_text("narrative"), _answer("text")),
    "checklist-evidence": Case("checklist", _checklist_text("evidence"), _answer("evidence")),
    "checklist-figure-5": Case("checklist", _checklist_figure5, _answer("measure_exists")),
    "checklist-for-review": Case(
        "checklist", _checklist_box("for_review"), _answer("marked_for_review")
    ),
    "checklist-reviewed": Case("checklist", _checklist_box("reviewed"), _answer("reviewed")),
    "checklist-confidential": Case(
        "checklist", _checklist_box("confidential"), _answer("confidential")
    ),
    "findings-text": Case("findings", _findings_text("text"), _first_finding("text")),
    "findings-action": Case(
        "findings", _findings_text("action"), _first_finding("proposed_action")
    ),
    "findings-questions": Case("findings", _findings_questions, _first_finding("questions")),
    "findings-kind": Case("findings", _findings_combo("kind"), _first_finding("kind")),
    "findings-status": Case("findings", _findings_combo("status"), _first_finding("status")),
    "findings-confidential": Case(
        "findings", _findings_confidential, _first_finding("confidential")
    ),
}

ROWS = {
    "participants": lambda window, qtbot, page: click_row(qtbot, page.table, 1, 0),
    "documents": lambda window, qtbot, page: click_row(qtbot, page.table, 1, 0),
    "checklist": lambda window, qtbot, page: _next_question(window, qtbot),
    "findings": lambda window, qtbot, page: click_row(qtbot, page.table, 1, 3),
}


PARAMS = [
    pytest.param(name, how, id=f"{name}-{how}")
    for name, case in CASES.items()
    for how in (["row"] if case.page in ROWS else []) + ["page", "close"]
]


@pytest.mark.parametrize(("name", "how"), PARAMS)
def test_what_is_typed_is_in_the_file_after_leaving(window, qtbot, demo_file, name, how):
    case = CASES[name]
    page = go(window, qtbot, case.page)
    if case.page == "findings":
        page.table.selectRow(0)
        settle()
    before = on_disk(demo_file, case.read)
    wanted = case.edit(page, qtbot)
    assert wanted != before  # the test changes something
    leave(window, qtbot, how, lambda: ROWS[case.page](window, qtbot, page))
    assert on_disk(demo_file, case.read) == wanted
