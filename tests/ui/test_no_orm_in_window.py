"""The window touches no ORM: open the demo (and the demo after a package came
back with conflicts) in the real main window, visit every page, then look
through every Qt item model in the window — each item's data and the model's
own attributes, recursively through lists, tuples, sets, dicts and
dataclasses — and through every page's own attributes: no ORM row
(``idg_desktop.storage.models.Base``) may be found. Services hand the window
frozen snapshots (``domain/records.py``); a row held by a page or a model
would go stale after an undo and tie the window to the storage layer."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from merged_demo import build_merged_demo
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from idg_desktop.storage.models import Base
from idg_desktop.ui.main_window import PAGES, MainWindow

#: The item roles looked at besides display: where views keep their objects.
ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    *(Qt.ItemDataRole.UserRole + n for n in range(8)),
)
#: Our own plain classes are walked into too (a row wrapped in a helper object).
OWN = ("idg_desktop.ui", "idg_desktop.services", "idg_desktop.domain")


@pytest.fixture(scope="module")
def merged_template(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Path:
    return build_merged_demo(demo_template, tmp_path_factory.mktemp("merged-orm"))


def _rows_in(value: object, where: str, seen: set[int], found: list[str]) -> None:
    """Append to ``found`` where an ORM row sits in ``value`` (walked recursively)."""
    if isinstance(value, Base):
        found.append(f"{where}: {type(value).__name__} row")
        return
    if id(value) in seen or isinstance(value, str | bytes | int | float | bool | type(None)):
        return
    seen.add(id(value))
    if isinstance(value, dict):
        for key, item in value.items():
            _rows_in(key, f"{where} key", seen, found)
            _rows_in(item, f"{where}[{key!r}]", seen, found)
    elif isinstance(value, list | tuple | set | frozenset):
        for n, item in enumerate(value):
            _rows_in(item, f"{where}[{n}]", seen, found)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _rows_in(getattr(value, field.name), f"{where}.{field.name}", seen, found)
    elif (
        not isinstance(value, QObject)
        and type(value).__module__.startswith(OWN)
        and hasattr(value, "__dict__")
    ):
        for name, item in vars(value).items():
            _rows_in(item, f"{where}.{name}", seen, found)


def _model_rows(model: QAbstractItemModel, where: str, found: list[str]) -> None:
    """ORM rows in the model's items' data and in its own attributes."""
    seen: set[int] = set()
    for name, value in vars(model).items():
        _rows_in(value, f"{where}.{name}", seen, found)

    def columns(parent: QModelIndex) -> int:
        try:
            return max(1, model.columnCount(parent))
        except TypeError:  # a list model (QListWidget's) keeps it private: one column
            return 1

    def rows(parent: QModelIndex) -> int:
        try:
            return model.rowCount(parent)
        except TypeError:  # private in a list model: only its top level has rows
            return 0 if parent.isValid() else model.rowCount()

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(rows(parent)):
            for column in range(columns(parent)):
                index = model.index(row, column, parent)
                for role in ROLES:
                    _rows_in(model.data(index, role), f"{where}[{row},{column}]", seen, found)
            first = model.index(row, 0, parent)
            if depth < 6 and rows(first) > 0:
                walk(first, depth + 1)

    walk(QModelIndex(), 0)


def _settle() -> None:
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _orm_in_window(window: MainWindow) -> list[str]:
    found: list[str] = []
    pages: dict[str, QWidget] = {}
    for key, _module, _class in PAGES:
        page = window.show_page(key)
        if key == "checklist":
            page.select_question("LC-1")
        _settle()
        pages[key] = page
    for key, page in pages.items():
        seen: set[int] = set()
        for name, value in vars(page).items():
            _rows_in(value, f"{key} page .{name}", seen, found)
    for model in window.findChildren(QAbstractItemModel):
        owner = model.parent()
        where = f"{type(model).__name__} (of {type(owner).__name__ if owner else 'nothing'})"
        _model_rows(model, where, found)
    return found


@pytest.mark.parametrize("which", ["demo", "merged"])
def test_no_orm_row_reaches_a_page_or_a_qt_model(
    qtbot, demo_file: Path, merged_template: Path, tmp_path: Path, which: str
):
    path = demo_file
    if which == "merged":
        path = tmp_path / "merged.idg"
        shutil.copyfile(merged_template, path)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(path)
    models = window.findChildren(QAbstractItemModel)
    found = _orm_in_window(window)
    # the walk did look: every page was built and the plan's models hold snapshots
    assert len(window.findChildren(QAbstractItemModel)) > len(models)
    window.close_assessment()
    assert found == [], "\n".join(found[:40])
