"""Shared fixtures: every test gets its own configuration and data folders,
so nothing touches the real home folder, and Qt runs offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]


def seeds_dir() -> Path:
    """Where the source documents are: ``IDG_SEEDS_DIR``, else ``../shared/seeds``."""
    base = os.environ.get("IDG_SEEDS_DIR")
    return Path(base) if base else REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def need_seed_text():
    """``need_seed_text(name)``: see :func:`find_seed_text`."""
    return find_seed_text


def find_seed_text(name: str = "*.txt") -> list[Path]:
    """The guide's source texts a test needs, or a skip saying how to provide them.

    A newcomer's bare clone has no ``../shared``: those tests skip with one
    line. Under ``IDG_REQUIRE_SEEDS=1`` (set by ``.ci/run``) a missing text is
    a failure, so the cross-check is never silently skipped where it can run.
    """
    found = sorted(seeds_dir().glob(name))
    if not found:
        message = (
            f"needs the IDG's source texts ({name}) in {seeds_dir()}: put shared/seeds "
            "beside the repository or set IDG_SEEDS_DIR to the folder that holds them"
        )
        if os.environ.get("IDG_REQUIRE_SEEDS") == "1":
            pytest.fail(message + " (IDG_REQUIRE_SEEDS=1)", pytrace=False)
        pytest.skip(message)
    return found


@pytest.fixture(autouse=True)
def _isolated_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("IDG_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("IDG_DATA_DIR", str(home / "data"))


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def idg(capsys: pytest.CaptureFixture[str]):
    """Run the ``idg`` command in this process: ``idg("info", path)``."""
    from idg_desktop.cli import main

    def run(*args: object) -> Result:
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:  # argparse's own exits (--help, usage errors)
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def idg_process():
    """Run the installed ``idg`` console script as a separate process."""
    script = Path(sys.executable).with_name("idg")

    def run(*args: object, timeout: float = 120) -> Result:
        done = subprocess.run(
            [str(script), *map(str, args)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=os.environ.copy(),
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workshop, built once per test run; copy it before changing it."""
    from idg_desktop.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.idg"
    build_demo(path).close()
    return path


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "demo.idg"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def new_file(tmp_path: Path) -> Path:
    """A fresh, empty-of-people assessment covering every section."""
    from idg_desktop.services.assessment import Scope, create_assessment

    path = tmp_path / "workshop.idg"
    create_assessment(path, Scope(title="Test assessment", administration="Test Customs")).close()
    return path
