"""The English words of the reports and the colours of the window, Qt-free.

The labels repeat those of ``ui/labels.py`` (ratings, kinds, roles...) and the
colours those of ``domain/colours.py`` (the window's), so a report printed for a
ministry speaks like the window projected in the workshop. The labels are
copied rather than imported because the core must not load the ``ui`` package.
"""

from __future__ import annotations

from idg_desktop.domain import colours

# The window's rating colours (one definition, in the core).
RATING_COLOURS = colours.RATING_COLOURS
NOT_ASSESSED_OUTLINE = colours.NOT_ASSESSED_OUTLINE
NOT_ASSESSED_TEXT = colours.NOT_ASSESSED_TEXT
NOT_APPLICABLE_HATCH = colours.NOT_APPLICABLE_HATCH
DARK_TEXT = colours.DARK_TEXT
LIGHT_TEXT = colours.LIGHT_TEXT


MODES = {
    "in-country": "Mode 1: external facilitation, in-country",
    "remote": "Mode 2: external facilitation, remote",
    "self": "Mode 3: self-assessment",
}
ROLES = {
    "external-facilitator": "External facilitator",
    "local-facilitator": "Local facilitator",
    "national-contact-point": "National contact point",
    "senior-management": "Senior management",
    "contributor": "Contributor",
    "rapporteur": "Rapporteur",
    "observer": "Observer",
}
STAKEHOLDERS = {
    "customs": "Customs",
    "private-sector": "Private sector",
    "government-agency": "Government agency",
    "international-organization": "International organization",
    "civil-society": "Civil society",
}
RATINGS = {
    "absent": "Absent",
    "not-applied": "Not applied",
    "not-effective": "Not effective",
    "partially-effective": "Partially effective",
    "effective": "Effective",
    "not-applicable": "Not applicable",
    "not-assessed": "Not assessed",
}
#: Figure 5's questions, in the order a group answers them on paper.
LADDER_QUESTIONS = (
    ("Is there a measure?", "No: Absent"),
    ("Is it applied?", "No: Not applied"),
    ("Is it effective?", "No: Not effective · Partly: Partially effective · Yes: Effective"),
)
KINDS = {
    "strength": "Strength",
    "weakness": "Weakness / risk",
    "recommendation": "Recommendation",
}
KIND_HEADINGS = {
    "strength": "Strengths",
    "weakness": "Weaknesses and risks",
    "recommendation": "Recommendations",
}
STATUSES = {
    "proposed": "Proposed",
    "agreed": "Agreed",
    "amended": "Amended",
    "merged": "Merged",
    "rejected": "Rejected",
}
LEVELS = {"high": "High", "medium": "Medium", "low": "Low"}
#: The marks of the priority matrix's chips, as in ui/pages/matrix_page.py.
QUICK_RESULT = "Quick result"
HIGH_COST = "High cost"  # in the quick-results cell: an activity that is not one
BANDS = {"high": "High", "medium": "Medium", "low": "Low", "unrated": "Not rated"}
CRITERIA = {
    "importance": "Importance",
    "urgency": "Urgency",
    "consequence": "Consequence of failure",
    "commitment": "Commitment",
    "impact": "Impact",
    "obligations": "Obligations",
    "ease": "Ease of implementation",
    "cost": "Cost",
}
PLAN_LABELS = {
    "responsible_division": "Responsible division",
    "responsible_person": "Responsible person",
    "performance_target": "Performance target",
    "budget": "Budget",
    "resources": "Resources",
    "start": "Start",
    "due": "Due",
    "strategic_goal": "Strategic goal",
    "stakeholders": "Stakeholders",
    "task_origin": "Origin of the task",
    "planned_result": "Planned result",
    "staff_count": "Staff",
    "external_contributor": "External contributor",
    "cost_source": "Source of funding",
    "complexity": "Complexity",
    "integrity_effect": "Effect on integrity",
}

INK = "#1f3b57"  # the window's heading navy
MUTED = "#4a5560"
RULE = "#c5ccd3"
#: The matrix's cells, as in ui/pages/matrix_page.py.
MATRIX_CELL = "#f4f6f8"
MATRIX_QUICK = "#e6f0e9"
MATRIX_QUICK_HATCH = "#9fc2aa"
