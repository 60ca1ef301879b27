"""A sentence that warns, in the window's warning style (the style sheet's
``QLabel#warning``): wrapped, and hidden until there is something to say."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from idg_desktop.ui.widgets.labelled import wrapping_label


def warning_note(text: str = "", *, shown: bool = False) -> QLabel:
    """A wrapped warning label holding ``text``, visible only if ``shown``."""
    label = wrapping_label("warning", text)
    label.setVisible(shown)
    return label
