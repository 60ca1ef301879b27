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
