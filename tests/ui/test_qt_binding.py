"""The Qt binding itself: a guard against a PySide6 release that corrupts
Python's reference counts (6.12.0 on Python 3.11 did: every void Qt call lost
a reference to None and every Signal.emit() one to True, so a workshop day
ended in "Fatal Python error: none_dealloc")."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class _Emitter(QObject):
    ping = Signal(object)


def test_void_calls_and_signals_keep_reference_counts(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    emitter = _Emitter()
    received = []
    emitter.ping.connect(received.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        widget.setEnabled(True)
        emitter.ping.emit(1)
    # Other threads may move the counts a little; a leak moves them by 200.
    assert abs(sys.getrefcount(None) - none_before) < 50
    assert abs(sys.getrefcount(True) - true_before) < 50
    assert len(received) == 200
