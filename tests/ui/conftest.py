"""Window tests never block on a modal message box: an unexpected one fails
the test with its text (tests that expect one patch it themselves)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def _no_unexpected_message_boxes(monkeypatch: pytest.MonkeyPatch):
    def unexpected(*args, **_kwargs):
        text = next((a for a in args[2:3] if isinstance(a, str)), "")
        raise AssertionError(f"unexpected message box: {text}")

    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: unexpected(None, None, box.text()))
