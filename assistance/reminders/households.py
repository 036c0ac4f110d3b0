"""The placement deadline of zero-employment household cases, reminded to
the assigned staff member and escalated like a person's case."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from assistance.models import (
    HouseholdCase,
    HouseholdCaseStatus,
)
from assistance.reminders.escalations import district_bureaus, street_officers
from assistance.reminders.window import ReminderResult, Window
from assistance.schedule import (
    HOUSEHOLD_PLACEMENT_KEY,
)
from assistance.selectors import annotate_household
from stations.policy import policy_value
from stations.services.notifications import NotificationItem


def household_items(*, today: dt.date, window: Window, result: ReminderResult) -> list[NotificationItem]:
    """Zero-employment household cases: few rows, one annotated query. The
    placement deadline is reminded to the assigned staff member and, once
    past the thresholds, to the street officers and the district bureau,
    once per case, deadline, level and recipient."""
    from assistance.schedule import household_progress

    deadline_days = int(policy_value(HOUSEHOLD_PLACEMENT_KEY, on=today))
    cases = list(
        annotate_household(
            HouseholdCase.objects.filter(status=HouseholdCaseStatus.OPEN).select_related("household__community__street")
        )
    )
    streets = street_officers(c.household.community.street_id for c in cases)
    districts = district_bureaus(c.household.community.street.district_id for c in cases)
    items = []
    for case in cases:
        progress = household_progress(
            flagged_on=case.flagged_on, work_started_on=case.work_started_on, today=today, deadline_days=deadline_days
        )
        nxt = progress.next_item
        if nxt is None or nxt.due_on > window.latest:
            continue
        message = _("Zero-employment household %(household)s: %(item)s by %(date)s.") % {
            "household": str(case.household),
            "item": nxt.label,
            "date": nxt.due_on.isoformat(),
        }
        if nxt.overdue:
            message = _("Overdue %(days)d days. ") % {"days": nxt.overdue_days} + message
        community = case.household.community
        levels = []
        if not nxt.overdue:
            levels.append(("due_soon", [case.assigned_to_id]))
        elif nxt.overdue_days < window.escalate_days:
            levels.append(("overdue", [case.assigned_to_id]))
        if nxt.overdue_days >= window.escalate_days:
            levels.append(("escalated", streets.get(community.street_id, [])))
        if nxt.overdue_days >= window.district_days:
            levels.append(("escalated_district", districts.get(community.street.district_id, [])))
        for level, recipients in levels:
            for recipient in recipients:
                items.append(
                    NotificationItem(
                        recipient_id=recipient,
                        kind=f"assistance.household_{level}",
                        message=message,
                        dedupe_key=f"zeh:{case.pk}:{nxt.code}:{nxt.due_on:%Y%m%d}:{level}:u{recipient}",
                        link=reverse("assistance:household_detail", kwargs={"pk": case.pk}),
                    )
                )
                result.by_level[f"household_{level}"] += 1
    return items
