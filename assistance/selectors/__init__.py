"""Reads of the hardship ledger shared by pages, API, reminders and reports.

Each selector takes the user and starts from `visible_to(user)`. Counts of
the 12333 services come only from the service log (stations ServiceRecord),
aggregated in one query for any number of cases (`counts.annotate_counts`);
the pure functions in assistance.schedule turn those counts into progress.

One module per concern: counts (the counts and what is due), cases (the
ledger), households (zero-employment households), todo (the dashboard's
lists), compliance, help (help requests). What other modules import is
re-exported here.
"""

from assistance.selectors.cases import (
    assignable_staff,
    assignable_staff_in_scope,
    case_assignments,
    case_get,
    case_list,
    case_services,
    proposed_households,
    proposed_residents,
    resident_choices,
    resident_get,
    staff_by_community,
)
from assistance.selectors.compliance import (
    LEVELS,
    case_compliance,
    compliance_by_node,
    compliance_cases,
    compliance_total,
)
from assistance.selectors.counts import (
    DueWindow,
    annotate_counts,
    count_field,
    counts_of,
    current_schedule,
    due_cases,
    due_q,
    due_sql,
    fetch_due_rows,
    opening_range,
    opening_ranges,
    progress_of,
    window_end,
)
from assistance.selectors.households import (
    annotate_household,
    household_case_get,
    household_case_list,
    household_deadline_days,
    household_get,
    household_members,
    household_progress_of,
    household_services,
)
from assistance.selectors.todo import AREA_OVERDUE_ROLES, AreaOverdueItem, TodoItem, overdue_in_scope, todo_for

__all__ = [
    "AREA_OVERDUE_ROLES",
    "AreaOverdueItem",
    "DueWindow",
    "LEVELS",
    "TodoItem",
    "annotate_counts",
    "annotate_household",
    "assignable_staff",
    "assignable_staff_in_scope",
    "case_compliance",
    "case_assignments",
    "case_get",
    "case_list",
    "case_services",
    "compliance_by_node",
    "compliance_cases",
    "compliance_total",
    "count_field",
    "counts_of",
    "current_schedule",
    "due_cases",
    "due_q",
    "due_sql",
    "fetch_due_rows",
    "household_case_get",
    "household_case_list",
    "household_deadline_days",
    "household_get",
    "household_members",
    "household_progress_of",
    "household_services",
    "opening_range",
    "opening_ranges",
    "overdue_in_scope",
    "progress_of",
    "proposed_households",
    "proposed_residents",
    "resident_choices",
    "resident_get",
    "staff_by_community",
    "todo_for",
    "window_end",
]
