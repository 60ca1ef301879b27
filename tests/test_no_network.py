"""IDG Workshop never talks to a network, proved.

The whole workflow — a new assessment, participants, groups, a protected
group package out and back, the merge and its conflict, a fill-in workbook,
every report (the slides too), the workbook exported and imported back, and
the demo in the real main window with every page shown and the presentation
opened — runs in a pytest process of its own (``tests/ui/offline_workflow.py``)
under a Python audit hook (``tests/offline_hook.py``) that refuses and
records any internet socket (IPv4 or IPv6) being connected, bound or sent to,
and any name lookup. A local (``AF_UNIX``) socket is allowed: it is how a
second window hands a file to the running application, not the network.

The same run proves the hook works: a deliberate connection to 127.0.0.1, a
UDP datagram, an IPv6 bind and two name lookups are caught and recorded,
and a local socket is not.

What this cannot see: audit hooks only see Python's own ``socket`` module.
Qt's C++ networking (QtNetwork's sockets, or a Qt plugin opening one) never
passes through them, so an internet socket opened by Qt would go unnoticed
here; the frozen application is checked from outside, with
``strace -f -e trace=network`` over ``idg-desktop --self-test``, for that.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROBE = "tests/ui/offline_workflow.py::test_the_hook_catches_the_network"


def test_the_whole_workflow_uses_no_network(tmp_path):
    log = tmp_path / "network.jsonl"
    env = {
        **os.environ,
        "IDG_NETWORK_LOG": str(log),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")]),
    }
    env.pop("PYTEST_ADDOPTS", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "offline_hook",
            "-p",
            "no:cacheprovider",
            "--basetemp",
            str(tmp_path / "run"),
            "tests/ui/offline_workflow.py",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "3 passed" in done.stdout, done.stdout[-2000:]
    uses = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

    # The hook works: every deliberate use in the probe was caught, and nothing else there.
    caught = [use["what"] for use in uses if use["test"] == PROBE]
    assert [what.split(" ")[0].split("(")[0] for what in caught] == [
        "socket.connect",
        "socket.getaddrinfo",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.bind",
        "socket.sendto",
    ], caught
    assert "AF_INET ('127.0.0.1', 9)" in caught[0]
    assert "AF_INET6" in caught[4]
    assert not any("AF_UNIX" in what for what in caught)

    # The application itself: not one use of the network anywhere in the workflow.
    assert [use for use in uses if use["test"] != PROBE] == []
