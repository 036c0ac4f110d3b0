"""What one run looks at: the policy figures and the watermark read once, and
the set-based selection of the open cases with something due in the run's
windows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F

from assistance.models import (
    AssistanceCase,
    CaseStatus,
    EscalationLevel,
    ReminderRun,
)
from assistance.schedule import (
    COUNTED_KINDS,
    DISTRICT_ESCALATION_KEY,
    DUE_SOON_KEY,
    ESCALATION_KEY,
    SCHEDULE_KEY,
    parse_schedule,
)
from assistance.selectors import DueWindow, count_field, due_sql, fetch_due_rows
from stations.policy import policy_value

COUNT_FIELDS = [count_field(k) for k in COUNTED_KINDS]


# The safety net: however the incremental selection could miss an item (a
# case committed while a run was reading), a weekly run looks at every case.
FULL_SWEEP_EVERY_DAYS = 7


@dataclass
class ReminderResult:
    today: dt.date
    full_sweep: bool = False
    cases_selected: int = 0
    items: int = 0
    escalations: int = 0
    sent: int = 0
    by_level: dict = field(default_factory=lambda: defaultdict(int))
    seconds_query: float = 0.0
    seconds_total: float = 0.0


@dataclass(frozen=True)
class Window:
    """The policy figures and the watermark of one run, read once."""

    today: dt.date
    schedule: list
    schedule_value: dict
    due_soon_days: int
    escalate_days: int  # to the street
    district_days: int
    since: dt.date | None  # day of the last run; None: look at every open case
    new_after_case_id: int  # cases with a larger id were opened since the last run
    last_full_sweep_on: dt.date

    @property
    def latest(self) -> dt.date:
        """Latest due date reminded (due soon)."""
        return self.today + dt.timedelta(days=self.due_soon_days)

    @property
    def oldest(self) -> dt.date:
        """Earliest due date the assigned staff are reminded of: older items escalate instead."""
        return self.today - dt.timedelta(days=max(1, self.escalate_days - 1))

    @property
    def full_sweep(self) -> bool:
        return self.since is None

    @property
    def levels(self) -> tuple[tuple[str, int], ...]:
        return ((EscalationLevel.STREET, self.escalate_days), (EscalationLevel.DISTRICT, self.district_days))

    @property
    def fingerprint(self) -> str:
        figures = {"schedule": self.schedule_value, "street": self.escalate_days, "district": self.district_days}
        return hashlib.sha256(json.dumps(figures, sort_keys=True).encode()).hexdigest()[:32]

    def due_windows(self) -> list[DueWindow]:
        """What the selection covers: the staff reminders' window, and for
        escalation every threshold crossed since the last run (all of them on
        a full sweep) plus anything overdue in cases opened since."""
        first_threshold = self.today - dt.timedelta(days=min(self.escalate_days, self.district_days))
        windows = [DueWindow(self.oldest - dt.timedelta(days=1), self.latest)]
        if self.since is None:
            return [*windows, DueWindow(None, first_threshold)]
        for _level, days in self.levels:
            crossed = DueWindow(self.since - dt.timedelta(days=days), self.today - dt.timedelta(days=days))
            if crossed.due_after < crossed.due_by:
                windows.append(crossed)
        return [*windows, DueWindow(None, first_threshold, min_case_id=self.new_after_case_id)]


def reminder_window(today: dt.date, *, full: bool = False) -> Window:
    schedule_value = policy_value(SCHEDULE_KEY, on=today)
    window = Window(
        today=today,
        schedule=parse_schedule(schedule_value),
        schedule_value=schedule_value,
        due_soon_days=int(policy_value(DUE_SOON_KEY, on=today)),
        escalate_days=int(policy_value(ESCALATION_KEY, on=today)),
        district_days=int(policy_value(DISTRICT_ESCALATION_KEY, on=today)),
        since=None,
        new_after_case_id=0,
        last_full_sweep_on=today,
    )
    last = ReminderRun.objects.order_by("-pk").first()
    if (
        full
        or last is None
        or last.policy_fingerprint != window.fingerprint
        or today < last.day
        or (today - last.last_full_sweep_on).days >= FULL_SWEEP_EVERY_DAYS
    ):
        return window
    return dataclasses.replace(
        window, since=last.day, new_after_case_id=last.max_case_id, last_full_sweep_on=last.last_full_sweep_on
    )


def due_query(*, today: dt.date, window: Window | None = None) -> tuple[str, list]:
    """The bare selection of what the run looks at, as (sql, params): open
    cases with an unmet minimum dated in one of the run's windows, counts
    attached (assistance.selectors.due_sql). This is the query the benchmark
    compares the whole run against."""
    window = window or reminder_window(today)
    return due_sql(
        AssistanceCase.objects.filter(status=CaseStatus.OPEN),
        schedule=window.schedule,
        windows=window.due_windows(),
        values={
            "resident_name": F("resident__name"),
            "community_name": F("resident__community__name"),
            "street_id": F("resident__community__street_id"),
            "district_id": F("resident__community__street__district_id"),
        },
        fields=("id", "opened_on", "assigned_to_id"),
    )


def due_rows(*, today: dt.date, window: Window | None = None) -> list[dict]:
    sql, params = due_query(today=today, window=window)
    return fetch_due_rows(sql, params)
