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
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox

from idg_desktop.services import (
    answers,
    assessment,
    background,
    findings,
    participants,
    plan,
    steps,
)
from idg_desktop.services.activities import find_activity
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


def _scope_date(widget):
    """``widget``: the page's attribute, or a function of the page giving the field."""

    def edit(page, qtbot):
        edit = widget(page) if callable(widget) else getattr(page, widget)
        focus(qtbot, edit)
        edit.setCurrentSection(edit.Section.YearSection)
        qtbot.keyClick(edit, Qt.Key.Key_Up)
        return edit.date().toString("yyyy-MM-dd")

    return edit


def _scope_terms_location(page, qtbot):
    type_over(qtbot, page.tor_location)
    return TYPED


def _scope_section(page, qtbot):
    code, check = list(page.section_checks.items())[-1]
    focus(qtbot, check)
    wanted = not check.isChecked()
    with pytest.MonkeyPatch.context() as patch:  # leaving out a worked section asks first
        patch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        qtbot.keyClick(check, Qt.Key.Key_Space)
    return (code, wanted)


def _scope_section_read(document):
    code = list(assessment.document_framework(document)["sections"])[-1]["code"]
    return (code, code in {s.code for s in assessment.sections_in_scope(document)})


# -- Participants and background documents: table cells ------------------------------


def _participant_text(field: str):
    def edit(page, qtbot):
        from idg_desktop.ui.models.participants_model import COLUMNS

        edit_cell(qtbot, page.table, 0, COLUMNS.index(field))
        type_over(qtbot, QApplication.focusWidget())
        return TYPED

    return edit


def _participant_choice(field: str):
    def edit(page, qtbot):
        from idg_desktop.ui.models.participants_model import COLUMNS

        edit_cell(qtbot, page.table, 0, COLUMNS.index(field))
        combo = QApplication.focusWidget()
        wanted = (combo.currentIndex() + 1) % combo.count()
        combo.setCurrentIndex(wanted)  # as the arrow keys do, without committing
        return combo.itemData(wanted)

    return edit


def _participant_external(page, qtbot):
    from idg_desktop.ui.models.participants_model import COLUMNS

    index = page.model.index(0, COLUMNS.index("external"))
    wanted = index.data(Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked
    focus(qtbot, page.table)
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    return wanted


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


_FIRST: dict[str, str] = {}  # the demo's first finding (the same id in every copy)


def _moved_finding(field):
    """The first finding, found again by its id after a move to another section."""

    def read(document):
        if "id" not in _FIRST:  # read before the edit: it is still the first
            _FIRST["id"] = findings.list_findings(document)[0].id
        return getattr(findings.find_finding(document, _FIRST["id"]), field)

    return read


def _first_finding(field):
    def read(document):
        first = findings.list_findings(document)[0]
        if field == "questions":
            return tuple(first.question_ids)
        return getattr(first, field)

    return read


# -- Action plan and KPIs -------------------------------------------------------------------


def _plan_nodes(document, kind: str) -> list[str]:
    return [
        getattr(node, kind).id
        for node in plan.action_plan(document).nodes()
        if type(node).__name__.lower().startswith(kind)
    ]


def _plan_select(page, kind: str, number: int = 0) -> str:
    node_id = _plan_nodes(page.document, kind)[number]
    page.select_node(node_id)
    settle()
    return node_id


def _plan_field(name: str, typed: str = TYPED):
    def edit(page, qtbot):
        _plan_select(page, "activity")
        widget = page.detail.fields[name]
        if name in ("complexity", "integrity_effect"):  # a closed list
            focus(qtbot, widget)
            before = widget.currentIndex()
            qtbot.keyClick(
                widget, Qt.Key.Key_Down if before + 1 < widget.count() else Qt.Key.Key_Up
            )
            return widget.currentData()
        type_over(qtbot, widget, typed)
        return typed

    def read(document):
        value = getattr(find_activity(document, _plan_nodes(document, "activity")[0]), name)
        return "" if value is None else str(value)

    return Case("plan", edit, read)


def _plan_description(page, qtbot):
    _plan_select(page, "outcome")
    type_over(qtbot, page.detail.description)
    return TYPED


def _plan_title(page, qtbot):
    node = _plan_select(page, "outcome")
    page.tree.setFocus()
    qtbot.waitUntil(page.tree.hasFocus)
    page.tree.setCurrentIndex(page.model.index_of(node))
    qtbot.keyClick(page.tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.tree.state() == QAbstractItemView.State.EditingState)
    type_over(qtbot, QApplication.focusWidget())
    return TYPED


def _plan_smart(page, qtbot):
    _plan_select(page, "activity")
    who, tick = page.detail.confirmers["specific"], page.detail.ticks["specific"]
    if not tick.isChecked():  # a name, then the tick (saved at once)
        type_over(qtbot, who.lineEdit(), "Working group A")
        focus(qtbot, tick)
        qtbot.keyClick(tick, Qt.Key.Key_Space)
        assert tick.isChecked()
    type_over(qtbot, who.lineEdit())  # who confirmed it, retyped and not yet left
    return TYPED


def _plan_smart_read(document):
    from sqlalchemy import select

    from idg_desktop.storage import models

    node = _plan_nodes(document, "activity")[0]
    return document.session.scalars(
        select(models.SmartConfirmation.confirmed_by).where(
            models.SmartConfirmation.node_id == node,
            models.SmartConfirmation.criterion == "specific",
        )
    ).first()


def _first_outcome(field: str):
    return lambda d: getattr(plan.find_outcome(d, _plan_nodes(d, "outcome")[0]), field)


def _plan_other_row(window, qtbot, page):
    other = _plan_nodes(page.document, "output")[-1]
    index = page.model.index_of(other)
    page.tree.scrollTo(index)
    settle()
    qtbot.mouseClick(
        page.tree.viewport(), Qt.MouseButton.LeftButton, pos=page.tree.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: page.current_row().id == other)


def _kpi_field(key: str):
    def edit(page, qtbot):
        page.table.selectRow(0)
        settle()
        type_over(qtbot, page.sheet.editors[key])
        return TYPED

    def read(document):
        return plan.kpi_sheet(plan.list_kpis(document)[0])[key]

    return Case("kpis", edit, read)


def _kpi_typology(page, qtbot):
    page.table.selectRow(0)
    settle()
    item = page.sheet.typologies.item(0)
    key = item.data(Qt.ItemDataRole.UserRole)
    wanted = item.checkState() != Qt.CheckState.Checked
    focus(qtbot, page.sheet.typologies)
    page.sheet.typologies.setCurrentRow(0)
    qtbot.keyClick(page.sheet.typologies, Qt.Key.Key_Space)
    return (key, wanted)


def _kpi_typology_read(document):
    kpi = plan.list_kpis(document)[0]
    key = plan.kpi_typologies(document)[0]["key"]
    return (key, key in plan.kpi_sheet(kpi)["typologies"])


CASES: dict[str, Case] = {
    **{f"scope-{w}": _scope_line(w, f) for w, f in SCOPE_LINES.items()},
    "scope-terms-of-reference": Case("scope", _scope_tor, _scope_tor_read),
    "scope-mode": Case("scope", _scope_mode, lambda d: assessment.assessment_of(d).mode),
    "scope-continuous": Case(
        "scope", _scope_continuous, lambda d: assessment.assessment_of(d).continuous
    ),
    "scope-start-date": Case(
        "scope", _scope_date("start"), lambda d: assessment.assessment_of(d).start_date
    ),
    "scope-end-date": Case(
        "scope", _scope_date("end"), lambda d: assessment.assessment_of(d).end_date
    ),
    "scope-section": Case("scope", _scope_section, _scope_section_read),
    # Annex 5's Date and Location: the scope's own fact, shown a second time
    "scope-terms-date": Case(
        "scope",
        _scope_date(lambda page: page.tor_period.start),
        lambda d: assessment.assessment_of(d).start_date,
    ),
    "scope-terms-location": Case(
        "scope", _scope_terms_location, lambda d: assessment.assessment_of(d).location
    ),
    "scope-step-date": Case(
        "scope",
        _scope_date(lambda page: page.step_periods[1].end),
        lambda d: steps.list_steps(d)[0].end,
    ),
    **{
        f"participants-{field}": Case(
            "participants", _participant_text(field), _first_participant(field)
        )
        for field in ("name", "unit", "expertise")
    },
    **{
        f"participants-{field}": Case(
            "participants", _participant_choice(field), _first_participant(field)
        )
        for field in ("role", "gender", "stakeholder")
    },
    "participants-external": Case(
        "participants", _participant_external, _first_participant("external")
    ),
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
    "findings-section": Case(
        "findings", _findings_combo("section"), _moved_finding("section_code")
    ),
    "findings-group": Case("findings", _findings_combo("group"), _moved_finding("group_id")),
    "findings-status": Case("findings", _findings_combo("status"), _first_finding("status")),
    "findings-confidential": Case(
        "findings", _findings_confidential, _first_finding("confidential")
    ),
    "plan-title": Case("plan", _plan_title, _first_outcome("title")),
    "plan-description": Case("plan", _plan_description, _first_outcome("description")),
    **{
        f"plan-{name}": _plan_field(name)
        for name in ("responsible_division", "performance_target", "budget", "stakeholders")
    },
    "plan-staff-count": _plan_field("staff_count", "7"),
    "plan-complexity": _plan_field("complexity"),
    "plan-smart-confirmed-by": Case("plan", _plan_smart, _plan_smart_read),
    "kpis-description": _kpi_field("description"),
    "kpis-target": _kpi_field("target_value"),
    "kpis-baseline-value": _kpi_field("baseline_value"),
    "kpis-typology": Case("kpis", _kpi_typology, _kpi_typology_read),
}

ROWS = {
    "participants": lambda window, qtbot, page: click_row(qtbot, page.table, 1, 0),
    "documents": lambda window, qtbot, page: click_row(qtbot, page.table, 1, 0),
    "checklist": lambda window, qtbot, page: _next_question(window, qtbot),
    "findings": lambda window, qtbot, page: click_row(qtbot, page.table, 1, 3),
    "plan": _plan_other_row,
    "kpis": lambda window, qtbot, page: click_row(qtbot, page.table, 1, 0),
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
    settle()  # what the editors queued (no timer has run out: typing is fast)
    assert on_disk(demo_file, case.read) == wanted


# -- One visit, one undo step, one history entry -------------------------------------------


def _answered(document) -> str:
    """A question of the demo whose answer has a text (so changes keep versions)."""
    from sqlalchemy import select

    from idg_desktop.storage import models

    return document.session.scalars(
        select(models.Answer.question_id).where(models.Answer.text != "").order_by("question_id")
    ).first()


def _versions(path: Path, qid: str) -> list[tuple[str, str]]:
    def read(document):
        answer = answers.answer_for(document, qid)
        return [(v.text, v.rating) for v in answers.answer_history(document, answer)]

    return on_disk(path, read)


def _answer_state(path: Path, qid: str) -> tuple:
    def read(document):
        a = answers.answer_for(document, qid)
        return (a.text, a.evidence, a.rating, a.measure_exists, a.measure_applied, a.revision)

    return on_disk(path, read)


def _type_with_pauses(qtbot, field, pieces: list[str], saved: Callable[[str], bool]) -> str:
    """Type piece by piece, each time waiting until the pause has saved it."""
    focus(qtbot, field)
    typed = field.toPlainText()
    field.moveCursor(field.textCursor().MoveOperation.End)
    for piece in pieces:
        qtbot.keyClicks(field, piece)
        typed += piece
        qtbot.waitUntil(lambda t=typed: saved(t), timeout=5000)
    return typed


def test_typing_with_pauses_in_one_answer_is_one_version_and_one_undo_step(
    window, qtbot, demo_file
):
    page = go(window, qtbot, "checklist")
    workspace = window.workspace
    qid = _answered(workspace.document)
    page.select_question(qid)
    settle()
    before, versions, steps = _answer_state(demo_file, qid), _versions(demo_file, qid), 0
    steps = workspace.undo_stack.count()

    def saved(text: str) -> bool:
        return _answer_state(demo_file, qid)[0] == text.strip()

    _type_with_pauses(qtbot, page.narrative, [" First thought.", " Second.", " Third."], saved)
    qtbot.keyClick(page.narrative, Qt.Key.Key_Tab)  # on to the next field of the same answer
    _type_with_pauses(qtbot, page.evidence, [" Source A.", " Source B."], lambda _t: True)
    qtbot.keyClick(page.narrative, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page._qid != qid)

    assert _answer_state(demo_file, qid)[1].endswith("Source B.")
    assert _versions(demo_file, qid) == [*versions, (before[0], before[2])]  # ONE new version
    assert workspace.undo_stack.count() == steps + 1  # ONE undo step
    workspace.undo_stack.undo()
    assert _answer_state(demo_file, qid) == before  # exactly as before the visit
    assert _versions(demo_file, qid) == versions


def test_radio_clicks_on_figure_5_in_one_visit_are_one_version(window, qtbot, demo_file):
    page = go(window, qtbot, "checklist")
    workspace = window.workspace
    qid = _answered(workspace.document)
    page.select_question(qid)
    settle()
    if page.not_applicable.isChecked():
        qtbot.mouseClick(page.not_applicable, Qt.MouseButton.LeftButton)
    before, versions = _answer_state(demo_file, qid), _versions(demo_file, qid)
    steps = workspace.undo_stack.count()
    clicks = [
        page.measure.buttons[1],  # no
        page.measure.buttons[0],  # yes
        page.applied.buttons[0],  # yes
        page.effective.buttons[1],  # partly
        page.effective.buttons[2],  # yes
        page.effective.buttons[0],  # no
    ]
    for button in clicks:
        qtbot.waitUntil(button.isEnabled)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert _answer_state(demo_file, qid)[3:5] == (True, True)
    assert len(_versions(demo_file, qid)) == len(versions) + 1  # not one per click
    assert workspace.undo_stack.count() == steps + 1
    count = len(versions) + 1
    assert page.history.text() == (
        "History: 1 earlier version" if count == 1 else f"History: {count} earlier versions"
    )
    # the visit ends on leaving: coming back and clicking again is a new version
    page.go_to_question(1)
    page.select_question(qid)
    settle()
    qtbot.mouseClick(page.effective.buttons[2], Qt.MouseButton.LeftButton)
    assert len(_versions(demo_file, qid)) == len(versions) + 2
    assert workspace.undo_stack.count() == steps + 2
    workspace.undo_stack.undo()
    workspace.undo_stack.undo()
    assert _answer_state(demo_file, qid) == before


def _events(path: Path, finding_id: str) -> list[tuple[str, str, str]]:
    def read(document):
        found = findings.find_finding(document, finding_id)
        return [
            (e.action, e.text, e.proposed_action) for e in findings.finding_history(document, found)
        ]

    return on_disk(path, read)


def test_typing_with_pauses_in_one_finding_is_one_event_and_one_undo_step(window, qtbot, demo_file):
    page = go(window, qtbot, "findings")
    workspace = window.workspace
    page.table.selectRow(0)
    settle()
    finding_id = page._current

    def stored(document):
        found = findings.find_finding(document, finding_id)
        return (found.text, found.proposed_action, found.status, found.revision)

    before, events = on_disk(demo_file, stored), _events(demo_file, finding_id)
    steps = workspace.undo_stack.count()

    def saved(field: int):
        return lambda text: on_disk(demo_file, stored)[field] == text.strip()

    text = _type_with_pauses(qtbot, page.text, [" Seen at two posts.", " And a third."], saved(0))
    qtbot.keyClick(page.text, Qt.Key.Key_Tab)  # on to the proposed action, same finding
    action = _type_with_pauses(qtbot, page.action, [" Rotate staff.", " Yearly."], saved(1))
    click_row(qtbot, page.table, 1, 3)  # another finding: the visit ends

    assert on_disk(demo_file, stored)[:2] == (text.strip(), action.strip())
    assert _events(demo_file, finding_id) == [*events, ("edited", text.strip(), action.strip())]
    assert workspace.undo_stack.count() == steps + 1
    workspace.undo_stack.undo()
    assert on_disk(demo_file, stored) == before
    assert _events(demo_file, finding_id) == events


def test_the_status_bar_does_not_say_saved_while_typed_text_waits(window, qtbot, demo_file):
    page = go(window, qtbot, "findings")
    page.table.selectRow(0)
    settle()
    focus(qtbot, page.text)
    page.text.moveCursor(page.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.text, " more")
    assert "saved" not in window.saved_label.text().lower()
    qtbot.waitUntil(lambda: "All changes saved" in window.saved_label.text(), timeout=5000)
    found = on_disk(demo_file, lambda d: findings.list_findings(d)[0].text)
    assert found.endswith("more")


@pytest.mark.parametrize("name", ["scope-title", "documents-notes", "kpis-description"])
def test_the_status_bar_does_not_say_saved_while_a_field_holds_typed_text(
    window, qtbot, demo_file, name
):
    case = CASES[name]
    page = go(window, qtbot, case.page)
    assert "All changes saved" in window.saved_label.text()
    wanted = case.edit(page, qtbot)
    assert "saved" not in window.saved_label.text().lower()
    leave(window, qtbot, "page", None)
    assert "All changes saved" in window.saved_label.text()
    assert on_disk(demo_file, case.read) == wanted


#: The text fields that save after a pause in typing, the user still in them.
SAVED_AT_A_PAUSE = [
    "checklist-narrative",
    "checklist-evidence",
    "findings-text",
    "findings-action",
    "kpis-description",
    "kpis-target",
    "kpis-baseline-value",
]


@pytest.mark.parametrize("name", SAVED_AT_A_PAUSE)
def test_a_text_field_saves_after_a_pause_in_typing(window, qtbot, demo_file, name):
    case = CASES[name]
    page = go(window, qtbot, case.page)
    if case.page == "findings":
        page.table.selectRow(0)
        settle()
    wanted = case.edit(page, qtbot)
    assert QApplication.focusWidget() is not None  # still in the field
    qtbot.waitUntil(lambda: on_disk(demo_file, case.read) == wanted, timeout=5000)
    qtbot.waitUntil(lambda: "All changes saved" in window.saved_label.text(), timeout=5000)


def test_pauses_in_one_kpi_field_are_one_undo_step(window, qtbot, demo_file):
    page = go(window, qtbot, "kpis")
    page.table.selectRow(0)
    settle()
    field = page.sheet.editors["description"]
    read = CASES["kpis-description"].read
    before, steps = on_disk(demo_file, read), window.workspace.undo_stack.count()
    typed = _type_with_pauses(
        qtbot, field, [" One.", " Two."], lambda t: on_disk(demo_file, read) == t
    )
    assert window.workspace.undo_stack.count() == steps + 1
    window.workspace.undo_stack.undo()
    assert on_disk(demo_file, read) == before != typed


def test_typing_in_the_checklist_search_says_nothing_of_saving(window, qtbot, demo_file):
    page = go(window, qtbot, "checklist")
    assert "All changes saved" in window.saved_label.text()
    focus(qtbot, page.search)
    qtbot.keyClicks(page.search, "gift")
    assert "All changes saved" in window.saved_label.text()  # a search saves nothing
    assert "Saving" not in window.saved_label.text()


def test_undo_from_the_menu_while_typing_undoes_the_whole_visit(window, qtbot, demo_file):
    page = go(window, qtbot, "findings")
    page.table.selectRow(0)
    settle()
    finding_id = page._current

    def text_on_disk() -> str:
        return on_disk(demo_file, lambda d: findings.find_finding(d, finding_id).text)

    before = text_on_disk()
    _type_with_pauses(qtbot, page.text, [" Saved at a pause."], lambda t: text_on_disk() == t)
    qtbot.keyClicks(page.text, " Still waiting.")
    window.undo_action.trigger()  # Edit ▸ Undo, the field still focused
    assert text_on_disk() == before
    qtbot.waitUntil(lambda: page.text.toPlainText() == before)
    assert not page.typing.timer.isActive()  # nothing typed is left to save over it
