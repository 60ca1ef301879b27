"""The .idgpkg container: round trips, damage, tampering, wrong passphrases."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from idg_desktop.errors import InvalidInput
from idg_desktop.exchange import container

PAYLOAD = {
    "format": "idg-package",
    "version": 1,
    "group": "Group B – Systems, reform and partners",
    "answers": [{"question": "AU-8", "text": "Kelmor Pass: examiners chosen by the supervisor."}],
}


@pytest.fixture(autouse=True)
def _fast_scrypt(monkeypatch):
    """Tests use a cheaper scrypt; the real cost is measured in bench/."""
    monkeypatch.setattr(container, "SCRYPT_N", 2**12)


def test_an_open_package_round_trips(tmp_path: Path):
    path = container.write_package(tmp_path / "g.idgpkg", PAYLOAD)
    assert container.read_package(path) == PAYLOAD
    assert not container.is_protected(path.read_bytes())


def test_a_protected_package_round_trips_and_keeps_its_content_secret(tmp_path: Path):
    path = container.write_package(tmp_path / "g.idgpkg", PAYLOAD, passphrase="Marenhaven 2026")
    data = path.read_bytes()
    assert container.is_protected(data)
    for secret in (b"Kelmor", b"Group B", b"AU-8", "Kelmor".encode("utf-16-le")):
        assert secret not in data
    assert container.read_package(path, passphrase="Marenhaven 2026") == PAYLOAD


def test_a_wrong_or_missing_passphrase_is_refused(tmp_path: Path):
    path = container.write_package(tmp_path / "g.idgpkg", PAYLOAD, passphrase="right")
    with pytest.raises(InvalidInput, match="passphrase is wrong, or the package was altered"):
        container.read_package(path, passphrase="wrong")
    with pytest.raises(InvalidInput, match="is protected: give its passphrase"):
        container.read_package(path)


@pytest.mark.parametrize("protected", [False, True])
def test_every_single_byte_change_is_detected(tmp_path: Path, protected: bool):
    """Flip each byte of a small package in turn: none reads back as valid."""
    passphrase = "pass" if protected else None
    data = container.pack({"format": "idg-package", "x": "y" * 40}, passphrase)
    for index in range(len(data)):
        altered = bytearray(data)
        altered[index] ^= 0x01
        with pytest.raises(InvalidInput) as refused:
            container.unpack(bytes(altered), "pkg", passphrase)
        assert str(refused.value).startswith("pkg ")


@pytest.mark.parametrize("cut", [0, 5, 12, 30, -1])
def test_a_truncated_package_is_refused(cut: int):
    data = container.pack(PAYLOAD)
    with pytest.raises(InvalidInput, match=r"pkg is (not an IDG group package|damaged)"):
        container.unpack(data[:cut], "pkg")


def test_other_files_are_refused(tmp_path: Path):
    for name, content in (
        ("a.idgpkg", b""),
        ("b.idgpkg", b"PK\x03\x04zip"),
        ("c.idgpkg", b"SQLite format 3\x00"),
    ):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(InvalidInput, match="is not an IDG group package"):
            container.read_package(tmp_path / name)
    with pytest.raises(InvalidInput, match="does not exist"):
        container.read_package(tmp_path / "missing.idgpkg")
    with pytest.raises(InvalidInput, match="is a folder"):
        container.read_package(tmp_path)


def test_a_package_from_a_newer_version_is_refused():
    data = bytearray(container.pack(PAYLOAD))
    data[len(container.MAGIC)] = container.VERSION + 1
    with pytest.raises(InvalidInput, match="newer version"):
        container.unpack(bytes(data), "pkg")


def test_a_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(container, "MAX_PAYLOAD", 1000)
    data = container.pack({"format": "idg-package", "filler": "0" * 100_000})
    with pytest.raises(InvalidInput, match="too large"):
        container.unpack(data, "pkg")


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(st.text(max_size=10), st.text(max_size=50), max_size=8),
    st.one_of(st.none(), st.text(min_size=1, max_size=20)),
)
def test_any_payload_round_trips(extra, passphrase):
    payload = {**extra, "format": "idg-package"}
    assert container.unpack(container.pack(payload, passphrase), "pkg", passphrase) == payload


def test_the_shipped_key_derivation_cost_is_kept(monkeypatch):
    """The fixture lowers scrypt's cost for speed; the shipped one stays high."""
    monkeypatch.undo()
    assert (container.SCRYPT_N, container.SCRYPT_R) == (2**17, 8)
