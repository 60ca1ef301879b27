"""``idg-desktop --self-test``: the installation checks itself offscreen (every
page, every report, the workbook, the presentation) and says so line by line;
a broken installation fails with one line naming what is broken."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from idg_desktop.reports.kinds import REPORTS
from idg_desktop.ui.workshop_view import PAGES


def _self_test(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), **extra}
    for name in ("IDG_CONFIG_DIR", "IDG_DATA_DIR", "QT_QPA_PLATFORM", "XDG_CONFIG_HOME"):
        env.pop(name, None)  # the self-test makes its own folders and goes offscreen
    script = Path(sys.executable).with_name("idg-desktop")
    return subprocess.run(
        [str(script), "--self-test"], capture_output=True, text=True, timeout=300, env=env
    )


def test_the_self_test_visits_every_page_and_builds_every_report(tmp_path):
    done = _self_test(tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for key, _module, _cls in PAGES:
        assert f"ok  page {key}" in lines
    for kind in REPORTS:
        assert any(line.startswith(f"ok  report {kind}: ") for line in lines), kind
    assert any(line.startswith("ok  report workbook: ") for line in lines)
    assert any(line.startswith("ok  report preview (QtPdf)") for line in lines)
    assert "ok  presentation" in lines
    assert lines[-1] == "self-test passed"
    # nothing left in the user's home: its own folders were temporary
    assert list((tmp_path / "home").iterdir()) == []


def test_a_broken_installation_fails_with_one_line_naming_the_check(tmp_path):
    empty = tmp_path / "no-resources"
    empty.mkdir()
    done = _self_test(tmp_path, IDG_RESOURCES=str(empty))
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("self-test failed at demo workshop: ")
    assert "demo-workshop.json" in last
    assert "self-test passed" not in done.stdout
