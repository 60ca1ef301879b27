"""The oldest Linux the frozen bundle runs on, read from the bundle itself.

The C library (glibc) is the one part of the system every Linux program
shares and the bundle never carries; each ELF file in the bundle (the Python
it carries counts, and Qt, and every library and plugin) records the newest
GLIBC_x.y symbol versions it needs. The largest of them is the floor: a Linux
whose glibc is older refuses to start the program.

    python installers/glibc_floor.py dist/idg-workshop
    python installers/glibc_floor.py dist/idg-workshop --explain   # which file needs it
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from elf import elf_files, elf_needs, version_key

#: glibc of common desktop distributions (their release notes / packages).
DISTRIBUTIONS = [
    ("2.28", "Debian 10"),
    ("2.31", "Ubuntu 20.04 LTS, Debian 11"),
    ("2.34", "RHEL 9"),
    ("2.35", "Ubuntu 22.04 LTS, Linux Mint 21"),
    ("2.36", "Debian 12"),
    ("2.39", "Ubuntu 24.04 LTS, Linux Mint 22"),
    ("2.41", "Debian 13"),
]


def newest_by_file(bundle: Path, family: str = "GLIBC") -> dict[Path, str]:
    found: dict[Path, str] = {}
    for path in elf_files(bundle):
        versions = elf_needs(path).versions.get(family)
        if versions:
            found[path] = max(versions, key=version_key)
    return found


def newest_versions(bundle: Path) -> dict[str, str]:
    """For GLIBC: the newest version any ELF file of the bundle needs."""
    by_file = newest_by_file(bundle)
    return {"GLIBC": max(by_file.values(), key=version_key)} if by_file else {}


def distributions(floor: str) -> tuple[str, str]:
    """The listed distributions whose glibc is new enough, and those too old."""
    fits = [n for v, n in DISTRIBUTIONS if version_key(v) >= version_key(floor)]
    older = [n for v, n in DISTRIBUTIONS if version_key(v) < version_key(floor)]
    return "; ".join(fits) or "none listed", "; ".join(older) or "none listed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args(argv)
    by_file = newest_by_file(args.bundle)
    if not by_file:
        print(f"glibc_floor: no ELF file needing glibc under {args.bundle}", file=sys.stderr)
        return 1
    floor = max(by_file.values(), key=version_key)
    if args.explain:
        for path, version in sorted(by_file.items(), key=lambda kv: version_key(kv[1])):
            if version == floor:
                print(f"{path.relative_to(args.bundle)}: GLIBC_{version}")
    fits, older = distributions(floor)
    print(f"GLIBC_{floor}: runs on glibc {floor} or newer: {fits}; not on: {older}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
