"""Several laptops, several versions: what a newer version wrote is refused in
one sentence naming the version it needs, exit status 2, the file untouched.

"A newer version" is this very code pretending to be IDG Workshop 0.3.0
(``later_version.py``), so what it writes is what a real later version would
write, through the same writers.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from later_version import GROUP_A, LATER, later_copy, pretend_to_be_later, sentence

from idg_desktop import __version__
from idg_desktop.errors import InvalidInput
from idg_desktop.exchange import container
from idg_desktop.storage import migrations
from idg_desktop.workbook import fill_in, layout


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(result, path: Path, into: Path | None = None) -> None:
    """One line, exit 2; a merge names the master first, as every merge refusal does."""
    assert result.code == 2, (result.code, result.out, result.err)
    where = f"{into}: " if into else ""
    assert result.err.strip().splitlines() == [f"idg: {where}{sentence(path)}"], result.err


@pytest.fixture(autouse=True)
def _fast_scrypt(monkeypatch):
    monkeypatch.setattr(container, "SCRYPT_N", 2**12)


def test_this_version_writes_what_each_format_needs(idg, demo_file, tmp_path):
    """Every map names a version for every format this version writes, and the
    file, packages and workbooks carry it."""
    assert set(migrations.SCHEMA_SINCE) == set(range(1, migrations.SCHEMA_VERSION + 1))
    assert container.PAYLOAD_VERSION in container.PACKAGE_SINCE
    assert set(layout.WORKBOOK_SINCE) == set(range(1, layout.FORMAT_VERSION + 1))
    assert fill_in.VERSION in fill_in.FILL_IN_SINCE
    connection = sqlite3.connect(demo_file)
    meta = dict(connection.execute("SELECT key, value FROM meta"))
    connection.close()
    assert meta["needs_version"] == migrations.SCHEMA_SINCE[migrations.SCHEMA_VERSION]
    package = tmp_path / "a.idgpkg"
    assert idg("package", "export", demo_file, "--group", GROUP_A, "-o", package).code == 0
    data = package.read_bytes()
    start = len(container.MAGIC) + 6
    length = int.from_bytes(data[start - 4 : start], "big")
    header = json.loads(data[start : start + length])
    assert header["needs"] == container.PACKAGE_SINCE[container.PAYLOAD_VERSION]


def test_a_file_from_a_later_version_is_refused_by_name(idg, new_file, tmp_path):
    path = tmp_path / "later.idg"
    with pytest.MonkeyPatch.context() as mp:
        pretend_to_be_later(mp)
        assert idg("new", path, "--title", "T", "--administration", "A").code == 0
    before = digest(path)
    for verb in (("info",), ("check",), ("export", "json")):
        refused(idg(*verb, path), path)
    refused(idg("answer", path, "LC-1", "--text", "x"), path)
    refused(idg("participant", "add", path, "--name", "X"), path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["later.idg", "workshop.idg"]


def test_a_file_saying_nothing_still_names_its_schema(idg, new_file):
    """A file from a later schema that does not say what it needs (its meta row
    lost) is still refused, naming the schema."""
    connection = sqlite3.connect(new_file)
    connection.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    connection.execute("DELETE FROM meta WHERE key = 'needs_version'")
    connection.commit()
    connection.close()
    result = idg("info", new_file)
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        f"idg: {new_file} was made by a newer version of IDG Workshop than this one "
        f"({__version__}; file schema {migrations.SCHEMA_VERSION + 1}, this version reads up "
        f"to {migrations.SCHEMA_VERSION}): update the application to open it. Use the same "
        "version of IDG Workshop on every laptop of a workshop."
    ]


@pytest.mark.parametrize("protected", [False, True], ids=["open", "protected"])
def test_a_group_package_from_a_later_version_is_refused_by_name(
    idg, demo_file, tmp_path, monkeypatch, protected
):
    """The facilitator's laptop runs 0.3.0, a group's runs this version."""
    monkeypatch.setenv("PASS", "later-plenary")
    extra = ("--passphrase-env", "PASS") if protected else ()
    package = tmp_path / "a.idgpkg"
    with pytest.MonkeyPatch.context() as mp:
        pretend_to_be_later(mp)
        master = later_copy(demo_file, tmp_path / "later-master.idg")
        assert idg("package", "export", master, "--group", GROUP_A, "-o", package, *extra).code == 0
    before = digest(package)
    refused(idg("package", "open", package, tmp_path / "work.idg", *extra), package)
    refused(idg("package", "open", package, tmp_path / "work.idg"), package)  # no passphrase asked
    assert not (tmp_path / "work.idg").exists()
    assert digest(package) == before


def test_a_later_container_is_refused_by_name(demo_file, tmp_path):
    """A later version that changes the container itself: its header still names the version."""
    from idg_desktop.exchange.packages import export_payload
    from idg_desktop.storage.document import AssessmentDocument

    with AssessmentDocument.open(demo_file, read_only=True) as document:
        payload = export_payload(document, GROUP_A)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(container, "VERSION", container.VERSION + 1)
        mp.setitem(container.PACKAGE_SINCE, container.PAYLOAD_VERSION, LATER)
        data = container.pack(payload)
    with pytest.raises(InvalidInput) as refusal:
        container.unpack(data, str(tmp_path / "a.idgpkg"))
    assert str(refusal.value) == sentence(tmp_path / "a.idgpkg")


def test_a_groups_answers_from_a_later_version_are_refused_by_name(idg, demo_file, tmp_path):
    """The group's laptop runs 0.3.0; the facilitator's master stays untouched."""
    package, work, back = tmp_path / "a.idgpkg", tmp_path / "work.idg", tmp_path / "back.idgpkg"
    assert idg("package", "export", demo_file, "--group", GROUP_A, "-o", package).code == 0
    with pytest.MonkeyPatch.context() as mp:
        pretend_to_be_later(mp)
        assert idg("package", "open", package, work).code == 0
        assert idg("answer", work, "LC-1", "--text", "Later.", "--rating", "effective").code == 0
        assert idg("package", "return", work, "-o", back).code == 0
    before, master = digest(back), digest(demo_file)
    refused(idg("package", "import", demo_file, back), back, into=demo_file)
    assert (digest(back), digest(demo_file)) == (before, master)


def test_a_fill_in_workbook_from_a_later_version_is_refused_by_name(idg, demo_file, tmp_path):
    """A co-facilitator's laptop runs 0.3.0 and prints the fill-in workbooks."""
    workbook = tmp_path / "a.xlsx"
    with pytest.MonkeyPatch.context() as mp:
        pretend_to_be_later(mp)
        copy = later_copy(demo_file, tmp_path / "copy.idg")
        assert idg("template", "export", copy, "--group", GROUP_A, "-o", workbook).code == 0
    before, master = digest(workbook), digest(demo_file)
    refused(idg("template", "import", demo_file, workbook), workbook, into=demo_file)
    assert (digest(workbook), digest(demo_file)) == (before, master)


def test_a_full_workbook_from_a_later_version_is_refused_by_name(idg, demo_file, tmp_path):
    workbook, target = tmp_path / "later.xlsx", tmp_path / "rebuilt.idg"
    with pytest.MonkeyPatch.context() as mp:
        pretend_to_be_later(mp)
        copy = later_copy(demo_file, tmp_path / "copy.idg")
        assert idg("export", "xlsx", copy, "-o", workbook).code == 0
    before = digest(workbook)
    refused(idg("import", "workbook", workbook, target), workbook)
    assert digest(workbook) == before
    assert not target.exists()


def test_a_package_written_before_it_said_what_it_needs_still_opens(demo_file, tmp_path):
    """Packages on the sticks from before: a header with the body's checksum alone."""
    import zlib

    from idg_desktop.exchange.packages import export_payload
    from idg_desktop.storage.document import AssessmentDocument

    with AssessmentDocument.open(demo_file, read_only=True) as document:
        payload = export_payload(document, GROUP_A)
    body = zlib.compress(json.dumps(payload, sort_keys=True).encode("utf-8"))
    header = json.dumps({"sha256": hashlib.sha256(body).hexdigest()}).encode("ascii")
    data = container.MAGIC + bytes([1, 0]) + len(header).to_bytes(4, "big") + header + body
    assert container.unpack(data, "old.idgpkg") == payload
    altered = bytearray(data)
    altered[-5] ^= 0x01
    with pytest.raises(InvalidInput, match=r"old\.idgpkg is damaged"):
        container.unpack(bytes(altered), "old.idgpkg")
