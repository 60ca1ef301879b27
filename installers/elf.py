"""What an ELF file (Linux program or shared library) needs, read with
``objdump -p`` (binutils, which dpkg-dev depends on).

Shared by the spec (leaving out libraries nothing kept loads),
``deb_depends.py`` (the .deb's ``Depends``), ``glibc_floor.py`` (the oldest
Linux) and tests/test_installers.py.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
_VERSION = re.compile(r"\b(GLIBC|GLIBCXX|CXXABI|GCC)_([0-9][0-9.]*)\b")


@dataclass
class ElfNeeds:
    needed: list[str] = field(default_factory=list)  # DT_NEEDED sonames
    #: symbol versions required, e.g. {"GLIBC": ["2.34", ...]}
    versions: dict[str, set[str]] = field(default_factory=dict)


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(4) == ELF_MAGIC
    except OSError:
        return False


def elf_needs(path: Path) -> ElfNeeds:
    text = subprocess.run(
        ["objdump", "-p", str(path)], capture_output=True, text=True, check=True
    ).stdout
    needs = ElfNeeds()
    in_references = False
    for line in text.splitlines():
        words = line.split()
        if len(words) == 2 and words[0] == "NEEDED":
            needs.needed.append(words[1])
        if line.startswith("Version References:"):
            in_references = True
            continue
        if in_references:
            if line and not line[0].isspace():
                in_references = False
                continue
            for name, number in _VERSION.findall(line):
                needs.versions.setdefault(name, set()).add(number)
    return needs


def version_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split(".") if part)


def elf_files(folder: Path) -> list[Path]:
    """Every ELF file under ``folder`` (symbolic links not followed twice)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p))
