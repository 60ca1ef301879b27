"""One running program per user: a second start hands its file to the first.

A facilitator double-clicks an ``.idg`` file while IDG Workshop is already
open. A second program would fight the first for the file's lock and for the
settings; instead, ``idg-desktop FILE`` first asks the running program, over a
local socket (a named pipe on Windows, a socket file on Linux and macOS — not a
network), to open FILE itself. The running program opens it in a new window
(``ui/windows.py``) and answers; the second start then exits at once.

With no file, the running program's window is raised rather than a second
start page opened, as most document programs do: starting the program again
usually means "where is my window?" (File ▸ New and Open are in that window).

The server's name is per user and per configuration folder (so a portable
copy with its own ``IDG_CONFIG_DIR``, and every test, is its own program);
``IDG_INSTANCE_NAME`` names it outright. If the running program does not answer
in time (it crashed and left its socket file, or it hangs), the new start goes
on normally and takes the name over. ``--smoke`` and ``--self-test`` neither ask
nor listen: a check run must never open its file in the user's program.

The request is one line of JSON: ``{"open": [absolute paths], "demo": bool,
"present": bool}``; the answer is the line ``ok``.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from idg_desktop.config import config_dir

#: Names the server outright (tests give each their own).
NAME_VARIABLE = "IDG_INSTANCE_NAME"
#: How long a second start waits for the running program's answer.
ANSWER_MS = 5000
#: A request longer than this is not one of ours.
MAX_REQUEST = 256 * 1024

Request = dict[str, Any]


def server_name() -> str:
    """The local socket's name for this user and configuration folder."""
    named = os.environ.get(NAME_VARIABLE)
    if named:
        return named
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    key = f"{user}\n{config_dir().resolve()}".encode()
    return "idg-workshop-" + hashlib.sha256(key).hexdigest()[:16]


def request_for(files: list[str], *, demo: bool = False, present: bool = False) -> Request:
    """What a start asks: its files as absolute paths (the running program has
    another working folder)."""
    return {
        "open": [str(Path(name).resolve()) for name in files],
        "demo": demo,
        "present": present,
    }


def hand_over(request: Request, name: str | None = None, wait_ms: int = ANSWER_MS) -> bool:
    """Ask the running program to do ``request``; True once it has said it will.

    False at once if no program listens (nothing there, a socket file left by a
    crash), or after ``wait_ms`` if it does not answer."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(wait_ms):
        return False
    deadline = time.monotonic() + wait_ms / 1000
    socket.write(json.dumps(request).encode("utf-8") + b"\n")
    socket.flush()
    answer = b""
    while True:
        answer += socket.readAll().data()  # the answer may be in before the wait
        if b"\n" in answer:
            break
        left = int((deadline - time.monotonic()) * 1000)
        if left <= 0 or not socket.waitForReadyRead(left):
            answer += socket.readAll().data()
            if b"\n" in answer:
                break
            socket.abort()
            return False
    socket.abort()
    return answer.split(b"\n", 1)[0].strip() == b"ok"


def _valid(request: object) -> bool:
    return (
        isinstance(request, dict)
        and isinstance(request.get("open", []), list)
        and all(isinstance(name, str) for name in request.get("open", []))
    )


class InstanceServer(QObject):
    """Listens for later starts and hands each request to ``handle`` (in the
    window's thread, after the answer has gone)."""

    def __init__(
        self,
        handle: Callable[[Request], object],
        name: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._handle = handle
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._read: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Take the name; one left by a program that no longer answers is removed."""
        if self._server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._read[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._receive(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _drop(self, socket: QLocalSocket) -> None:
        self._read.pop(socket, None)
        socket.deleteLater()

    def _receive(self, socket: QLocalSocket) -> None:
        data = self._read.get(socket, b"") + socket.readAll().data()
        self._read[socket] = data
        if b"\n" not in data:
            if len(data) > MAX_REQUEST:
                socket.abort()
            return
        try:
            request = json.loads(data.split(b"\n", 1)[0])
        except ValueError:
            request = None
        if not _valid(request):
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        QTimer.singleShot(0, lambda: self._handle(request))  # opening may ask questions
