"""Which version of IDG Workshop a file needs, and the one sentence refusing it.

A facilitator's laptop and the groups' laptops may run different versions.
Everything this version writes — the ``.idg`` file, a group package, the full
workbook, a fill-in workbook — carries the first version of IDG Workshop able
to read it (``needs``), taken from the declared maps beside each format's
version (``migrations.SCHEMA_SINCE``, ``container.PACKAGE_SINCE``,
``layout.WORKBOOK_SINCE``, ``fill_in.FILL_IN_SINCE``). A version that meets a
format newer than it reads names that version to the user: "x.idg needs IDG
Workshop 0.3.0 or later; this is 0.1.0." A file that does not say (made by
hand, or damaged there) is still refused, with the file's format number.
"""

from __future__ import annotations

import re

from idg_desktop import __version__

#: This version of the application.
APP_VERSION = __version__
#: What every refusal of a newer file ends with (and the README's Install section says).
SAME_VERSION = "Use the same version of IDG Workshop on every laptop of a workshop."

_VERSION = re.compile(r"\d{1,4}(\.\d{1,4}){0,3}")


def parse(version: object) -> tuple[int, ...] | None:
    """``"0.3.1"`` as ``(0, 3, 1)``; None for anything that is not a plain
    version number (a file's text is never trusted to be one)."""
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        return None
    return tuple(int(part) for part in version.split("."))


def _padded(version: tuple[int, ...]) -> tuple[int, ...]:
    return version + (0,) * (4 - len(version))


def is_newer(version: object, than: str | None = None) -> bool:
    """Is ``version`` (as a file gives it) later than ``than`` (this version)?"""
    mine, theirs = parse(than or APP_VERSION), parse(version)
    return mine is not None and theirs is not None and _padded(theirs) > _padded(mine)


def latest(*versions: str) -> str:
    """The latest of several versions (what a file needs when it holds several formats)."""
    return max(versions, key=lambda v: _padded(parse(v) or (0,)))


def too_new(where: object, needs: object, what: str) -> str:
    """The one sentence refusing ``where``, made by a newer version.

    ``needs``: the version the file says it needs (None or anything unreadable
    when it does not say); ``what``: the format number that was too new, for
    a file that does not say ("file schema 9; this version reads up to 7").
    """
    if is_newer(needs):
        return f"{where} needs IDG Workshop {needs} or later; this is {APP_VERSION}. {SAME_VERSION}"
    return (
        f"{where} was made by a newer version of IDG Workshop than this one ({APP_VERSION}; "
        f"{what}): update the application to open it. {SAME_VERSION}"
    )
