"""The reports there are, by the names the command line and the window use.

Kept apart from ``export`` so that listing them (``idg --help``, the Reports
page) does not import reportlab.
"""

from __future__ import annotations

REPORTS = ("assessment", "tor", "worksheets", "action-plan", "kpis", "matrix", "slides")
NAMES = {
    "assessment": "assessment report",
    "tor": "terms of reference",
    "worksheets": "group worksheets",
    "action-plan": "action plan",
    "kpis": "KPI metadata sheets",
    "matrix": "priority matrix",
    "slides": "plenary slides",
}
