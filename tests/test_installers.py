"""The Linux installers (installers/build.sh): the frozen bundle, the tar.gz
and the .deb.

The checks of the built files run when ``dist/`` holds a build (CI builds once
with installers/build.sh, then runs this file with ``IDG_INSTALLERS=1``, where
a missing build fails instead of skipping). The checks of the tools
themselves (deb_depends.py, glibc_floor.py) run wherever objdump and dpkg are.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALLERS = ROOT / "installers"
DIST = ROOT / "dist"
BUNDLE = DIST / "idg-workshop"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
TARBALL = DIST / f"idg-workshop-{VERSION}-linux-x86_64.tar.gz"
DEB = DIST / f"idg-workshop_{VERSION}_amd64.deb"

sys.path.insert(0, str(INSTALLERS))

from elf import elf_files, elf_needs  # noqa: E402

linux_tools = pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or not all(shutil.which(tool) for tool in ("objdump", "dpkg", "dpkg-deb")),
    reason="needs Linux with objdump (binutils) and dpkg",
)


@pytest.fixture
def built() -> None:
    if not (BUNDLE.is_dir() and TARBALL.is_file() and DEB.is_file()):
        if os.environ.get("IDG_INSTALLERS") == "1":
            pytest.fail(f"no build in {DIST}: run bash installers/build.sh first")
        pytest.skip("no Linux build in dist/ (bash installers/build.sh)")


def _depends_names(field: str) -> set[str]:
    names = set()
    for entry in field.split(","):
        for alternative in entry.split("|"):
            names.add(alternative.split("(")[0].strip())
    return names - {""}


@functools.cache
def _providers(soname: str) -> frozenset[str]:
    """The packages that install a file of that name, asked of dpkg directly."""
    done = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True)
    return frozenset(
        package.strip().split(":")[0]
        for line in done.stdout.splitlines()
        for package in line.split(": ", 1)[0].split(",")
    )


# -- the built files -------------------------------------------------------------


@linux_tools
def test_every_library_the_bundle_needs_is_inside_it_or_in_depends(built):
    """CI's machine has every library installed, so a missing Depends would
    not show there: each NEEDED of each ELF file (programs, Python, Qt, the
    xcb platform plugin) is in the bundle or provided by a package named in
    the built .deb's Depends."""
    depends = subprocess.run(
        ["dpkg-deb", "-f", str(DEB), "Depends"], capture_output=True, text=True, check=True
    ).stdout.strip()
    named = _depends_names(depends)
    inside = {p.name for p in BUNDLE.rglob("*")}
    files = elf_files(BUNDLE)
    assert any(p.name == "libqxcb.so" for p in files), "the xcb platform plugin is not bundled"
    missing = []
    for path in files:
        for soname in elf_needs(path).needed:
            if soname in inside:
                continue
            if not _providers(soname) & named:
                missing.append(f"{soname} (needed by {path.relative_to(BUNDLE)})")
    assert not missing, f"not in the bundle nor in Depends ({depends}): {sorted(set(missing))}"


@linux_tools
def test_the_deb_installs_under_opt_with_both_programs_on_the_path_and_the_file_types(built):
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(DEB)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./opt/idg-workshop/idg-desktop",
        "./opt/idg-workshop/idg",
        "./usr/bin/idg-desktop -> /opt/idg-workshop/idg-desktop",
        "./usr/bin/idg -> /opt/idg-workshop/idg",
        "./usr/share/applications/org.idg_workshop.IDGWorkshop.desktop",
        "./usr/share/mime/packages/idg-workshop.xml",
        "./usr/share/metainfo/org.idg_workshop.IDGWorkshop.metainfo.xml",
        "./usr/share/icons/hicolor/256x256/apps/idg-workshop.png",
        "./usr/share/icons/hicolor/scalable/apps/idg-workshop.svg",
    ):
        assert path in listing, path
    fields = {
        name: subprocess.run(
            ["dpkg-deb", "-f", str(DEB), name], capture_output=True, text=True, check=True
        ).stdout.strip()
        for name in ("Package", "Version", "Architecture", "Depends")
    }
    assert fields["Package"] == "idg-workshop"
    assert fields["Version"] == VERSION
    assert fields["Architecture"] == "amd64"
    assert re.search(r"libc6 \(>= 2\.\d+\)", fields["Depends"])
    desktop = (INSTALLERS / "linux" / "org.idg_workshop.IDGWorkshop.desktop").read_text()
    assert "Exec=idg-desktop %f" in desktop
    assert "MimeType=application/x-idg-assessment;application/x-idg-package;" in desktop
    mime = (INSTALLERS / "linux" / "idg-workshop-mime.xml").read_text()
    assert '<glob pattern="*.idg"/>' in mime and '<glob pattern="*.idgpkg"/>' in mime


@linux_tools
def test_the_tarball_has_a_launcher_at_its_top(built):
    with tarfile.open(TARBALL) as tar:
        names = set(tar.getnames())
        top = f"idg-workshop-{VERSION}"
        for program in ("idg-desktop", "idg"):
            member = tar.getmember(f"{top}/{program}")
            assert member.isfile() and member.mode & 0o111, program
        assert f"{top}/_internal/resources/framework/idg-2021.json" in names


@linux_tools
def test_the_bundle_leaves_out_the_qt_modules_the_application_does_not_use(built):
    names = {p.name for p in BUNDLE.rglob("*")}
    for needed in ("libQt6Pdf.so.6", "libQt6PdfWidgets.so.6", "libqxcb.so", "libqoffscreen.so"):
        assert needed in names, needed
    unused = [
        n
        for n in names
        if re.match(r"libQt6(WebEngine|3D|Quick|Qml|Multimedia|Charts|DataVis|Bluetooth)", n)
        or re.match(r"Qt(WebEngine|3D|Quick|Qml|Multimedia|Charts)\w*\.abi3\.so", n)
    ]
    assert not unused, unused


@linux_tools
def test_the_frozen_programs_say_the_pyproject_version(built, tmp_path):
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    for program in ("idg", "idg-desktop"):
        done = subprocess.run(
            [str(BUNDLE / program), "--version"], capture_output=True, text=True, env=env
        )
        assert done.stdout.strip() == f"IDG Workshop {VERSION}", (program, done.stderr)


@linux_tools
def test_the_readme_states_the_glibc_floor_of_the_bundle(built):
    done = subprocess.run(
        [sys.executable, str(INSTALLERS / "glibc_floor.py"), str(BUNDLE)],
        capture_output=True,
        text=True,
        check=True,
    )
    floor = re.match(r"GLIBC_(\d+\.\d+)", done.stdout).group(1)
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"glibc {floor}" in readme, f"README does not state the floor glibc {floor}"


def test_the_qt_modules_left_out_of_the_bundle_are_never_imported():
    """The spec leaves Qt modules out; an import of one of them would break
    only the installed application (the self-test would catch it after a
    build; this catches it at once)."""
    spec = (INSTALLERS / "idg-workshop.spec").read_text("utf-8")
    listed = re.search(r"QT_UNUSED = \[(.*?)\]", spec, re.S).group(1)
    left_out = set(re.findall(r'"(Qt\w+)"', listed))
    assert {"QtWebEngineCore", "QtQuick", "Qt3DCore", "QtMultimedia"} <= left_out
    imported = set()
    for path in (ROOT / "idg_desktop").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text("utf-8")))
    assert {"QtCore", "QtGui", "QtWidgets", "QtPdf"} <= imported
    assert not imported & left_out, sorted(imported & left_out)


# -- the tools, on a bundle made here --------------------------------------------


def _fake_bundle(tmp_path: Path, *programs: str) -> Path:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    for program in programs:
        shutil.copy(shutil.which(program), bundle / Path(program).name)
    return bundle


@linux_tools
def test_depends_names_the_package_of_each_outside_library_and_a_glibc_floor(tmp_path):
    import deb_depends

    bundle = _fake_bundle(tmp_path, "gzip", "dpkg-deb")
    needed = {n for p in elf_files(bundle) for n in elf_needs(p).needed}
    entries, by_library = deb_depends.depends(bundle)
    assert set(by_library) == needed
    assert by_library["libc.so.6"] == "libc6"
    assert any(re.fullmatch(r"libc6 \(>= 2\.\d+\)", e) for e in entries)
    # a library travelling inside the bundle is not asked of the system
    inside = sorted(needed - {"libc.so.6"})[0]
    (bundle / "_internal" / inside).write_bytes(b"")
    assert inside not in deb_depends.depends(bundle)[1]


@linux_tools
def test_depends_refuses_a_library_found_nowhere(tmp_path):
    import deb_depends

    with pytest.raises(deb_depends.Unresolved, match="libnowhere"):
        deb_depends.package_of("libnowhere.so.7")


@linux_tools
def test_the_glibc_floor_is_the_newest_version_any_file_needs(tmp_path):
    import glibc_floor

    bundle = _fake_bundle(tmp_path, "gzip", "dpkg-deb")
    newest = max(
        (v for p in elf_files(bundle) for v in elf_needs(p).versions.get("GLIBC", ())),
        key=lambda v: tuple(map(int, v.split("."))),
    )
    assert glibc_floor.newest_versions(bundle) == {"GLIBC": newest}
