"""Reference outputs: what the command line prints and the files it writes,
byte for byte, on a frozen clock, ids and installation.

Committed before the renovation of the record model (issue 12) from the code
as it then was, they hold every verb's ``--json``, ``idg export json`` of the
demo and of a master with open and resolved conflicts, and a group package's
decrypted content. A renovation must leave them all identical; a change that
is meant to alter one rewrites it (``IDG_WRITE_REFERENCES=1``) in the same
commit, and says why.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from idg_desktop.exchange import container, packages
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.workbook import fill_in_reader

REFERENCE = Path(__file__).parent / "reference"
GROUP_A = "Group A – Leadership, rules and transparency"
INSTALLATION = "6f1c1d2e-0a5b-4c3d-9e8f-7a6b5c4d3e2f"


@pytest.fixture
def frozen(monkeypatch, tmp_path_factory):
    """Ids, clock and installation fixed, so two runs write the same bytes."""
    rng = random.Random(20261130)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=rng.getrandbits(128), version=4))
    ticks = itertools.count()
    start = datetime(2026, 3, 11, 9, 0, 0)
    monkeypatch.setattr(
        AssessmentDocument, "now", lambda self: start + timedelta(seconds=next(ticks))
    )
    monkeypatch.setattr(packages, "_now", lambda: "2026-03-11T12:00:00")
    monkeypatch.setattr(fill_in_reader, "_now", lambda: "2026-03-11T12:00:00")
    monkeypatch.setattr(container, "SCRYPT_N", 2**12)
    config = Path(os.environ["IDG_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "installation-id").write_text(INSTALLATION + "\n", encoding="ascii")
    return tmp_path_factory.mktemp("frozen")


def _master_with_conflicts(idg, demo_template: Path, folder: Path) -> Path:
    """The demo after group A's package came back: one conflict open on LC-2,
    one on a TR finding, LC-1's resolved by taking the group's version."""
    master, package = folder / "master.idg", folder / "a.idgpkg"
    shutil.copyfile(demo_template, master)
    work, back = folder / "a-work.idg", folder / "a-back.idgpkg"
    assert idg("package", "export", master, "--group", GROUP_A, "-o", package).code == 0
    assert idg("package", "open", package, work).code == 0
    finding = json.loads(idg("findings", master, "--section", "TR", "--json").out)[0]["id"]
    for qid in ("LC-1", "LC-2"):
        assert idg("answer", work, qid, "--text", f"Group A on {qid}.").code == 0
    assert (
        idg("finding", "set", work, finding, "--status", "amended", "--text", "Group A.").code == 0
    )
    assert idg("package", "return", work, "-o", back).code == 0
    for qid in ("LC-1", "LC-2"):
        assert idg("answer", master, qid, "--text", f"Master on {qid}.").code == 0
    assert (
        idg("finding", "set", master, finding, "--status", "amended", "--text", "Master.").code == 0
    )
    assert idg("package", "import", master, back).code == 3
    lc1 = next(
        c for c in json.loads(idg("conflicts", master, "--json").out) if c["record"] == "LC-1"
    )
    assert idg("conflict", "resolve", master, lc1["id"], "--take", GROUP_A).code == 0
    return master


def _outputs(idg, demo_template: Path, folder: Path) -> dict[str, str]:
    demo = folder / "demo.idg"
    shutil.copyfile(demo_template, demo)
    master = _master_with_conflicts(idg, demo_template, folder)
    found: dict[str, str] = {}

    def run(name: str, *args: object) -> None:
        result = idg(*args)
        assert result.code == 0, (name, result.err)
        found[name] = result.out.replace(str(folder), "<FOLDER>")

    run("framework", "framework", "--json")
    for label, path in (("demo", demo), ("master", master)):
        run(f"{label}-export", "export", "json", path)
        for verb in (
            "info",
            "participants",
            "groups",
            "findings",
            "activities",
            "matrix",
            "plan",
            "kpis",
            "conflicts",
            "documents",
            "sessions",
            "steps",
        ):
            run(f"{label}-{verb}", verb, path, "--json")
        run(f"{label}-tor", "tor", "show", path, "--json")
    package = folder / "demo-a.idgpkg"
    assert idg("package", "export", demo, "--group", GROUP_A, "-o", package).code == 0
    content = container.read_package(package)
    found["package-content"] = json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True)
    return found


def test_the_outputs_are_the_references(idg, frozen, demo_template):
    outputs = _outputs(idg, demo_template, frozen)
    if os.environ.get("IDG_WRITE_REFERENCES") == "1":
        REFERENCE.mkdir(exist_ok=True)
        for old in REFERENCE.glob("*.json"):
            old.unlink()
        for name, text in outputs.items():
            (REFERENCE / f"{name}.json").write_text(text, encoding="utf-8")
    stored = {p.stem: p.read_text(encoding="utf-8") for p in REFERENCE.glob("*.json")}
    assert sorted(stored) == sorted(outputs)
    changed = [name for name in outputs if outputs[name] != stored[name]]
    assert changed == [], f"outputs differ from tests/reference/: {changed}"
