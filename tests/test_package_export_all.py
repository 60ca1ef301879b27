"""`idg package export-all`: every group's package into a folder at once, with
readable file names; protected, each with its own passphrase printed only on
the slips (a PDF saved outside the packages' folder), never on stdout."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from idg_desktop.exchange import container
from idg_desktop.exchange.package_batch import package_file_name, word_list
from idg_desktop.services.groups import list_groups
from idg_desktop.storage.document import AssessmentDocument

SAFE = re.compile(r'^[^<>:"/\\|?*\x00-\x1f]+$')


@pytest.fixture(autouse=True)
def _fast_scrypt(monkeypatch):
    monkeypatch.setattr(container, "SCRYPT_N", 2**12)


def _groups(path: Path) -> list[str]:
    with AssessmentDocument.open(path, read_only=True) as document:
        return [g.name for g in list_groups(document)]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_readable_file_names_safe_everywhere():
    assert (
        package_file_name("Group C – Automation, reform, conduct")
        == "Group C - Automation, reform, conduct.idgpkg"
    )
    assert package_file_name('A/B: "who?" <x>|y*.') == "A B who x y.idgpkg"
    assert package_file_name("Groupe É – Éthique") == "Groupe É - Éthique.idgpkg"
    assert package_file_name("CON") == "Group CON.idgpkg"
    assert package_file_name("  ...  ") == "Group.idgpkg"
    long = package_file_name("x" * 300)
    assert len(long) <= 80 + len(".idgpkg") and SAFE.match(long)
    assert len(word_list()) >= 1500 and all(w.isalpha() for w in word_list())


def test_export_all_unprotected_writes_one_readable_package_per_group(idg, demo_file, tmp_path):
    folder = tmp_path / "stick"
    result = idg("package", "export-all", demo_file, "-o", folder)
    assert result.code == 0, result.err
    names = _groups(demo_file)
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(package_file_name(n) for n in names) and len(files) == len(names)
    assert "Group C - Automation, reform, conduct.idgpkg" in files or any(" - " in f for f in files)
    assert all(SAFE.match(f) and "--" not in f for f in files)
    for name in names:
        path = folder / package_file_name(name)
        assert not container.is_protected(path.read_bytes())
        assert container.read_package(path)["group"]["name"] == name
        assert f"Package for {name} written to {path}:" in result.out
    assert "(protected)" not in result.out


def test_export_all_protected_every_package_opens_with_its_slips_passphrase(
    idg, demo_file, tmp_path
):
    folder, slips = tmp_path / "stick", tmp_path / "private" / "slips.pdf"
    slips.parent.mkdir()
    result = idg("package", "export-all", demo_file, "-o", folder, "--protect", "--slips", slips)
    assert result.code == 0, result.err
    names = _groups(demo_file)
    assert result.out.count("(protected)") == len(names)
    assert str(slips) in result.out
    text = "\n".join(page.extract_text() for page in PdfReader(slips).pages)
    words = set(word_list())
    phrases = re.findall(r"\b[a-z]+(?:-[a-z]+){4}\b", text)
    assert len(phrases) == len(names) == len(set(phrases))
    assert all(set(p.split("-")) <= words for p in phrases)
    for phrase in phrases:  # never on the command's output
        assert phrase not in result.out and phrase not in result.err
    assert "in person" in text and "Never send it with the package" in text
    opened = []
    for name in names:  # each slip: its group, its file, its passphrase, in that order
        file = package_file_name(name)
        assert name in text.replace("\n", " ") or name.split(" – ")[0] in text
        assert file in text
        path = folder / file
        assert container.is_protected(path.read_bytes())
        after = text[text.index(file) :]
        phrase = next(p for p in phrases if p in after)
        payload = container.read_package(path, phrase)
        assert payload["group"]["name"] == name
        opened.append(phrase)
    assert len(set(opened)) == len(names)
    # The working copy opens with the slip's passphrase through the command too.
    work = tmp_path / "work.idg"
    env_name = "IDG_SLIP_PASS"
    import os

    os.environ[env_name] = opened[0]
    try:
        done = idg(
            "package",
            "open",
            folder / package_file_name(names[0]),
            work,
            "--passphrase-env",
            env_name,
        )
    finally:
        del os.environ[env_name]
    assert done.code == 0, done.err


@pytest.mark.parametrize("where", ["inside", "nested", "missing", "unprotected"])
def test_export_all_refusals_write_nothing(idg, demo_file, tmp_path, where):
    folder = tmp_path / "stick"
    folder.mkdir()
    before = _digest(demo_file)
    args = {
        "inside": ["--protect", "--slips", folder / "slips.pdf"],
        "nested": ["--protect", "--slips", folder / "sub" / ".." / "sub" / "slips.pdf"],
        "missing": ["--protect"],
        "unprotected": ["--slips", tmp_path / "slips.pdf"],
    }[where]
    if where == "nested":
        (folder / "sub").mkdir()
    result = idg("package", "export-all", demo_file, "-o", folder, *args)
    assert result.code == 2
    assert result.err.count("\n") == 1 and result.err.startswith("idg: ")
    assert "slips" in result.err.lower()
    assert sorted(p.name for p in folder.rglob("*") if p.is_file()) == []
    assert not (tmp_path / "slips.pdf").exists()
    assert _digest(demo_file) == before


def test_export_all_a_failed_write_leaves_nothing_half_written(idg, demo_file, tmp_path):
    """A package that cannot be written (here: a folder in its place) takes back
    the slips and the packages already written by the same command."""
    folder, slips = tmp_path / "stick", tmp_path / "slips.pdf"
    names = _groups(demo_file)
    (folder / package_file_name(names[-1])).mkdir(parents=True)  # the last one fails
    result = idg("package", "export-all", demo_file, "-o", folder, "--protect", "--slips", slips)
    assert result.code == 2 and result.err.count("\n") == 1
    assert not slips.exists()
    assert sorted(p.name for p in folder.iterdir()) == [package_file_name(names[-1])]
    assert not any(folder.glob("*.idgpkg*")) or all(p.is_dir() for p in folder.iterdir())
