"""The .deb's ``Depends``, computed from the bundle itself.

Every ELF file in the frozen bundle (the programs, Python, the extension
modules, Qt's libraries and plugins — the xcb platform plugin among them)
names the shared libraries it needs (DT_NEEDED). A library found inside the
bundle travels with it; every other one must come from a Debian package named
in ``Depends``: the package that provides it on the build machine
(``dpkg -S``). The C library's package gets a floor, the newest GLIBC_x.y
symbol version any file needs (glibc_floor.py).

    python installers/deb_depends.py dist/idg-workshop      # prints the Depends value
    python installers/deb_depends.py dist/idg-workshop --explain

Refuses (exit 1, one line) when a needed library is neither in the bundle nor
found on this machine: the bundle would not start on a laptop either.
"""

from __future__ import annotations

import argparse
import functools
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from elf import elf_files, elf_needs
from glibc_floor import newest_versions

#: Libraries of the dynamic loader and C library: their package is libc6.
LIBC_PACKAGE = "libc6"


class Unresolved(Exception):
    """A library the bundle needs is neither in it nor on this machine."""


def bundled_names(bundle: Path) -> set[str]:
    return {p.name for p in bundle.rglob("*") if p.is_file() or p.is_symlink()}


def external_needs(bundle: Path) -> dict[str, list[Path]]:
    """Each library needed from outside the bundle, with the files needing it."""
    inside = bundled_names(bundle)
    needs: dict[str, list[Path]] = {}
    for path in elf_files(bundle):
        for name in elf_needs(path).needed:
            if name not in inside:
                needs.setdefault(name, []).append(path)
    return needs


@functools.cache
def _ldconfig() -> dict[str, str]:
    text = subprocess.run(
        ["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True
    ).stdout
    found: dict[str, str] = {}
    for line in text.splitlines()[1:]:
        name, _, target = line.strip().partition(" => ")
        soname = name.split(" (")[0]
        if "x86-64" in name:  # the 64-bit library, not a 32-bit one beside it
            found.setdefault(soname, target)
    return found


def package_of(soname: str) -> str:
    """The Debian package providing ``soname`` on this machine."""
    path = _ldconfig().get(soname)
    if path is None:
        raise Unresolved(f"{soname} is needed by the bundle but not installed here")
    real = Path(path).resolve()
    candidates = [str(path), str(real)]
    for candidate in list(candidates):  # merged /usr: dpkg may know either spelling
        if candidate.startswith("/usr/"):
            candidates.append(candidate[4:])
        else:
            candidates.append("/usr" + candidate)
    for candidate in candidates:
        done = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if done.returncode == 0:
            package = done.stdout.split(":", 1)[0].strip()
            return package.split(",")[0].strip()
    raise Unresolved(f"{soname} ({path}) belongs to no Debian package")


def depends(bundle: Path) -> tuple[list[str], dict[str, str]]:
    """The ``Depends`` entries, and which package answers for each library."""
    by_library = {name: package_of(name) for name in sorted(external_needs(bundle))}
    packages = sorted(set(by_library.values()))
    glibc = newest_versions(bundle).get("GLIBC")
    entries = [f"{p} (>= {glibc})" if p == LIBC_PACKAGE and glibc else p for p in packages]
    return entries, by_library


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--explain", action="store_true", help="one line per library")
    args = parser.parse_args(argv)
    try:
        entries, by_library = depends(args.bundle)
    except Unresolved as problem:
        print(f"deb_depends: {problem}", file=sys.stderr)
        return 1
    if args.explain:
        for name, package in by_library.items():
            print(f"{name}: {package}")
    print(", ".join(entries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
