"""The whole workflow, run by ``tests/test_no_network.py`` under an audit hook
that refuses and records any use of the network (``tests/offline_hook.py``).

Not collected by the ordinary run (the name does not start with ``test_``):
the hook can only be installed in a process of its own. Each test here also
passes or fails on its own, so a workflow that breaks is seen as broken, not
as "no network used".
"""

from __future__ import annotations

import json
import socket
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from idg_desktop.reports.kinds import REPORTS

pytestmark = pytest.mark.usefixtures("fast_scrypt")


def ok(result) -> str:
    assert result.code == 0, result.err
    return result.out


def test_the_hook_catches_the_network():
    """The harness proves itself: each of these is refused and recorded
    (``test_no_network.py`` checks the record); a local socket passes."""
    from offline_hook import NetworkRefused

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as four, pytest.raises(NetworkRefused):
        four.connect(("127.0.0.1", 9))
    with pytest.raises(NetworkRefused):  # its name lookup comes first, and is caught
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(NetworkRefused):
        socket.getaddrinfo("localhost", 80)
    with pytest.raises(NetworkRefused):
        socket.gethostbyname("localhost")
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as six, pytest.raises(NetworkRefused):
        six.bind(("::1", 0))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp, pytest.raises(NetworkRefused):
        udp.sendto(b"x", ("127.0.0.1", 9))
    # A local socket between two windows of the application is not the network.
    with tempfile.TemporaryDirectory() as folder:  # short: a socket's path is limited
        name = str(Path(folder) / "idg.sock")
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
            server.bind(name)
            server.listen(1)
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                client.connect(name)


def test_the_whole_workflow_through_the_command_line(idg, tmp_path, monkeypatch):
    """New assessment, participants, groups, packages out and back (one
    protected), a fill-in workbook, the merge and its conflict, every report,
    the workbook out and back in, the JSON export."""
    monkeypatch.setenv("IDG_PASS", "offline-plenary")
    master = tmp_path / "master.idg"
    ok(idg("new", master, "--title", "Offline", "--administration", "Test Customs"))
    for name in ("Ana Lopez", "Bo Chen", "Chidi Okafor", "Dana Novak"):
        ok(idg("participant", "add", master, "--name", name))
    ok(
        idg(
            "group", "add", master, "North", "--sections", "LC,RF", "--members", "Ana Lopez;Bo Chen"
        )
    )
    ok(idg("group", "add", master, "South", "--sections", "HR", "--members", "Chidi Okafor"))
    ok(idg("finding", "add", master, "--section", "LC", "--kind", "weakness", "--text", "No code."))

    # Group North: a protected package, worked on its own laptop, returned.
    package, work, back = tmp_path / "n.idgpkg", tmp_path / "n.idg", tmp_path / "n-back.idgpkg"
    protected = ("--passphrase-env", "IDG_PASS")
    ok(idg("package", "export", master, "--group", "North", "-o", package, *protected))
    ok(idg("package", "open", package, work, *protected))
    ok(idg("answer", work, "LC-1", "--text", "Signed by the DG.", "--rating", "effective"))
    ok(idg("answer", work, "LC-2", "--text", "Group's view.", "--rating", "effective"))
    ok(idg("package", "return", work, "-o", back, *protected))
    # Meanwhile the facilitator changes LC-2 in the master: a conflict.
    ok(idg("answer", master, "LC-2", "--text", "Master's view.", "--rating", "not-effective"))
    assert idg("package", "import", master, back, *protected).code == 3  # merged, a conflict
    conflict = json.loads(ok(idg("conflicts", master, "--json")))[0]
    ok(idg("conflict", "resolve", master, conflict["id"], "--take", "master"))

    # Group South on paper: the fill-in workbook, out and back.
    fill_in = tmp_path / "south.xlsx"
    ok(idg("template", "export", master, "--group", "South", "-o", fill_in))
    ok(idg("template", "import", master, fill_in))

    for report in REPORTS:
        extra = ("--group", "North") if report == "worksheets" else ()
        target = tmp_path / f"{report}.pdf"
        ok(idg("export", "pdf", master, "--report", report, *extra, "-o", target))
        assert target.read_bytes().startswith(b"%PDF")
    workbook, rebuilt = tmp_path / "master.xlsx", tmp_path / "rebuilt.idg"
    ok(idg("export", "xlsx", master, "-o", workbook))
    ok(idg("import", "workbook", workbook, rebuilt))
    before = json.loads(ok(idg("export", "json", master)))
    assert json.loads(ok(idg("export", "json", rebuilt)))["answers"] == before["answers"]
    assert {a["question"] for a in before["answers"]} >= {"LC-1", "LC-2"}
    ok(idg("info", master))
    ok(idg("package", "export-all", master, "-o", tmp_path / "all"))


def test_the_window_every_page_and_the_presentation(qtbot, demo_file: Path):
    """The demo in the real main window: every page shown, then the presentation."""
    from PySide6.QtCore import Qt

    from idg_desktop.ui.main_window import PAGES, MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    assert main.open_path(demo_file)
    for key, _module, _class in PAGES:
        main.show_page(key)
        qtbot.waitUntil(lambda k=key: main.view.current_key() == k)
        for _ in range(3):
            QApplication.sendPostedEvents()
            QApplication.processEvents()
    qtbot.keyClick(main, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: main.presenter.window is not None)
    window = main.presenter.window
    qtbot.waitExposed(window)
    for _ in window.slides:
        qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: main.presenter.window is None)
    main.close_assessment()
