"""A pytest plugin that refuses and records every use of the network.

Loaded only by ``tests/test_no_network.py``, in a pytest run of its own (a
subprocess), with ``-p offline_hook``: an audit hook (``sys.addaudithook``)
cannot be removed once installed, so it must never be installed in the main
test process. The hook is installed when the plugin is imported, before the
application is.

What counts as the network: an internet socket (``AF_INET``/``AF_INET6``)
being connected, bound or sent to, and any name lookup. A local ``AF_UNIX``
socket (one window of the application handing a file to another) is not the
network and passes. Each use is written, with the test that made it, as one
JSON line to the file named by ``IDG_NETWORK_LOG``, and then refused with an
exception, so nothing ever leaves the machine even if the application caught
the exception and carried on.

Only Python's own socket calls pass through audit hooks: Qt's C++ networking
(QtNetwork: a QTcpSocket, or a QLocalSocket for the single-instance hand-over)
never does, whatever it connects to. That is why the frozen application is
also checked from outside, with ``strace -f -e trace=network``.
"""

from __future__ import annotations

import json
import os
import socket
import sys

import pytest

INTERNET = (socket.AF_INET, socket.AF_INET6)
#: Events carrying a socket (first argument) and an address.
SOCKET_EVENTS = frozenset({"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"})
#: Name lookups: each one could send a DNS query.
LOOKUP_EVENTS = frozenset(
    {
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
    }
)

_LOG = os.environ.get("IDG_NETWORK_LOG", "")
_state = {"test": "(collection)", "busy": False}


class NetworkRefused(OSError):
    """Raised by the hook: the offline test allows no network at all."""


def _describe(event: str, args: tuple) -> str | None:
    """What the event does to the network, or None when it is not the network."""
    if event in LOOKUP_EVENTS:
        return f"{event}{args!r}"
    if event in SOCKET_EVENTS:
        sock = args[0]
        family = getattr(sock, "family", None)
        if family in INTERNET:
            return f"{event} {socket.AddressFamily(family).name} {args[-1]!r}"
    return None


def _hook(event: str, args: tuple) -> None:
    if not event.startswith("socket.") or _state["busy"]:
        return
    what = _describe(event, args)
    if what is None:
        return
    _state["busy"] = True  # writing the log raises audit events of its own
    try:
        if _LOG:
            with open(_LOG, "a", encoding="utf-8") as log:
                line = {"test": _state["test"], "event": event, "what": what}
                log.write(json.dumps(line) + "\n")
    finally:
        _state["busy"] = False
    raise NetworkRefused(f"network use refused by the offline test: {what}")


sys.addaudithook(_hook)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _state["test"] = item.nodeid
    yield
    _state["test"] = "(between tests)"
