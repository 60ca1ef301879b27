"""The integrity action plan: results chain, plan fields, KPIs, SMART, adoption.

The rules themselves (levels, timelines, SMART, the KPI sheet and its
mandatory fields) are in ``idg_desktop.domain.plan``; these modules store and
read them, and hand out frozen snapshots (``domain/records.py``), never rows:

* :mod:`.chain` — outcomes, outputs, an activity's place and plan fields,
  moving, deleting;
* :mod:`.confidential` — confidential marks and what public versions leave out;
* :mod:`.tree` — the plan read as a numbered tree, SMART confirmations;
* :mod:`.kpis` — KPIs and their metadata sheets;
* :mod:`.adoption` — endorsements of the plan.
"""

from idg_desktop.domain.plan import KPI_EXTRA_FIELDS, KPI_SHEET_KEYS, kpi_sheet
from idg_desktop.services.activities import find_activity, list_activities
from idg_desktop.services.plan.adoption import add_adoption, delete_adoption, list_adoptions
from idg_desktop.services.plan.chain import (
    PLAN_FIELDS,
    add_outcome,
    add_output,
    delete_node,
    find_outcome,
    find_output,
    move_node,
    parse_yes_no,
    place_activity,
    resolve_node,
    update_outcome,
    update_output,
    update_plan_fields,
)
from idg_desktop.services.plan.confidential import hidden_ids, set_confidential
from idg_desktop.services.plan.kpis import (
    add_kpi,
    delete_kpi,
    find_kpi,
    kpi_fields,
    kpi_owner_id,
    kpi_owner_kind,
    kpi_typologies,
    kpis_of,
    list_kpis,
    missing_kpi_fields,
    set_kpi_complete,
    update_kpi,
)
from idg_desktop.services.plan.tree import (
    ActivityNode,
    OutcomeNode,
    OutputNode,
    Plan,
    action_plan,
    confirm_smart,
    node_record,
)

__all__ = [
    "KPI_EXTRA_FIELDS",
    "KPI_SHEET_KEYS",
    "PLAN_FIELDS",
    "ActivityNode",
    "OutcomeNode",
    "OutputNode",
    "Plan",
    "action_plan",
    "add_adoption",
    "add_kpi",
    "add_outcome",
    "add_output",
    "confirm_smart",
    "delete_adoption",
    "delete_kpi",
    "delete_node",
    "find_activity",
    "find_kpi",
    "find_outcome",
    "find_output",
    "hidden_ids",
    "kpi_fields",
    "kpi_owner_id",
    "kpi_owner_kind",
    "kpi_sheet",
    "kpi_typologies",
    "kpis_of",
    "list_activities",
    "list_adoptions",
    "list_kpis",
    "missing_kpi_fields",
    "move_node",
    "node_record",
    "parse_yes_no",
    "place_activity",
    "resolve_node",
    "set_confidential",
    "set_kpi_complete",
    "update_kpi",
    "update_outcome",
    "update_output",
    "update_plan_fields",
]
