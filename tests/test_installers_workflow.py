"""The hosted CI workflow for Windows and macOS (.github/workflows/installers.yml).

It cannot run here; this checks that what it calls exists, that it runs the
frozen programs on both systems, and that it uploads the files the build
scripts write.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _job(name: str) -> str:
    text = WORKFLOW.read_text(encoding="utf-8")
    start = text.index(f"\n  {name}:\n")
    following = re.search(r"\n  [a-z-]+:\n", text[start + 1 :])
    return text[start : start + 1 + following.start()] if following else text[start:]


def test_the_scripts_the_workflow_calls_exist():
    text = WORKFLOW.read_text(encoding="utf-8")
    called = set(re.findall(r"installers/[\w/.-]+\.(?:sh|ps1|py)", text.replace("\\", "/")))
    assert {"installers/windows/build.ps1", "installers/macos/make_dmg.sh"} <= called
    for path in called:
        assert (ROOT / path).is_file(), path


def test_both_systems_run_the_frozen_programs_and_upload_what_the_scripts_write():
    names = {
        "windows": f"dist/idg-workshop-{VERSION}-windows-x64-setup.exe",
        "macos": f"dist/idg-workshop-{VERSION}-macos.dmg",
    }
    for job, written in names.items():
        text = _job(job)
        assert "--version" in text, job
        assert "--self-test" in text, job
        assert "QT_QPA_PLATFORM: offscreen" in text, job
        uploaded = re.search(r"path: (\S+)", text[text.index("upload-artifact") :]).group(1)
        assert fnmatch.fnmatch(written, uploaded), (job, uploaded)
    build = (ROOT / "installers" / "windows" / "build.ps1").read_text(encoding="utf-8")
    assert '"idg-workshop-$Version-windows-x64-setup.exe"' in build
    dmg = (ROOT / "installers" / "macos" / "make_dmg.sh").read_text(encoding="utf-8")
    assert 'dmg="$dist/idg-workshop-$version-macos.dmg"' in dmg
