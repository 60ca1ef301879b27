"""Every file the application writes follows the user's umask (idg_desktop/atomic.py).

The temporary file every output is first written to used to keep
``mkstemp``'s 0600 through the rename, so a PDF saved into a shared folder
could not be opened by colleagues, while the assessment file followed the
umask. One rule now: ``0o666`` less the umask, for every kind of file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from idg_desktop.storage.document import AssessmentDocument

GROUP_A = "Group A – Leadership, rules and transparency"


@pytest.fixture(params=[0o022, 0o027])
def umask(request):
    before = os.umask(request.param)
    yield request.param
    os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_written_file_follows_the_umask(idg, umask: int, demo_file: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    commands = {
        "new.idg": ("new", out / "new.idg", "--title", "T", "--administration", "A"),
        "export.json": ("export", "json", demo_file, "-o", out / "export.json"),
        "export.xlsx": ("export", "xlsx", demo_file, "-o", out / "export.xlsx"),
        "matrix.pdf": ("export", "pdf", demo_file, "--report", "matrix", "-o", out / "matrix.pdf"),
        "group.idgpkg": (
            "package",
            "export",
            demo_file,
            "--group",
            GROUP_A,
            "-o",
            out / "group.idgpkg",
        ),
        "fill-in.xlsx": (
            "template",
            "export",
            demo_file,
            "--group",
            GROUP_A,
            "-o",
            out / "fill-in.xlsx",
        ),
    }
    for name, command in commands.items():
        result = idg(*command)
        assert result.code == 0, (name, result.err)
    result = idg("import", "workbook", out / "export.xlsx", out / "rebuilt.idg")
    assert result.code == 0, result.err
    with AssessmentDocument.open(demo_file) as document:
        document.save_copy(out / "copy.idg")
    expected = 0o666 & ~umask
    modes = {path.name: oct(_mode(path)) for path in out.iterdir()}
    assert len(modes) == len(commands) + 2
    assert modes == dict.fromkeys(modes, oct(expected))
