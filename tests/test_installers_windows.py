"""The Windows installer script: compiled with makensis against a stand-in
payload when makensis is here, and read for what it may and may not touch.

What this proves is the script (it compiles with warnings as errors; it asks
for no administrator rights; it writes to HKCU only; its uninstaller deletes
exactly the files it installed and never the user's data or .idg files). It
does not build, install or run the Windows application.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from idg_desktop import config

ROOT = Path(__file__).resolve().parents[1]
WINDOWS = ROOT / "installers" / "windows"
NSI = WINDOWS / "idg-workshop.nsi"
CHECK = WINDOWS / "check_nsis.sh"
LISTER = WINDOWS / "payload_list.py"

needs_makensis = pytest.mark.skipif(shutil.which("makensis") is None, reason="no makensis")


def _script() -> str:
    return NSI.read_text(encoding="utf-8")


def _instructions(text: str) -> list[str]:
    """The script's lines without comments, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", text)
    return [ln.strip() for ln in text.splitlines() if ln.strip() and ln.strip()[0] not in ";#"]


def _section(text: str, name: str) -> str:
    start = text.index(f'Section "{name}"')
    return text[start : text.index("SectionEnd", start)]


def _payload(tmp_path: Path) -> Path:
    payload = tmp_path / "idg-workshop"
    for rel in (
        "idg-desktop.exe",
        "idg.exe",
        "_internal/python311.dll",
        "_internal/resources/framework/idg-2021.json",
        "_internal/PySide6/plugins/platforms/qwindows.dll",
        "_internal/odd $name.txt",
    ):
        (payload / rel).parent.mkdir(parents=True, exist_ok=True)
        (payload / rel).write_bytes(b"stand-in " + rel.encode())
    (payload / "_internal" / "empty").mkdir()
    return payload


def _list(payload: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(LISTER), str(payload), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )


# -- compiled -------------------------------------------------------------


@needs_makensis
def test_the_script_compiles_with_warnings_as_errors_against_a_stand_in_payload():
    done = subprocess.run(["bash", str(CHECK)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[-1].startswith("check_nsis: idg-workshop.nsi compiles")
    assert "not the Windows build" in lines[-1]


@needs_makensis
def test_the_check_fails_on_a_warning(tmp_path):
    warned = tmp_path / "warned.nsi"
    warned.write_text(_script() + '\n!warning "a stand-in warning"\n', encoding="utf-8")
    done = subprocess.run(
        ["bash", str(CHECK), str(warned)], capture_output=True, text=True, check=False
    )
    assert done.returncode != 0
    assert "compiles" not in done.stdout


@needs_makensis
@pytest.mark.skipif(shutil.which("7zz") is None, reason="no 7-Zip (7zz) to open the setup")
def test_the_setup_holds_the_payload_at_its_place_in_the_install_folder(tmp_path):
    done = subprocess.run(
        ["bash", str(CHECK)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "IDG_NSIS_OUT": str(tmp_path)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (setup,) = tmp_path.glob("idg-workshop-*-windows-x64-setup.exe")
    listing = subprocess.run(
        ["7zz", "l", "-slt", str(setup)], capture_output=True, text=True, check=True
    ).stdout
    inside = {
        line.removeprefix("Path = ")
        for line in listing.splitlines()
        if line.startswith("Path = ") and not line.startswith(("Path = $PLUGINSDIR", "Path = /"))
    } - {setup.name, str(setup)}
    payload = tmp_path / "idg-workshop"
    expected = {p.relative_to(payload).as_posix() for p in payload.rglob("*") if p.is_file()}
    assert "_internal/odd $name.txt" in expected
    assert inside == expected | {"uninstall.exe"}


@needs_makensis
def test_the_setup_and_its_uninstaller_are_signed_only_when_a_signing_tool_is_given(tmp_path):
    log = tmp_path / "signed.log"
    tool = tmp_path / "sign tool"
    tool.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\n')
    tool.chmod(0o755)
    done = subprocess.run(
        ["bash", str(CHECK), str(NSI), f"-DSIGN_TOOL={tool}", "-DSIGN_ARGS=sign /sha1 ABC"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    signed = log.read_text().splitlines()
    assert len(signed) == 2  # the uninstaller as it is written into the setup, then the setup
    assert all(line.startswith("sign /sha1 ABC ") for line in signed)
    assert signed[1].endswith("-windows-x64-setup.exe")


# -- the file list ----------------------------------------------------------


def test_the_uninstaller_deletes_exactly_the_files_the_installer_put_there(tmp_path):
    payload = _payload(tmp_path)
    out = tmp_path / "files.nsh"
    done = _list(payload, out)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8-sig")
    install = text[text.index("!macro IDG_INSTALL_PAYLOAD") : text.index("!macroend")]
    uninstall = text[text.index("!macro IDG_UNINSTALL_PAYLOAD") :]

    expected = {
        p.relative_to(payload).as_posix().replace("/", "\\")
        for p in payload.rglob("*")
        if p.is_file()
    }
    installed = set(re.findall(r'File "\$\{PAYLOAD\}\\(.+)"', install))
    deleted = {
        name.replace("$$", "$") for name in re.findall(r'Delete "\$INSTDIR\\(.+)"', uninstall)
    }
    assert installed == expected
    assert deleted == expected
    # Folders: a plain RMDir (only when empty), deepest first, none recursive.
    removed = re.findall(r"RMDir (.*)", uninstall)
    assert removed, uninstall
    assert all(not r.startswith("/") for r in removed)
    depths = [r.count("\\") for r in removed]
    assert depths == sorted(depths, reverse=True)
    assert '"$INSTDIR\\_internal\\PySide6\\plugins\\platforms"' in removed
    assert re.search(r"PAYLOAD_SIZE_KB [1-9]", text)


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ("_internal/left-behind.idg", ".idg"),
        ("_internal/group.IDGPKG", ".idg"),
        ("uninstall.exe", "uninstaller"),
        ("_internal/a*b.txt", "cannot list"),
    ],
)
def test_a_payload_that_cannot_be_listed_safely_is_refused(tmp_path, extra, words):
    payload = _payload(tmp_path)
    (payload / extra).write_bytes(b"x")
    out = tmp_path / "files.nsh"
    done = _list(payload, out)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert words in done.stderr
    assert not out.exists()


def test_a_payload_without_both_programs_is_refused(tmp_path):
    payload = _payload(tmp_path)
    (payload / "idg.exe").unlink()
    done = _list(payload, tmp_path / "files.nsh")
    assert done.returncode == 2
    assert "idg.exe" in done.stderr


# -- what the script may touch ------------------------------------------------


def test_the_installer_asks_for_no_administrator_rights_and_writes_for_this_user_only():
    lines = _instructions(_script())
    assert "RequestExecutionLevel user" in lines
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_NAME}"' in lines
    text = "\n".join(lines)
    for word in ("HKLM", "HKCR", "HKEY_LOCAL_MACHINE", "HKEY_CLASSES_ROOT", "SHCTX", "HKU "):
        assert word not in text, word
    assert not re.search(r"SetShellVarContext\s+all", text, re.IGNORECASE)
    registry = [ln for ln in lines if re.match(r"(Write|Delete|Read)Reg|InstallDirRegKey", ln)]
    assert len(registry) > 10
    assert all(ln.split()[1] == "HKCU" or ln.split()[2] == "HKCU" for ln in registry), registry


def test_the_uninstaller_never_removes_a_folder_recursively_nor_the_users_data():
    text = "\n".join(_instructions(_script()))
    assert not re.search(r"RMDir\s+(/\S+\s+)*/r\b", text, re.IGNORECASE)
    removals = re.findall(r"^(?:Delete|RMDir)\s+(?:/\S+\s+)*(.+)$", text, re.MULTILINE)
    assert removals
    for target in removals:
        # this copy's folder, the earlier copy's folder (upgrade), the shortcut
        assert target.startswith(('"$INSTDIR', '"$R0', '"${SHORTCUT}"')), target
        assert "*" not in target and "?" not in target, target
        assert ".idg" not in target.lower(), target
        assert "APPDATA" not in target.upper(), target


def test_the_data_folders_of_the_application_are_refused_as_the_install_folder():
    text = _script()
    assert f'!define APP_NAME "{config.APP_DIR_NAME}"' in text
    verify = text[text.index("Function .onVerifyInstDir") :]
    verify = verify[: verify.index("FunctionEnd")]
    assert '"$LOCALAPPDATA\\${APP_NAME}"' in verify  # config.data_dir() on Windows
    assert '"$APPDATA\\${APP_NAME}"' in verify  # config.config_dir() on Windows
    assert "Abort" in verify


def test_associations_open_the_window_and_are_removed_only_while_they_still_point_to_it():
    text = _script()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    assert scripts["idg-desktop"] == "idg_desktop.ui.app:entry"
    assert '!define APP_EXE "idg-desktop.exe"' in text
    open_command = '\'"$INSTDIR\\${APP_EXE}" "%1"\''
    assert f'"${{CLASSES}}\\${{PROGID}}\\shell\\open\\command" "" {open_command}' in text
    for ext in (".idg", ".idgpkg"):
        assert f'!insertmacro ASSOCIATE "{ext}"' in _section(text, "${APP_NAME}")
        assert f'!insertmacro UNASSOCIATE "{ext}"' in _section(text, "Uninstall")
    assert text.count("SHChangeNotify") == 2
    undo = text[text.index("!macro UNASSOCIATE") :]
    undo = undo[: undo.index("!macroend")]
    guard = undo.index(f"${{If}} $0 == {open_command}")
    assert guard < undo.index('DeleteRegKey HKCU "${CLASSES}\\${PROGID}"')


def test_the_version_and_the_payload_come_from_the_build_script():
    lines = _instructions(_script())
    for name in ("VERSION", "PAYLOAD", "FILES"):
        start = lines.index(f"!ifndef {name}")
        assert lines[start + 1].startswith("!error"), name
    assert 'WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"' in lines
    assert 'WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${PAYLOAD_SIZE_KB}' in lines
