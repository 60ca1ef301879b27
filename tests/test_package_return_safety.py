"""Returning a group's work safely (command line): a copy of a protected
package returns protected unless the group says otherwise, and the working
copy left on a borrowed laptop can be deleted once the package is safe."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from idg_desktop.exchange import container
from idg_desktop.exchange.working_copies import list_working_copies, working_copies_folder

GROUP_A = "Group A – Leadership, rules and transparency"
SECRET_TEXT = "Kickbacks at the Veltra crossing, named in plenary."


@pytest.fixture(autouse=True)
def _fast_scrypt(monkeypatch):
    monkeypatch.setattr(container, "SCRYPT_N", 2**12)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _working_copy(idg, master, tmp_path, monkeypatch, *, protected: bool) -> Path:
    """Export group A's package (protected or not), open it, write one answer."""
    monkeypatch.setenv("IDG_PASS", "Marenhaven-2026")
    extra = ["--passphrase-env", "IDG_PASS"] if protected else []
    package, work = tmp_path / "a.idgpkg", tmp_path / "a-work.idg"
    assert idg("package", "export", master, "--group", GROUP_A, "-o", package, *extra).code == 0
    assert idg("package", "open", package, work, *extra).code == 0
    assert idg("answer", work, "LC-1", "--text", SECRET_TEXT).code == 0
    return work


def test_a_copy_of_a_protected_package_is_not_returned_in_clear_without_saying_so(
    idg, demo_file, tmp_path, monkeypatch
):
    work = _working_copy(idg, demo_file, tmp_path, monkeypatch, protected=True)
    back = tmp_path / "back.idgpkg"
    before = _digest(work)
    refused = idg("package", "return", work, "-o", back)
    assert refused.code == 2
    assert len(refused.err.strip().splitlines()) == 1
    assert "protected package" in refused.err and "--unprotected" in refused.err
    assert not back.exists() and _digest(work) == before
    assert list(tmp_path.glob("back*")) == []  # not even a temporary file

    # Dropping the protection is an explicit choice: the package is then in clear.
    clear = idg("package", "return", work, "-o", back, "--unprotected")
    assert clear.code == 0, clear.err
    assert not container.is_protected(back.read_bytes())
    assert container.read_package(back)["kind"] == "return"

    # Both a passphrase and --unprotected: refused, nothing written.
    other = tmp_path / "other.idgpkg"
    both = idg(
        "package", "return", work, "-o", other, "--passphrase-env", "IDG_PASS", "--unprotected"
    )
    assert both.code == 2 and not other.exists()


def test_a_protected_copy_round_trips_protected(idg, demo_file, tmp_path, monkeypatch):
    work = _working_copy(idg, demo_file, tmp_path, monkeypatch, protected=True)
    back = tmp_path / "back.idgpkg"
    returned = idg("package", "return", work, "-o", back, "--passphrase-env", "IDG_PASS")
    assert returned.code == 0, returned.err
    assert "(protected)" in returned.out
    assert container.is_protected(back.read_bytes())
    assert SECRET_TEXT.encode() not in back.read_bytes()
    imported = idg("package", "import", demo_file, back, "--passphrase-env", "IDG_PASS")
    assert imported.code == 0, imported.err
    answer = idg("export", "json", demo_file).out
    assert SECRET_TEXT in answer


def test_a_protected_copy_returns_only_with_the_packages_passphrase(
    idg, demo_file, tmp_path, monkeypatch
):
    """A mistyped or new passphrase would give the facilitator a package they
    cannot open: refused in one line, nothing written."""
    work = _working_copy(idg, demo_file, tmp_path, monkeypatch, protected=True)
    back = tmp_path / "back.idgpkg"
    monkeypatch.setenv("OTHER_PASS", "Marenhaven-2099")
    before = _digest(work)
    refused = idg("package", "return", work, "-o", back, "--passphrase-env", "OTHER_PASS")
    assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1, refused.err
    assert "not the passphrase the group's package came with" in refused.err
    assert not back.exists() and _digest(work) == before
    assert list(tmp_path.glob("back*")) == []
    returned = idg("package", "return", work, "-o", back, "--passphrase-env", "IDG_PASS")
    assert returned.code == 0, returned.err


def test_a_copy_of_an_open_package_returns_as_before(idg, demo_file, tmp_path, monkeypatch):
    work = _working_copy(idg, demo_file, tmp_path, monkeypatch, protected=False)
    back = tmp_path / "back.idgpkg"
    returned = idg("package", "return", work, "-o", back)
    assert returned.code == 0, returned.err
    assert not container.is_protected(back.read_bytes())


def test_the_working_copy_is_removed_only_after_the_package_is_safe(
    idg, demo_file, tmp_path, monkeypatch
):
    work = _working_copy(idg, demo_file, tmp_path, monkeypatch, protected=True)
    backup = tmp_path / "a-work.schema3-backup-20260101-000000.idg"  # an upgrade's leftover
    backup.write_bytes(work.read_bytes())
    before = _digest(work)

    # A write that fails keeps the copy, byte for byte.
    nowhere = tmp_path / "no-such-folder" / "back.idgpkg"
    failed = idg(
        "package",
        "return",
        work,
        "-o",
        nowhere,
        "--passphrase-env",
        "IDG_PASS",
        "--remove-working-copy",
    )
    assert failed.code == 2 and len(failed.err.strip().splitlines()) == 1
    assert work.exists() and _digest(work) == before and backup.exists()

    # A refused return (no passphrase for a protected copy) keeps it too.
    back = tmp_path / "back.idgpkg"
    refused = idg("package", "return", work, "-o", back, "--remove-working-copy")
    assert refused.code == 2 and work.exists() and not back.exists()

    done = idg(
        "package",
        "return",
        work,
        "-o",
        back,
        "--passphrase-env",
        "IDG_PASS",
        "--remove-working-copy",
    )
    assert done.code == 0, done.err
    assert "deleted" in done.out
    assert not work.exists() and not backup.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("a-work")] == []
    payload = container.read_package(back, "Marenhaven-2026")
    assert any(a["text"] == SECRET_TEXT for a in payload["records"]["answers"])


def test_working_copies_in_the_data_folder_are_listed(idg, demo_file, tmp_path, monkeypatch):
    """`package open` in the data folder (as the window does) is what the start page lists."""
    from idg_desktop.exchange.packages import open_package

    package = tmp_path / "a.idgpkg"
    assert idg("package", "export", demo_file, "--group", GROUP_A, "-o", package).code == 0
    assert list_working_copies() == []
    document = open_package(package)
    path = document.path
    document.close()
    assert path.parent == working_copies_folder()
    (working_copies_folder() / "not-a-copy.idg").write_bytes(b"junk")
    found = list_working_copies()
    assert [(c.path, c.group) for c in found] == [(path, GROUP_A)]
    assert found[0].title == "Integrity assessment of the Lorvanian Customs Service, March 2026"
