"""The daily 12333 reminder run.

Set-based: ONE aggregate query selects the open cases the run needs to look
at (a range on the indexed opening date per checkpoint plus conditional
counts over the service log); the pure schedule functions turn each row into
items; notifications go out through stations.services.notifications_send_bulk
with stable dedupe keys.

What it sends:
- due_soon: an item due within `assistance.due_soon_days` -> the assigned staff member;
- overdue: an item 1 day or more late, before it escalates -> the assigned staff member;
- escalation to the street officer(s) of the resident's street when an item is
  `assistance.escalate_overdue_days` (14) or more late, and to the district
  bureau when `assistance.escalate_district_days` (30) or more late.

An item, for escalation, is one counted service short of its cumulative
minimum at a checkpoint of the schedule that raises that minimum. Each item escalates once per
level, however late the run finds it: an Escalation row per (case, service,
due date, level) under a unique constraint records it, and only rows the run
inserts are notified (one notification per case, level and recipient).

Cheap at city scale: services are only ever added, so an item still short on
the day it reaches an escalation threshold is escalated that day, and the
daily run only needs the cases whose thresholds were crossed since the last
run (ReminderRun is the watermark) plus the cases opened since (a backdated
case can be overdue from its first day). It looks at every open case only on
its first run, when the bureau changes the schedule or the thresholds, when
the clock is moved back, and once a week as a safety net. Two runs at once
are serialised by an advisory lock on PostgreSQL; the unique constraint and
the dedupe keys keep a third from sending anything twice.

One module per concern: window (what a run looks at), staff (reminders to
the assigned staff), escalations, households, run (the daily run).
"""

from assistance.reminders.escalations import ESCALATION_NOTIFICATION_KINDS
from assistance.reminders.run import ADVISORY_LOCK_ID, reminders_send
from assistance.reminders.window import (
    COUNT_FIELDS,
    FULL_SWEEP_EVERY_DAYS,
    ReminderResult,
    Window,
    due_query,
    due_rows,
    reminder_window,
)

__all__ = [
    "ADVISORY_LOCK_ID",
    "COUNT_FIELDS",
    "ESCALATION_NOTIFICATION_KINDS",
    "FULL_SWEEP_EVERY_DAYS",
    "ReminderResult",
    "Window",
    "due_query",
    "due_rows",
    "reminder_window",
    "reminders_send",
]
