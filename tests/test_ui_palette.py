"""One palette: the house navy and every other colour of the window live in
idg_desktop/ui/palette.py (the ratings' in domain/colours.py); no other module
under ui/ writes a colour literal."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[1] / "idg_desktop" / "ui"
HEX = re.compile(r"#[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?\b|#[0-9a-fA-F]{3}\b")
RGB = re.compile(r"\bQColor\(\s*\d+\s*,")


def colour_literals(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    found = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.STRING:
            found += [f"{token.start[0]}: {m}" for m in HEX.findall(token.string)]
    found += [f"{text[: m.start()].count(chr(10)) + 1}: {m.group()}" for m in RGB.finditer(text)]
    return found


def test_no_colour_literal_outside_the_palette():
    offenders = {
        str(path.relative_to(UI)): found
        for path in sorted(UI.rglob("*.py"))
        if path.name != "palette.py" and (found := colour_literals(path))
    }
    assert offenders == {}


def test_the_scan_sees_a_colour_literal(tmp_path):
    sample = tmp_path / "page.py"
    sample.write_text('INK = QColor("#1f3b57")\nDROP = QColor(31, 59, 87, 40)\n', encoding="utf-8")
    assert colour_literals(sample) == ["1: #1f3b57", "2: QColor(31,"]


def test_style_sheets_name_the_palette_colours():
    from idg_desktop.ui import palette

    assert palette.style("QLabel { color: $navy; border: 1px solid $blue; }") == (
        f"QLabel {{ color: {palette.NAVY}; border: 1px solid {palette.BLUE}; }}"
    )
    assert palette.NAVY == "#1f3b57"
    with pytest.raises(KeyError):
        palette.style("QLabel { color: $no_such_colour; }")


def test_the_window_style_sheet_is_fully_filled_in():
    from idg_desktop.ui import palette
    from idg_desktop.ui.pages import group_board, kpi_sheet
    from idg_desktop.ui.window_look import stylesheet

    for sheet in (stylesheet(10.0), group_board.STYLE, kpi_sheet.STYLE):
        assert "$" not in sheet and "{palette" not in sheet
        assert "#1f3b57" in sheet  # the house navy
    # in high contrast: black, white and yellow only
    palette.set_high_contrast(True)
    try:
        for sheet in (
            stylesheet(10.0),
            palette.style(group_board.STYLE_TEMPLATE),
            palette.style(kpi_sheet.STYLE_TEMPLATE),
        ):
            assert set(HEX.findall(sheet)) <= {
                palette.HC_BACK,
                palette.HC_TEXT,
                palette.HC_FOCUS,
                palette.HC_DISABLED,
            }, sheet
    finally:
        palette.set_high_contrast(False)
