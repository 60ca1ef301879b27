"""The integrity heat map: the score that colours it, clicks and keys that leave it, a picture."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip

from idg_desktop.domain import colours as palette
from idg_desktop.services.profile import ProfileCell, integrity_profile
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.widgets.heatmap import IntegrityHeatMap


def cell(**counts: int) -> ProfileCell:
    ratings = Counter({name.replace("_", "-"): n for name, n in counts.items()})
    return ProfileCell("XX", "I", "Made by hand", sum(ratings.values()), ratings)


@pytest.fixture
def demo_cells(demo_file: Path) -> list[ProfileCell]:
    document = AssessmentDocument.open(demo_file, read_only=True)
    try:
        return integrity_profile(document)
    finally:
        document.close()


@pytest.fixture
def heatmap(qtbot, demo_cells) -> IntegrityHeatMap:
    widget = IntegrityHeatMap()
    qtbot.addWidget(widget)
    widget.set_cells(demo_cells)
    widget.resize(1600, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_score_is_the_mean_ladder_position_of_the_rated_questions():
    assert palette.score(cell(effective=3)) == 4.0
    assert palette.score(cell(absent=1, effective=1)) == 2.0
    assert palette.score(cell(not_applied=1, partially_effective=2)) == pytest.approx(7 / 3)
    assert palette.score(cell(not_assessed=5)) is None
    assert palette.score(cell()) is None
    assert palette.score(cell(not_applicable=2, not_assessed=1)) is None
    assert palette.score(cell(not_applicable=4, absent=1, not_effective=1)) == 1.0


def test_every_rating_has_a_colour_and_legible_text():
    for rating in palette.RATING_COLOURS:
        assert palette.RATING_COLOURS[rating].startswith("#")
        assert palette.rating_text_colour(rating) in (palette.DARK_TEXT, palette.LIGHT_TEXT)
    assert palette.score_colour(0) == palette.RATING_COLOURS["absent"]
    assert palette.score_colour(4) == palette.RATING_COLOURS["effective"]
    assert palette.score_colour(2.5) == palette.RATING_COLOURS["partially-effective"]
    assert palette.score_colour(2.4) == palette.RATING_COLOURS["not-effective"]


def test_clicking_a_cell_emits_its_section_and_subarea(heatmap, qtbot):
    for section, subarea in (("LC", "II"), ("HR", "V"), ("TR", ""), ("GE", "")):
        rect = heatmap.cell_rect(section, subarea)
        assert rect.isValid(), (section, subarea)
        assert heatmap.cell_at(rect.center()) == (section, subarea)
        with qtbot.waitSignal(heatmap.cellActivated, timeout=1000) as blocker:
            qtbot.mouseClick(heatmap, Qt.MouseButton.LeftButton, pos=rect.center())
        assert blocker.args == [section, subarea]
    assert heatmap.cell_rect("GE", "I").isNull()  # CT, MS, GE have no sub-area columns


def test_the_keyboard_reaches_and_activates_cells(heatmap, qtbot):
    heatmap.setFocus()
    qtbot.waitUntil(heatmap.hasFocus)
    with qtbot.waitSignal(heatmap.cellActivated, timeout=1000) as blocker:
        qtbot.keyClick(heatmap, Qt.Key.Key_Return)
    assert blocker.args == ["LC", ""]
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Left):
        qtbot.keyClick(heatmap, key)
    with qtbot.waitSignal(heatmap.cellActivated, timeout=1000) as blocker:
        qtbot.keyClick(heatmap, Qt.Key.Key_Space)
    assert blocker.args == ["RF", "I"]
    qtbot.keyClick(heatmap, Qt.Key.Key_End)  # LC..RF have 5 and 4 sub-areas
    with qtbot.waitSignal(heatmap.cellActivated, timeout=1000) as blocker:
        qtbot.keyClick(heatmap, Qt.Key.Key_Enter)
    assert blocker.args == ["RF", "IV"]


def test_layout_fits_and_follows_the_font(heatmap, demo_cells):
    hint = heatmap.sizeHint()
    assert hint.width() <= 1600 and hint.height() <= 900
    grid = [heatmap.cell_rect(c.section, c.subarea) for c in demo_cells]
    assert all(heatmap.rect().contains(r) for r in grid)
    smallest = heatmap.minimumSizeHint()
    font = heatmap.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    heatmap.setFont(font)  # what Ctrl + in the window amounts to
    assert heatmap.sizeHint().width() > hint.width() * 1.3
    assert heatmap.minimumSizeHint().width() > smallest.width() * 1.3
    assert heatmap.minimumSizeHint().height() > smallest.height() * 1.3


def test_unrated_and_not_applicable_cells_never_look_rated(qtbot):
    widget = IntegrityHeatMap()
    qtbot.addWidget(widget)
    rows = [
        ProfileCell("AA", "", "Nothing rated yet", 3, Counter({"not-assessed": 3})),
        ProfileCell("AA", "I", "Sub-area", 3, Counter({"not-assessed": 3})),
        ProfileCell("BB", "", "Does not apply", 2, Counter({"not-applicable": 2})),
        ProfileCell("CC", "", "Rated", 2, Counter({"effective": 1, "not-assessed": 1})),
    ]
    widget.set_cells(rows)
    widget.resize(widget.sizeHint())
    image = widget.grab().toImage()

    def fill(section: str, subarea: str = "") -> str:
        rect = widget.cell_rect(section, subarea)
        return image.pixelColor(rect.center().x(), rect.top() + rect.height() // 5).name()

    assert fill("AA") == fill("AA", "I") == palette.RATING_COLOURS["not-assessed"]
    assert fill("BB") in (palette.RATING_COLOURS["not-applicable"], palette.NOT_APPLICABLE_HATCH)
    assert fill("CC") == palette.RATING_COLOURS["effective"]


def test_a_cell_explains_itself_in_its_tooltip(heatmap, qtbot):
    centre = heatmap.cell_rect("HR", "V").center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, heatmap.mapToGlobal(centre))
    QApplication.sendEvent(heatmap, event)
    qtbot.waitUntil(QToolTip.isVisible)
    text = QToolTip.text()
    assert text.startswith("HR V — PERFORMANCE MANAGEMENT/APPRAISAL")
    assert "1 of 7 questions rated" in text
    assert "Absent: 1" in text and "Not assessed: 6" in text


@pytest.mark.parametrize("size", [(1600, 900), (1280, 800), (1920, 1080)])
def test_the_picture_is_saved(heatmap, tmp_path, size):
    heatmap.resize(*size)
    heatmap.setFocus()
    target = tmp_path / f"heatmap-{size[0]}.png"
    assert heatmap.grab().save(str(target))
    image = QImage(str(target))
    assert (image.width(), image.height()) == size
    assert target.stat().st_size > 10_000
