"""The layers are a contract, checked: `lint-imports` with the contracts in
pyproject.toml ([tool.importlinter]) passes on the code, and fails, naming the
contract, when an import runs back up a layer (checked on a copy of the code
with one forbidden import added)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    if not LINT_IMPORTS.exists():
        pytest.fail("lint-imports is missing: pip install -e '.[test]' (import-linter)")
    env = {"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "COLUMNS": "200"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def contracts() -> dict[str, dict]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_the_code_keeps_every_contract():
    done = lint_imports(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_contracts_say_what_the_issue_asks():
    found = contracts()
    layers = found["layers"]["layers"]
    order = [next(m for m in layer.split() if m.startswith("idg_desktop.")) for layer in layers]
    # the window on top, the domain below storage, storage below the services
    assert order[0] == "idg_desktop.ui"
    assert order.index("idg_desktop.services") < order.index("idg_desktop.storage")
    assert order.index("idg_desktop.storage") < order.index("idg_desktop.domain")
    assert set(found["qt-only-in-ui"]["forbidden_modules"]) >= {"PySide6"}
    assert not any(m.startswith("idg_desktop.ui") for m in found["qt-only-in-ui"]["source_modules"])
    sql = found["sqlalchemy-only-in-storage-and-services"]
    assert sql["forbidden_modules"] == ["sqlalchemy"]
    assert not {"idg_desktop.storage", "idg_desktop.services"} & set(sql["source_modules"])
    gate = found["ui-through-the-workspace"]["ignore_imports"]
    assert "idg_desktop.ui.workspace -> idg_desktop.storage.**" in gate


@pytest.fixture
def copy_of_the_code(tmp_path: Path) -> Path:
    shutil.copytree(
        REPO / "idg_desktop",
        tmp_path / "idg_desktop",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # an arrow back up: the domain reaching for storage
        (
            "domain/colours.py",
            "from idg_desktop.storage import models  # noqa",
            "Layers: window above command line",
        ),
        # Qt outside the window
        ("services/records.py", "import PySide6.QtCore  # noqa", "Qt only in ui"),
        # a query written in a format that has none today
        ("reports/privacy.py", "import sqlalchemy  # noqa", "SQLAlchemy only in storage"),
        # an ORM row in a page that has none today
        (
            "ui/pages/findings_page.py",
            "from idg_desktop.storage import models  # noqa",
            "The window reaches the file through ui.workspace only",
        ),
    ],
)
def test_a_forbidden_import_breaks_its_contract(copy_of_the_code, module, line, contract):
    path = copy_of_the_code / "idg_desktop" / module
    path.write_text(path.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    done = lint_imports(copy_of_the_code)
    assert done.returncode != 0
    broken = [row for row in done.stdout.splitlines() if " BROKEN" in row]
    assert len(broken) == 1, done.stdout
    assert broken[0].startswith(contract), done.stdout


def test_the_window_paints_before_sqlalchemy_loads():
    """Routing the window through ui.workspace must not pull SQLAlchemy into the
    start-up path: the main window and its Overview read the file with plain sqlite3."""
    code = (
        "import sys\n"
        "import idg_desktop.ui.main_window\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'sqlalchemy'"
        " or n == 'idg_desktop.ui.workspace'))\n"
    )
    env = {"PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
