"""Interim: the frozen snapshot of what a service still hands out as an ORM row.

``services/participants.py`` and ``services/agenda.py`` are being turned to
hand out snapshots (issue 12); until they do, the window freezes their rows
here, so that no row reaches a page or a Qt model. A snapshot passes through
unchanged: once those services hand out snapshots, the calls can go.
"""

from __future__ import annotations

from dataclasses import is_dataclass
from typing import Any

from idg_desktop.services.snapshots import snapshot


def frozen(record: Any) -> Any:
    """``record`` as a frozen snapshot (``domain/records.py``)."""
    return record if is_dataclass(record) else snapshot(record)
