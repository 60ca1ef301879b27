"""An unexpected error in the window (issue 14): the text being typed is saved
before the dialog shows, the report is in the log and holds no record text, and
the program goes on. The handler is installed for the test only and the
previous ``sys.excepthook`` (pytest-qt's, which fails a test on any error in a
slot) is put back afterwards."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid
from test_nothing_lost import CASES, go, on_disk, settle

from idg_desktop.config import data_dir
from idg_desktop.ui.crash import CrashDialog, CrashHandler, crash_report
from idg_desktop.ui.main_window import MainWindow

SECRET = "Officer Dupont took 200 euros at gate 4"


class Boom(RuntimeError):
    pass


@pytest.fixture
def handler():
    before = sys.excepthook
    crash = CrashHandler().install()
    yield crash
    crash.uninstall()
    if crash.dialog is not None and isValid(crash.dialog):
        crash.dialog.close()
    assert sys.excepthook is before  # pytest-qt's hook is back


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


def raise_in_a_slot(message: str = SECRET) -> None:
    """An error raised by a slot the event loop calls, as a bug in the window would."""

    def slot() -> None:
        raise Boom(f"could not place {message}")

    QTimer.singleShot(0, slot)


def raise_elsewhere() -> None:
    def another_slot() -> None:
        raise Boom(SECRET)

    QTimer.singleShot(0, another_slot)


TYPED_FIELDS = [
    "checklist-narrative",  # saved after a pause in typing (TypingSaver)
    "findings-text",
    "scope-title",  # a line: saved when it is left
    "participants-name",  # a table cell's editor
    "plan-description",
    "kpis-description",
]


@pytest.mark.parametrize("name", TYPED_FIELDS)
def test_text_being_typed_is_saved_before_the_dialog(window, qtbot, demo_file, handler, name):
    case = CASES[name]
    page = go(window, qtbot, case.page)
    if case.page == "findings":
        page.table.selectRow(0)
        settle()
    wanted = case.edit(page, qtbot)
    assert on_disk(demo_file, case.read) != wanted  # still being typed, not saved yet
    field = QApplication.focusWidget()
    raise_in_a_slot()
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    assert on_disk(demo_file, case.read) == wanted  # saved before the dialog showed
    assert window.workspace is not None and window.isVisible()  # the program goes on
    handler.dialog.close()
    if isValid(field) and field.isVisible():  # a table's cell editor is gone once saved
        qtbot.waitUntil(lambda: window.focusWidget() is field)  # back there, to type on


def test_the_report_is_logged_and_holds_no_record_text(window, qtbot, handler):
    raise_in_a_slot()
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    dialog = handler.dialog
    report = dialog.report.toPlainText()
    assert "test_crash_dialog.Boom (" in report and ", in slot\n" in report  # type, frames
    assert "PySide6: " in report and "Python: " in report and "Qt: " in report
    assert "Dupont" not in report  # the exception's message is left out
    log = data_dir() / "idg-errors.log"
    assert handler.log == str(log)
    logged = log.read_text(encoding="utf-8")
    assert "Boom" in logged and "Dupont" not in logged
    assert str(log) in dialog.message.text()
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == report
    # a second error while the dialog is open goes below the first, in the same dialog;
    # the same error at the same place again is said once (a paint failing each time)
    raise_in_a_slot("Madame X")
    qtbot.waitUntil(lambda: handler.errors == 2)
    assert dialog.report.toPlainText().count("Boom (") == 1
    raise_elsewhere()
    qtbot.waitUntil(lambda: dialog.report.toPlainText().count("Boom (") == 2)
    assert handler.dialog is dialog and "Madame X" not in dialog.report.toPlainText()
    assert log.read_text(encoding="utf-8").count("Boom (") == 2


def test_the_report_follows_the_chain_without_messages():
    try:
        try:
            {}[SECRET]
        except KeyError as error:
            raise ValueError(f"no answer for {error}") from error
    except ValueError as error:
        report = crash_report(type(error), error, error.__traceback__)
    assert "KeyError" in report and "ValueError" in report and "which led to:" in report
    assert report.index("KeyError") < report.index("ValueError (")
    assert "Dupont" not in report and "{}[SECRET]" in report  # the program's line, no values


def test_the_log_is_set_aside_when_it_grows(monkeypatch):
    from idg_desktop import errors

    monkeypatch.setattr(errors, "ERROR_LOG_LIMIT", 100)
    for number in range(5):
        errors.write_log(f"report {number} " + "x" * 60)
    log = data_dir() / "idg-errors.log"
    old = data_dir() / "idg-errors.log.1"
    assert "report 4" in log.read_text(encoding="utf-8")
    assert "report 3" in old.read_text(encoding="utf-8")
    assert log.stat().st_size < 300 and old.stat().st_size < 300
    assert sorted(p.name for p in data_dir().iterdir()) == ["idg-errors.log", "idg-errors.log.1"]


def test_a_crash_dialog_without_saving_says_so(qtbot):
    dialog = CrashDialog("report", None, saved=False)
    qtbot.addWidget(dialog)
    assert "could not be saved" in dialog.message.text()
    assert "could not be written" in dialog.message.text()


def test_an_error_in_another_thread_is_shown_in_the_windows_thread(qtbot, handler):
    import threading

    def worker() -> None:
        try:
            raise Boom(SECRET)
        except Boom as error:
            handler.hook(Boom, error, error.__traceback__)  # as PySide6 does in a QThread

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(10)
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    assert "in worker" in handler.dialog.report.toPlainText()
