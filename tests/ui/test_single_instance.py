"""One running program per user (issue 14): a later ``idg-desktop FILE`` hands
FILE to the running program, which opens it in a new window with its own lock;
a socket left by a crashed program does not stop a start; macOS's file-open
event opens a file the same way.

Every test names its own server (``IDG_INSTANCE_NAME``): the tests run in
parallel for the same user, and must never reach a real running program."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from idg_desktop.ui.main_window import MainWindow
from idg_desktop.ui.single_instance import (
    NAME_VARIABLE,
    InstanceServer,
    hand_over,
    request_for,
    server_name,
)
from idg_desktop.ui.windows import FileOpenEvents, Running, Windows


@pytest.fixture
def name(monkeypatch) -> str:
    unique = f"idg-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv(NAME_VARIABLE, unique)
    return unique


@pytest.fixture
def second_file(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "second.idg"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def first(qtbot, demo_file: Path):
    """The running program's window, the demo open in it."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(demo_file)
    yield window
    window.close_assessment()


@pytest.fixture
def windows(first):
    keeper = Windows(first)
    yield keeper
    for window in keeper.shown():
        if window is not first:
            window.close()


def ask_in_background(name: str, request: dict) -> list[bytes]:
    """Send ``request`` to the server as a later start would, from a thread with
    a plain socket (Qt's blocking socket calls would hold the interpreter and the
    server, in this same process, could not answer); the answer lands in the list."""
    import json

    answer: list[bytes] = []

    def ask() -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(10)
            client.connect(str(Path(QDir.tempPath()) / name))
            client.sendall(json.dumps(request).encode() + b"\n")
            answer.append(client.recv(100))

    threading.Thread(target=ask, daemon=True).start()
    return answer


def window_with(windows: Windows, path: Path) -> MainWindow | None:
    return next(
        (w for w in windows.shown() if w.workspace is not None and w.workspace.path == path), None
    )


def test_a_second_start_hands_its_file_to_the_running_program(
    qtbot, name, first, windows, second_file, demo_file
):
    server = InstanceServer(windows.handle)
    assert server.name == name and server.listen()
    script = Path(sys.executable).with_name("idg-desktop")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.monotonic()
    # a relative name, as a double-click or a terminal in the file's folder gives
    second = subprocess.Popen(
        [str(script), second_file.name],
        cwd=second_file.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=90000)
    finally:
        if second.poll() is None:
            second.kill()
    _out, err = second.communicate()  # exited: it handed FILE over (else it would still run)
    assert second.returncode == 0, err.decode()
    qtbot.waitUntil(lambda: window_with(windows, second_file) is not None)
    opened = window_with(windows, second_file)
    assert opened is not first and first.workspace.path == demo_file  # a NEW window
    assert opened.isVisible() and len(windows.shown()) == 2
    print(f"handed over in {time.monotonic() - started:.1f} s")
    # the same file again: its window is brought forward, never opened twice
    windows.handle(request_for([str(second_file)]))
    assert len(windows.shown()) == 2
    server.close()


def test_a_socket_left_by_a_crashed_program_does_not_stop_a_start(qtbot, name, second_file):
    path = Path(QDir.tempPath()) / name
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(str(path))  # a crashed program's socket file: there, but nobody listens
    left.close()
    assert path.exists()
    started = time.monotonic()
    assert not hand_over(request_for([str(second_file)]))
    assert time.monotonic() - started < 2  # refused at once, no waiting
    handled = []
    server = InstanceServer(handled.append)
    assert server.listen()  # the name taken over
    answer = ask_in_background(name, request_for([]))
    qtbot.waitUntil(lambda: bool(handled and answer), timeout=10000)
    assert answer == [b"ok\n"] and handled == [{"open": [], "demo": False, "present": False}]
    server.close()


def test_a_program_that_does_not_answer_is_taken_over(qtbot, name):
    path = Path(QDir.tempPath()) / name
    hung = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    hung.bind(str(path))
    hung.listen(1)  # accepts the connection, never answers
    try:
        started = time.monotonic()
        assert not hand_over(request_for([]), wait_ms=500)
        assert 0.4 < time.monotonic() - started < 5
        server = InstanceServer(lambda _request: None)
        assert server.listen()
        server.close()
    finally:
        hung.close()


def test_a_start_next_to_a_stale_socket_opens_its_file_and_listens(
    qtbot, name, second_file, monkeypatch
):
    """``idg-desktop FILE`` as a whole (in this process): a socket file left by a
    crash is no obstacle; the start opens FILE and listens for the next start."""
    from idg_desktop.ui import app

    path = Path(QDir.tempPath()) / name
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(str(path))
    left.close()
    seen = {}

    def run(_app):
        main = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        qtbot.waitUntil(lambda: main.workspace is not None)
        seen["file"] = main.workspace.path
        answer = ask_in_background(name, request_for([]))
        qtbot.waitUntil(lambda: bool(answer), timeout=10000)
        seen["answered"] = answer[0] == b"ok\n"
        seen["hook"] = sys.excepthook
        main.close()
        return 0

    qapp = QApplication.instance()
    style, names = qapp.style().name(), (qapp.applicationName(), qapp.organizationName())
    hook = sys.excepthook
    monkeypatch.setattr(type(qapp), "exec", run)
    try:
        assert app.main([str(second_file)]) == 0
    finally:  # main() sets the style and names of the one application the tests share
        qapp.setStyle(style)
        qapp.setApplicationName(names[0])
        qapp.setOrganizationName(names[1])
    assert seen["file"] == second_file and seen["answered"] is True
    assert seen["hook"] != hook and sys.excepthook is hook  # the crash dialog's, then put back


def test_the_file_open_event_opens_the_file_in_a_new_window(qtbot, first, windows, second_file):
    app = QApplication.instance()
    events = FileOpenEvents(windows, app)
    try:
        QApplication.postEvent(app, QFileOpenEvent(str(second_file)))
        qtbot.waitUntil(lambda: window_with(windows, second_file) is not None)
        assert window_with(windows, second_file) is not first
    finally:
        app.removeEventFilter(events)


def test_a_window_on_the_start_page_takes_the_file_itself(qtbot, second_file):
    empty = MainWindow()
    qtbot.addWidget(empty)
    empty.show()
    qtbot.waitExposed(empty)
    keeper = Windows(empty)
    app = QApplication.instance()
    events = FileOpenEvents(keeper, app)
    try:
        QApplication.postEvent(app, QFileOpenEvent(str(second_file)))
        qtbot.waitUntil(lambda: empty.workspace is not None)
        assert empty.workspace.path == second_file and keeper.shown() == [empty]
    finally:
        app.removeEventFilter(events)
        empty.close_assessment()


def test_a_file_that_cannot_be_opened_leaves_no_empty_window(
    qtbot, first, windows, tmp_path, monkeypatch
):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[2]))
    broken = tmp_path / "broken.idg"
    broken.write_bytes(b"not an assessment")
    windows.handle(request_for([str(broken)]))
    qtbot.waitUntil(lambda: bool(said))
    assert "broken.idg" in said[0]
    assert windows.shown() == [first]


def test_the_name_is_per_user_and_configuration_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(NAME_VARIABLE, raising=False)
    one = server_name()
    monkeypatch.setenv("IDG_CONFIG_DIR", str(tmp_path / "portable"))
    assert server_name() != one and server_name().startswith("idg-workshop-")
    monkeypatch.setenv(NAME_VARIABLE, "named")
    assert server_name() == "named"


def test_the_running_program_is_put_back_as_it_was(qtbot, name, first):
    hook = sys.excepthook
    running = Running(first, QApplication.instance())
    assert running.listening and sys.excepthook != hook
    running.stop()
    assert sys.excepthook is hook
    assert not hand_over(request_for([]), wait_ms=500)  # nobody listens any more


def test_a_start_without_a_file_brings_the_running_window_forward(qtbot, first, windows):
    first.showMinimized()
    qtbot.waitUntil(first.isMinimized)
    windows.handle(request_for([]))
    qtbot.waitUntil(lambda: not first.isMinimized())
    assert windows.shown() == [first]  # no second start page


def test_a_start_with_demo_opens_a_fresh_demo_in_a_new_window(qtbot, first, windows, demo_file):
    windows.handle(request_for([], demo=True))
    shown = windows.shown()
    assert len(shown) == 2 and shown[1].workspace is not None
    assert shown[1].workspace.path != demo_file and first.workspace.path == demo_file


def test_present_for_a_file_already_open_presents_it(qtbot, first, windows, demo_file):
    """``idg-desktop FILE --present`` while FILE is open: its window comes
    forward and presents (the walkthrough saw the window come forward, no slides)."""
    windows.handle(request_for([str(demo_file)], present=True))
    qtbot.waitUntil(lambda: first.presenter.window is not None)
    assert windows.shown() == [first]
    first.presenter.stop()
    qtbot.waitUntil(lambda: first.presenter.window is None)


def test_file_quit_closes_every_window_of_the_program(qtbot, first, windows, second_file):
    """The walkthrough: Ctrl+Q with two windows closed only the one in front."""
    second = windows.open_file(second_file)
    assert second is not None and len(windows.shown()) == 2
    second.quit_action.trigger()
    qtbot.waitUntil(lambda: not first.isVisible() and not second.isVisible())
    assert first.workspace is None  # its file closed, its lock let go


def test_a_double_clicked_package_opens_as_the_groups_working_copy(
    qtbot, demo_file, tmp_path, monkeypatch
):
    """The installers associate .idgpkg with idg-desktop: ``idg-desktop
    x.idgpkg`` (a double-click) opens the group's working copy, as File ▸ Open
    group package does (it was refused as "not an assessment")."""
    from idg_desktop.exchange.packages import export_package
    from idg_desktop.storage.document import AssessmentDocument
    from idg_desktop.ui import passphrase_dialogs

    package = tmp_path / "group-a.idgpkg"
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        export_package(document, "Group A – Leadership, rules and transparency", package, "Veltra")
    monkeypatch.setattr(passphrase_dialogs, "ask_passphrase", lambda *_a: "Veltra")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(package, defer=True)  # as app.main does at start-up
    qtbot.waitUntil(lambda: window.workspace is not None)
    assert window.workspace.path.suffix == ".idg" and window.workspace.path != package
    window.close_assessment()


def test_a_second_window_stays_on_the_screen(qtbot, first, windows, second_file):
    """Moved down and right of the first, but wholly on the screen (the
    walkthrough's second window had its status bar below a 768-line screen)."""
    area = first.screen().availableGeometry()
    first.resize(area.size())
    first.move(area.topLeft())
    second = windows.open_file(second_file)
    assert second is not None
    frame = second.geometry()
    assert area.contains(frame.topLeft()) and area.contains(frame.bottomRight())
