"""The ``.idgpkg`` container: one JSON payload, checked, optionally encrypted.

Group packages travel on USB sticks, so the container must catch damage and,
when protected, keep its content secret and detect any change:

``MAGIC | version (1 byte) | flags (1 byte) | header length (4 bytes, big-endian) |
header (JSON) | body``

* open package (flags 0): the header holds the SHA-256 of the body; the body
  is the zlib-compressed payload;
* protected package (flags 1): the header holds the key-derivation parameters
  (scrypt), the salt and the nonce; the body is AES-256-GCM of the compressed
  payload, with everything before the body as associated data, so changing
  any byte — header or body — fails authentication. Nothing about the content
  (not even the group's name) is written in clear.

Encryption is the ``cryptography`` package's AES-GCM and Scrypt: no
hand-made cipher. Every refusal is an :class:`InvalidInput` with one sentence
naming the file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
import zlib
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from idg_desktop.atomic import write_atomically
from idg_desktop.domain import versions
from idg_desktop.errors import InvalidInput

MAGIC = b"IDGPKG\r\n"
VERSION = 1  # the container's layout (the byte after MAGIC)
#: What a package carries (the payload's ``"version"``): raised whenever an
#: older version would misread or drop part of it.
PAYLOAD_VERSION = 1
#: The first version of IDG Workshop that reads each package format. The
#: header says which one a package needs (``"needs"``, in clear even when the
#: package is protected: it tells nothing of the content), so an older
#: version names the version to install (``domain/versions.py``).
PACKAGE_SINCE = {1: "0.1.0"}
FLAG_PROTECTED = 0x01
#: scrypt cost: about 0.35 s and 128 MiB on a laptop — slow to guess, quick to open.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
MAX_PAYLOAD = 512 * 1024 * 1024  # a decompressed payload larger than this is refused
_PREFIX = struct.Struct(">BBI")


class WrongPassphrase(InvalidInput):
    """The passphrase does not open the package (or the package was altered):
    the window asks again rather than giving up."""


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=n, r=r, p=p)
    return kdf.derive(passphrase.encode("utf-8"))


def pack(payload: dict[str, Any], passphrase: str | None = None) -> bytes:
    """The bytes of a package holding ``payload`` (protected if a passphrase is given)."""
    compressed = zlib.compress(
        json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8"), 6
    )
    needs = PACKAGE_SINCE[PAYLOAD_VERSION]
    if passphrase is None:
        header = {"needs": needs}
        header["sha256"] = _digest(header, compressed)
        head = _head(0, header)
        return head + compressed
    if not passphrase:
        raise InvalidInput("The passphrase is empty: give one, or export without protection.")
    salt, nonce = os.urandom(16), os.urandom(12)
    header = {
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode("ascii"),
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "needs": needs,
    }
    head = _head(FLAG_PROTECTED, header)
    key = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return head + AESGCM(key).encrypt(nonce, compressed, head)


def _head(flags: int, header: dict[str, Any]) -> bytes:
    encoded = json.dumps(header, sort_keys=True).encode("ascii")
    return MAGIC + _PREFIX.pack(VERSION, flags, len(encoded)) + encoded


def is_protected(data: bytes) -> bool:
    return (
        data.startswith(MAGIC)
        and len(data) > len(MAGIC) + 1
        and bool(data[len(MAGIC) + 1] & FLAG_PROTECTED)
    )


def refuse_newer(data: bytes, where: str) -> None:
    """Refuse a package made by a newer version, in one sentence naming the
    version it needs: a newer container, or a protected package whose header
    says so (an open package's header is believed once its checksum matches,
    in :func:`unpack`). The window calls it before asking for a passphrase;
    bytes that are not a package pass (``unpack`` says what they are)."""
    start = len(MAGIC) + _PREFIX.size
    if not data.startswith(MAGIC) or len(data) < start:
        return
    version, flags, header_length = _PREFIX.unpack_from(data, len(MAGIC))
    header = _header(data[start : start + header_length])
    if version > VERSION:
        what = f"package format {version}, this version reads up to {VERSION}"
        raise InvalidInput(versions.too_new(where, header.get("needs"), what))
    if flags & FLAG_PROTECTED and versions.is_newer(header.get("needs")):
        raise InvalidInput(versions.too_new(where, header["needs"], "a newer package format"))


def unpack(data: bytes, where: str, passphrase: str | None = None) -> dict[str, Any]:
    """The payload of package bytes read from ``where`` (named in every refusal)."""
    if not data.startswith(MAGIC):
        raise InvalidInput(f"{where} is not an IDG group package.")
    start = len(MAGIC) + _PREFIX.size
    if len(data) < start:
        raise InvalidInput(f"{where} is damaged: the package is truncated.")
    refuse_newer(data, where)
    version, flags, header_length = _PREFIX.unpack_from(data, len(MAGIC))
    head_end = start + header_length
    if version < 1 or flags & ~FLAG_PROTECTED:
        raise InvalidInput(f"{where} is damaged: its header is not valid.")
    if len(data) < head_end:
        raise InvalidInput(f"{where} is damaged: the package is truncated.")
    header = _header(data[start:head_end])
    if not header:
        raise InvalidInput(f"{where} is damaged: its header cannot be read.")
    body = data[head_end:]
    if not flags & FLAG_PROTECTED and _digest(header, body) != header.get("sha256"):
        raise InvalidInput(
            f"{where} is damaged: its content does not match its checksum "
            "(a copy cut short or altered)."
        )
    if versions.is_newer(header.get("needs")):
        raise InvalidInput(versions.too_new(where, header["needs"], "a newer package format"))
    if flags & FLAG_PROTECTED:
        compressed = _decrypt(data[:head_end], header, body, where, passphrase)
    else:
        compressed = body
    try:
        decompressor = zlib.decompressobj()
        raw = decompressor.decompress(compressed, MAX_PAYLOAD)
        if decompressor.unconsumed_tail:
            raise InvalidInput(f"{where} is too large to be a group package.")
        payload = json.loads(raw)
    except (zlib.error, ValueError):
        raise InvalidInput(f"{where} is damaged: its content cannot be read.") from None
    if not isinstance(payload, dict) or payload.get("format") != "idg-package":
        raise InvalidInput(f"{where} is damaged: it does not hold a group package.")
    carried = payload.get("version", 1)
    if not isinstance(carried, int) or carried > PAYLOAD_VERSION:
        what = f"package format {carried}, this version reads up to {PAYLOAD_VERSION}"
        raise InvalidInput(versions.too_new(where, header.get("needs"), what))
    return payload


def _digest(header: dict[str, Any], body: bytes) -> str:
    """An open package's checksum: of the body, and of the header's other
    fields when it has any (what the package needs), so that a changed byte
    anywhere is caught. A package written before the header had other fields
    has the body's checksum alone."""
    rest = {key: value for key, value in header.items() if key != "sha256"}
    covered = json.dumps(rest, sort_keys=True).encode("ascii") + b"\n" if rest else b""
    return hashlib.sha256(covered + body).hexdigest()


def _header(encoded: bytes) -> dict[str, Any]:
    """A package's header, or ``{}`` when it cannot be read."""
    try:
        header = json.loads(encoded)
    except ValueError:
        return {}
    return header if isinstance(header, dict) else {}


def _decrypt(
    head: bytes, header: dict[str, Any], body: bytes, where: str, passphrase: str | None
) -> bytes:
    if passphrase is None:
        raise InvalidInput(f"{where} is protected: give its passphrase.")
    try:
        salt = base64.b64decode(header["salt"], validate=True)
        nonce = base64.b64decode(header["nonce"], validate=True)
        n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
        if header.get("kdf") != "scrypt" or not (2**10 <= n <= 2**20 and r <= 32 and p <= 16):
            raise ValueError
    except (KeyError, ValueError, TypeError):
        raise InvalidInput(f"{where} is damaged: its protection header cannot be read.") from None
    try:
        key = _derive(passphrase, salt, n, r, p)
    except ValueError:  # parameters scrypt rejects (e.g. n not a power of two)
        raise InvalidInput(f"{where} is damaged: its protection header cannot be read.") from None
    try:
        return AESGCM(key).decrypt(nonce, body, head)
    except (InvalidTag, ValueError):
        raise WrongPassphrase(
            f"{where} cannot be opened: the passphrase is wrong, or the package was altered."
        ) from None


def write_package(path: Path | str, payload: dict[str, Any], passphrase: str | None = None) -> Path:
    """Write atomically (temporary file, sync, rename, read back)."""
    return write_atomically(Path(path), pack(payload, passphrase))


def read_package(path: Path | str, passphrase: str | None = None) -> dict[str, Any]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a group package.") from None
    except OSError as error:
        raise InvalidInput(f"{path} cannot be read ({error.strerror}).") from None
    return unpack(data, str(path), passphrase)
