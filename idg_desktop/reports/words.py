"""The English words of the reports and the colours of the window, Qt-free.

The labels repeat those of ``ui/labels.py`` (ratings, kinds, roles...) and the
colours those of ``ui/palette.py`` word for word, so a report printed for a
ministry speaks like the window projected in the workshop. They are copied
rather than imported because the core must not load the ``ui`` package.
"""

from __future__ import annotations

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

#: ui/palette.py's RATING_COLOURS and companions (hex strings).
RATING_COLOURS = {
    "absent": "#b2182b",
    "not-applied": "#e8642c",
    "not-effective": "#f5b940",
    "partially-effective": "#86cbb5",
    "effective": "#1a7f6e",
    "not-applicable": "#c9d4e0",
    "not-assessed": "#e4e6e9",
}
NOT_ASSESSED_OUTLINE = "#8a9199"
NOT_ASSESSED_TEXT = "#59616a"
NOT_APPLICABLE_HATCH = "#8fa0b3"
DARK_TEXT = "#1b1f24"
LIGHT_TEXT = "#ffffff"
INK = "#1f3b57"  # the window's heading navy
MUTED = "#4a5560"
RULE = "#c5ccd3"
#: The matrix's cells, as in ui/pages/matrix_page.py.
MATRIX_CELL = "#f4f6f8"
MATRIX_QUICK = "#e6f0e9"
MATRIX_QUICK_HATCH = "#9fc2aa"
