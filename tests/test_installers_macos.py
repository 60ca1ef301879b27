"""installers/macos/make_dmg.sh, run here with stand-ins for the Mac's tools.

``hdiutil``, ``ditto``, ``codesign`` and ``xcrun`` are small scripts on the
PATH that record how they were called (``hdiutil`` also what the image would
hold). This proves the script's own logic — the Info.plist check, the image's
contents and name, signing only when asked — not that a Mac makes the image.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAKE_DMG = ROOT / "installers" / "macos" / "make_dmg.sh"

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a bash script")

SHIMS = {
    "ditto": 'echo "ditto $*" >> "$SHIM_LOG"; cp -R "$1" "$2"\n',
    "codesign": 'echo "codesign $*" >> "$SHIM_LOG"\n',
    "xcrun": 'echo "xcrun $*" >> "$SHIM_LOG"\n',
    "hdiutil": (
        'echo "hdiutil $*" >> "$SHIM_LOG"\n'
        "src=; out=\n"
        'while [ $# -gt 0 ]; do case "$1" in -srcfolder) src="$2"; shift;; *.dmg) out="$1";; esac;'
        " shift; done\n"
        'for entry in "$src"/*; do\n'
        '  if [ -L "$entry" ]; then echo "link $(basename "$entry") -> $(readlink "$entry")";\n'
        '  else echo "item $(basename "$entry")"; fi\n'
        'done >> "$SHIM_LOG"\n'
        'echo image > "$out"\n'
    ),
}


def _info(version: str = VERSION, extensions=("idg", "idgpkg")) -> dict:
    return {
        "CFBundleName": "IDG Workshop",
        "CFBundleShortVersionString": version,
        "CFBundleDocumentTypes": [
            {"CFBundleTypeName": f"IDG {ext}", "CFBundleTypeExtensions": [ext]}
            for ext in extensions
        ],
    }


def _run(tmp_path: Path, info: dict, **env: str):
    dist = tmp_path / "dist"
    contents = dist / "IDG Workshop.app" / "Contents"
    (contents / "MacOS").mkdir(parents=True)
    (contents / "MacOS" / "idg-desktop").write_text("stand-in")
    (contents / "Info.plist").write_bytes(plistlib.dumps(info))
    shims = tmp_path / "bin"
    shims.mkdir()
    for name, body in SHIMS.items():
        (shims / name).write_text("#!/bin/sh\n" + body)
        (shims / name).chmod(0o755)
    log = tmp_path / "shims.log"
    log.write_text("")
    environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MACOS_")},
        "PATH": f"{shims}{os.pathsep}{os.environ['PATH']}",
        "IDG_DIST": str(dist),
        "PYTHON": sys.executable,
        "SHIM_LOG": str(log),
        **env,
    }
    done = subprocess.run(
        ["bash", str(MAKE_DMG)], capture_output=True, text=True, env=environ, check=False
    )
    return done, dist, log.read_text().splitlines()


def test_an_unsigned_image_holds_the_app_and_a_link_to_applications(tmp_path):
    done, dist, log = _run(tmp_path, _info())
    assert done.returncode == 0, done.stderr
    dmg = dist / f"idg-workshop-{VERSION}-macos.dmg"
    assert dmg.read_text() == "image\n"
    create = next(line for line in log if line.startswith("hdiutil create"))
    assert "-srcfolder" in create
    assert f"-volname IDG Workshop {VERSION}" in create
    assert "item IDG Workshop.app" in log
    assert "link Applications -> /Applications" in log
    assert not any(line.startswith(("codesign", "xcrun")) for line in log)
    assert "UNSIGNED" in done.stdout
    assert "Open" in done.stdout


def test_signing_and_notarisation_run_only_when_their_settings_are_given(tmp_path):
    done, _, log = _run(tmp_path, _info(), MACOS_SIGN_IDENTITY="Developer ID Application: X")
    assert done.returncode == 0, done.stderr
    signs = [line for line in log if line.startswith("codesign --force")]
    assert len(signs) == 2  # the .app (hardened runtime), then the image
    assert "--options runtime" in signs[0] and signs[0].endswith("IDG Workshop.app")
    assert signs[1].endswith(f"idg-workshop-{VERSION}-macos.dmg")
    assert not any(line.startswith("xcrun") for line in log)
    assert "NOT notarised" in done.stdout

    shutil.rmtree(tmp_path / "dist")
    shutil.rmtree(tmp_path / "bin")
    done, _, log = _run(
        tmp_path,
        _info(),
        MACOS_SIGN_IDENTITY="Developer ID Application: X",
        MACOS_NOTARY_PROFILE="idg-notary",
    )
    assert done.returncode == 0, done.stderr
    xcrun = [line for line in log if line.startswith("xcrun")]
    assert xcrun[0].startswith("xcrun notarytool submit") and "idg-notary" in xcrun[0]
    assert any(line.startswith("xcrun stapler staple") for line in xcrun)
    assert "stapled" in done.stdout


@pytest.mark.parametrize(
    ("info", "words"),
    [
        (_info(extensions=("idg",)), ".idgpkg"),
        (_info(version="0.0.0-old"), "CFBundleShortVersionString"),
        ({**_info(), "CFBundleDocumentTypes": []}, ".idg"),
    ],
)
def test_an_app_without_the_document_types_or_this_version_is_refused(tmp_path, info, words):
    done, dist, log = _run(tmp_path, info)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert words in done.stderr
    assert not any(line.startswith("hdiutil") for line in log)
    assert not list(dist.glob("*.dmg"))
