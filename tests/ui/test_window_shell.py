"""The window's shell made of small parts (issue 12): one worker helper for
every thread the window starts, the Reports page reading the report
catalogue of ``reports/kinds.py``, the reusable widgets together under
``ui/widgets/``, and the shell's modules small and free of import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from idg_desktop.reports.kinds import REPORTS

UI = Path(__file__).resolve().parents[2] / "idg_desktop" / "ui"


def _imports(path: Path) -> set[str]:
    """Every module and name imported by ``path`` (``from a import b`` gives a and a.b)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_worker_hands_back_a_result_and_an_error(qtbot):
    from idg_desktop.ui.tasks import start_in_background

    results: list[object] = []
    errors: list[BaseException] = []
    kept = start_in_background(lambda: 6 * 7, results.append, errors.append)
    qtbot.waitUntil(lambda: results == [42])
    failing = start_in_background(lambda: 1 / 0, results.append, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], ZeroDivisionError)
    assert results == [42]
    del kept, failing


def test_only_the_worker_helper_starts_threads():
    starters = {"PySide6.QtCore.QRunnable", "PySide6.QtCore.QThreadPool", "PySide6.QtCore.QThread"}
    starters |= {"threading", "concurrent.futures"}
    users = sorted(
        str(path.relative_to(UI))
        for path in UI.rglob("*.py")
        if path.name != "tasks.py" and _imports(path) & starters
    )
    assert users == []


def test_the_reports_page_offers_the_catalogue_of_reports_kinds(qtbot, workspace):
    from idg_desktop.ui.pages.reports_page import ReportsPage

    page = ReportsPage(workspace)
    qtbot.addWidget(page)
    assert list(page.radios) == [*REPORTS, "workbook"]
    assert [page.kinds.id(page.radios[k]) for k in page.radios] == list(range(len(REPORTS) + 1))
    page.choose("kpis")
    assert page.kind() == "kpis"
    # read from reports/kinds.py, not a catalogue of the page's own
    reports_modules = [UI / "pages" / "reports_page.py", *(UI / "pages").glob("report_*.py")]
    assert any("idg_desktop.reports.kinds.REPORTS" in _imports(p) for p in reports_modules)


def test_the_reusable_widgets_are_together():
    from idg_desktop.ui.widgets.heatmap import IntegrityHeatMap
    from idg_desktop.ui.widgets.priority_matrix import PriorityMatrix

    assert IntegrityHeatMap.__module__.startswith("idg_desktop.ui.widgets.")
    assert PriorityMatrix.__module__.startswith("idg_desktop.ui.widgets.")
    assert not (UI / "heatmap.py").exists()
    pages = {p.name: p.read_text(encoding="utf-8") for p in (UI / "pages").glob("*.py")}
    assert [name for name, text in pages.items() if "class PriorityMatrix(" in text] == []


def test_the_ok_cancel_row_accepts_and_rejects(qtbot):
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from idg_desktop.ui.widgets.button_row import ok_button, ok_cancel_row

    dialog = QDialog()
    qtbot.addWidget(dialog)
    row = ok_cancel_row(dialog, ok_text="&Create")
    assert ok_button(row).text() == "&Create"
    ok_button(row).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.setResult(-1)
    row.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    called: list[bool] = []
    other = ok_cancel_row(dialog, on_ok=lambda: called.append(True))
    dialog.setResult(-1)
    ok_button(other).click()
    assert called == [True] and dialog.result() == -1  # OK did what it was given, not accept


def test_the_record_table_is_set_up_alike(qtbot):
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView

    from idg_desktop.ui.widgets.record_table import RecordTable

    model = QStandardItemModel(2, 3)
    table = RecordTable(model, stretch=(1,))
    qtbot.addWidget(table)
    header = table.horizontalHeader()
    assert table.verticalHeader().isHidden()
    assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert table.wordWrap()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Stretch


def test_the_package_flows_do_not_import_the_window():
    """ui/main_window.py imports the flows; they get what they need passed in."""
    for name in ("exchange_flows.py", "working_copy_flows.py", "exchange_prompts.py"):
        imported = _imports(UI / name)  # TYPE_CHECKING imports included
        assert not any(m.startswith("idg_desktop.ui.main_window") for m in imported), name


@pytest.mark.parametrize(
    "module",
    [
        "main_window.py",
        "exchange_flows.py",
        "pages/reports_page.py",
        "pages/matrix_page.py",
        "pages/groups_page.py",
        "models/groups_model.py",
    ],
)
def test_the_shell_modules_are_small(module):
    lines = (UI / module).read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"ui/{module} has {lines} lines"


def test_an_action_button_and_a_warning_note(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from idg_desktop.ui.widgets.button_row import action_button
    from idg_desktop.ui.widgets.notes import warning_note

    host = QWidget()
    qtbot.addWidget(host)
    row = QHBoxLayout(host)
    clicks: list[bool] = []
    button = action_button(row, "&Add", lambda: clicks.append(True), "Add one")
    button.click()
    assert clicks == [True] and button.toolTip() == "Add one" and row.indexOf(button) == 0
    note = warning_note("Careful")
    qtbot.addWidget(note)
    assert note.objectName() == "warning" and note.wordWrap() and note.isHidden()
    assert not warning_note(shown=True).isHidden()
