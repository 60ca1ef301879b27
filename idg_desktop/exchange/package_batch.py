"""All group packages at once: readable file names, one passphrase per group,
and the slips that carry the passphrases to the groups in person.

``export_all`` writes one package per working group into a folder. With
protection, each group gets its own passphrase of five words drawn with
:func:`secrets.choice` from a built-in list (``resources/words``), printed on
slips (a PDF, one slip per group) that are written where the facilitator
chooses — never into the packages' folder, so the two never travel together.
Everything is prepared first (packages sealed, slips drawn) and only then
written; if a write fails, what this call wrote is removed again.
"""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path

from idg_desktop.atomic import write_atomically
from idg_desktop.errors import CannotWrite, InvalidInput
from idg_desktop.exchange import container
from idg_desktop.exchange.package_files import SUFFIX, WrittenPackage, package_file_name
from idg_desktop.exchange.packages import export_payload
from idg_desktop.resources import resource_path
from idg_desktop.services.groups import list_groups
from idg_desktop.storage.document import AssessmentDocument

#: Five words from 1,770: log2(1770) * 5 ≈ 54 bits, each guess costing a
#: scrypt derivation (about 0.35 s and 128 MiB): far beyond guessing by hand
#: or by machine within a workshop's life.
PASSPHRASE_WORDS = 5


@cache
def word_list() -> tuple[str, ...]:
    words = resource_path("words", "passphrase-words.txt").read_text("utf-8").split()
    return tuple(dict.fromkeys(w.strip() for w in words if w.strip()))


def new_passphrase(words: int = PASSPHRASE_WORDS) -> str:
    """Words joined by hyphens (easy to read out and to type), e.g. 'maple-otter-brisk-...'."""
    choices = word_list()
    return "-".join(secrets.choice(choices) for _ in range(words))


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def check_slips_place(folder: Path | str, slips: Path | str | None, protect: bool) -> None:
    """Refuse (one sentence) a protected export without slips, or slips in the packages' folder."""
    if not protect:
        if slips is not None:
            raise InvalidInput(
                "Slips are for protected packages: add --protect, or leave --slips out."
            )
        return
    if slips is None:
        raise InvalidInput(
            "Protected packages need a place for the passphrase slips (--slips SLIPS.pdf), "
            "outside the packages' folder."
        )
    if _inside(Path(slips), Path(folder)):
        raise InvalidInput(
            f"{slips} is inside the packages' folder {folder}: save the passphrase slips "
            "elsewhere, so they never travel with the packages."
        )


def export_all(
    document: AssessmentDocument,
    folder: Path | str,
    *,
    protect: bool = False,
    slips: Path | str | None = None,
) -> list[WrittenPackage]:
    """One package per working group into ``folder`` (made if missing); with
    ``protect``, one passphrase per group, printed on the slips at ``slips``."""
    folder = Path(folder)
    check_slips_place(folder, slips, protect)
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is a file, not a folder for the packages.")
    groups = list_groups(document)
    if not groups:
        raise InvalidInput("There are no working groups: form them before exporting packages.")
    prepared: list[tuple[WrittenPackage, bytes]] = []
    taken: set[str] = set()
    for group in groups:
        payload = export_payload(document, group.id)  # refuses a group without sections
        name = package_file_name(group.name)
        stem, number = name[: -len(SUFFIX)], 2
        while name.casefold() in taken:  # FAT and macOS ignore case
            name, number = f"{stem} ({number}){SUFFIX}", number + 1
        taken.add(name.casefold())
        passphrase = new_passphrase() if protect else None
        written = WrittenPackage(
            group.name, folder / name, list(payload["group"]["sections"]), passphrase
        )
        prepared.append((written, container.pack(payload, passphrase)))
    slips_pdf = None
    if protect:
        from idg_desktop.reports.slips import slips_pdf as draw_slips

        slips_pdf = draw_slips(document, [w for w, _ in prepared])
    for place in (folder, *([Path(slips).parent] if slips_pdf is not None else [])):
        try:
            place.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CannotWrite(f"{place} cannot be made ({error.strerror or error}).") from None
    done: list[Path] = []
    try:
        if slips_pdf is not None:  # first: no protected package without its passphrase
            write_atomically(Path(slips), slips_pdf)
            done.append(Path(slips))
        for written, data in prepared:
            write_atomically(written.path, data)
            done.append(written.path)
    except BaseException:
        for path in done:
            path.unlink(missing_ok=True)
        raise
    return [w for w, _ in prepared]
