"""Pretending to be a later version of IDG Workshop (0.3.0), for the tests of
several laptops running several versions (``test_newer_versions.py`` and the
window's ``ui/test_newer_versions_window.py``).

The pretence is this very code with a schema, a package format, a workbook
format and a fill-in format past this version's, each introduced by 0.3.0 in
the declared maps, so what it writes is what a real later version would
write, through the same writers.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from idg_desktop import __version__
from idg_desktop.domain import versions
from idg_desktop.exchange import container
from idg_desktop.storage import migrations
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.workbook import fill_in, layout, reader, rows

GROUP_A = "Group A – Leadership, rules and transparency"
LATER = "0.3.0"


def pretend_to_be_later(mp: pytest.MonkeyPatch) -> None:
    """From now on in ``mp``'s context, this code writes as IDG Workshop 0.3.0 would."""
    mp.setattr(versions, "APP_VERSION", LATER)
    schema = migrations.SCHEMA_VERSION + 1
    mp.setattr(migrations, "SCHEMA_VERSION", schema)
    mp.setitem(migrations.SCHEMA_SINCE, schema, LATER)
    mp.setitem(migrations.STEPS, schema, lambda connection: None)  # its upgrade step
    mp.setattr(container, "PAYLOAD_VERSION", container.PAYLOAD_VERSION + 1)
    mp.setitem(container.PACKAGE_SINCE, container.PAYLOAD_VERSION, LATER)
    mp.setattr(rows, "FORMAT_VERSION", layout.FORMAT_VERSION + 1)
    mp.setattr(reader, "FORMAT_VERSION", rows.FORMAT_VERSION)  # it reads back what it wrote
    mp.setitem(layout.WORKBOOK_SINCE, rows.FORMAT_VERSION, LATER)
    mp.setattr(fill_in, "VERSION", fill_in.VERSION + 1)
    mp.setitem(fill_in.FILL_IN_SINCE, fill_in.VERSION, LATER)


def later_copy(demo_file: Path, target: Path) -> Path:
    """The demo, opened once by the later version (so upgraded to its schema)."""
    shutil.copyfile(demo_file, target)
    AssessmentDocument.open(target).close()
    return target


def sentence(path: Path) -> str:
    return (
        f"{path} needs IDG Workshop {LATER} or later; this is {__version__}. "
        "Use the same version of IDG Workshop on every laptop of a workshop."
    )
