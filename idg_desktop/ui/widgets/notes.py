"""A sentence that warns, in the window's warning style (the style sheet's
``QLabel#warning``): wrapped, and hidden until there is something to say."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def warning_note(text: str = "", *, shown: bool = False) -> QLabel:
    """A wrapped warning label holding ``text``, visible only if ``shown``."""
    label = QLabel(text)
    label.setObjectName("warning")
    label.setWordWrap(True)
    label.setVisible(shown)
    return label
