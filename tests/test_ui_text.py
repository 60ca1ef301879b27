"""Messages filled in through one helper, ``fmt(self.tr("… %1 …"), value)``,
in one pass as Qt's QString.arg does, instead of chains of .replace("%1", …)."""

from __future__ import annotations

import re
from pathlib import Path

from idg_desktop.ui.text import fmt

UI = Path(__file__).resolve().parents[1] / "idg_desktop" / "ui"


def test_markers_are_filled_in_one_pass():
    # A chain of replaces would turn the file name's own "%2" into the count.
    assert fmt("Import %1: %2 answers", "survey %2.xlsx", 12) == "Import survey %2.xlsx: 12 answers"


def test_a_translation_may_put_the_markers_in_any_order():
    assert fmt("%2 — %1", "first", "second") == "second — first"
    assert fmt("%1, %1 and %2", "a", "b") == "a, a and b"


def test_markers_beyond_the_values_wait_for_a_later_call():
    assert fmt("%1 of %2, %3", "one") == "one of %2, %3"
    assert fmt("100% sure, %1", "yes") == "100% sure, yes"


def test_the_window_fills_messages_through_fmt_only():
    chains = {
        str(path.relative_to(UI)): len(found)
        for path in sorted(UI.rglob("*.py"))
        if (found := re.findall(r"\.replace\(\s*[\"']%\d", path.read_text(encoding="utf-8")))
    }
    assert chains == {}
