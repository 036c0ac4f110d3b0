"""The 12333 rule as pure functions: no database, no clock.

The schedule is ONE policy parameter, `assistance.schedule_12333`: for each
month N of a case's first year, the cumulative minimum of each counted
service by the end of that month. A case's month N ends on
`opened_on + N months - 1 day`; its first year is `opened_on` to
`opened_on + 12 months - 1 day` inclusive. Everything else here (what is
due next, what is overdue, whether a case is compliant) is derived from the
schedule, the case's dates and its counts, so views, reminders, the API and
compliance reports agree by construction.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from stations.models import ServiceKind

SCHEDULE_KEY = "assistance.schedule_12333"
ESCALATION_KEY = "assistance.escalate_overdue_days"  # to the street officer
DISTRICT_ESCALATION_KEY = "assistance.escalate_district_days"
DUE_SOON_KEY = "assistance.due_soon_days"
HOUSEHOLD_PLACEMENT_KEY = "assistance.household_placement_days"
HOUSEHOLD_PLACEMENT_DAYS_DEFAULT = 30

# The four services the rule counts, in the order the plan lists them.
COUNTED_KINDS: tuple[str, ...] = tuple(
    kind.value
    for kind in (
        ServiceKind.POLICY_CONTACT,
        ServiceKind.CAREER_GUIDANCE,
        ServiceKind.JOB_RECOMMENDATION,
        ServiceKind.TRAINING_INFORMATION,
    )
)


def kind_labels() -> dict[str, str]:
    """Labels of the counted kinds in the active language (cached per language)."""
    from django.utils.translation import get_language

    return _kind_labels(get_language())


@functools.lru_cache(maxsize=8)
def _kind_labels(language) -> dict[str, str]:
    return {kind: str(ServiceKind(kind).label) for kind in COUNTED_KINDS}


DEFAULT_SCHEDULE = {
    "3": {"policy_contact": 1, "career_guidance": 1, "job_recommendation": 1, "training_information": 1},
    "6": {"policy_contact": 1, "career_guidance": 2, "job_recommendation": 2, "training_information": 2},
    "12": {"policy_contact": 2, "career_guidance": 3, "job_recommendation": 3, "training_information": 3},
}

COMPLIANCE_DEFINITION = _(
    "Compliance rate = compliant cases ÷ cases whose first year ended in the period or that closed in it. "
    "A case is compliant when its first year met all four counts (by default 2 policy contacts, 3 career "
    "guidance sessions, 3 job recommendations, 3 training-information pushes). A case closed early because "
    "the person found work is compliant when every minimum due by its closing date was met; such cases are "
    "also reported on their own line (helped into work within the year). Only services in the service log "
    "dated within the case's first year (and up to its closing date) count."
)


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@functools.lru_cache(maxsize=8192)  # pure; a city's cases share a few hundred opening dates
def month_end(opened_on: dt.date, month: int) -> dt.date:
    """Last day of the case's month `month` (1-based)."""
    return add_months(opened_on, month) - dt.timedelta(days=1)


def year_last_day(opened_on: dt.date) -> dt.date:
    return month_end(opened_on, 12)


def latest_opening_due_by(day: dt.date, month: int) -> dt.date:
    """The latest opening date whose month `month` ends on or before `day`.

    `month_end` is non-decreasing in the opening date, so "due by `day`" is
    `opened_on <= latest_opening_due_by(day, month)`: a plain range on an
    indexed column, which is what lets reminders stay set-based in SQL.
    """
    candidate = add_months(day, -month) + dt.timedelta(days=1)
    # Clamping at month ends can leave us a few days off either way: step.
    while month_end(candidate, month) > day:
        candidate -= dt.timedelta(days=1)
    while month_end(candidate + dt.timedelta(days=1), month) <= day:
        candidate += dt.timedelta(days=1)
    return candidate


@dataclass(frozen=True)
class Checkpoint:
    month: int
    minimums: dict[str, int]


def parse_schedule(value: dict) -> list[Checkpoint]:
    """The policy value as checkpoints sorted by month; missing kinds count 0."""
    points = []
    for month, minimums in value.items():
        points.append(Checkpoint(int(month), {k: int(minimums.get(k, 0)) for k in COUNTED_KINDS}))
    return sorted(points, key=lambda c: c.month)


def validate_schedule(value) -> list[str]:
    """Problems with a proposed schedule (for the policy editor), empty if fine."""
    problems = []
    if not isinstance(value, dict) or not value:
        return [str(_("The schedule must map months to minimum counts."))]
    try:
        points = parse_schedule(value)
    except (TypeError, ValueError, AttributeError):
        return [str(_("Months and counts must be whole numbers."))]
    previous = dict.fromkeys(COUNTED_KINDS, 0)
    for point in points:
        if not 1 <= point.month <= 12:
            problems.append(str(_("Months must lie within the first year (1-12).")))
        for kind in COUNTED_KINDS:
            if point.minimums[kind] < previous[kind]:
                problems.append(str(_("Minimums are cumulative: they cannot fall from one month to the next.")))
            previous[kind] = point.minimums[kind]
    if points and points[-1].month != 12:
        problems.append(str(_("The last checkpoint must be month 12, the end of the first year.")))
    return sorted(set(problems))


def year_minimums(schedule: list[Checkpoint]) -> dict[str, int]:
    return dict(schedule[-1].minimums) if schedule else dict.fromkeys(COUNTED_KINDS, 0)


@dataclass(slots=True)
class KindProgress:
    kind: str
    label: str
    done: int
    required: int  # by the end of the first year
    next_due_count: int | None = None  # cumulative count needed by next_due_on
    next_due_on: dt.date | None = None
    overdue: bool = False
    overdue_days: int = 0

    @property
    def missing(self) -> int:
        return max(0, (self.next_due_count or 0) - self.done)

    @property
    def complete(self) -> bool:
        return self.done >= self.required


@dataclass
class CaseProgress:
    opened_on: dt.date
    year_ends_on: dt.date
    today: dt.date
    kinds: list[KindProgress] = field(default_factory=list)
    closed_on: dt.date | None = None

    @property
    def overdue(self) -> list[KindProgress]:
        return [k for k in self.kinds if k.overdue]

    @property
    def is_overdue(self) -> bool:
        return any(k.overdue for k in self.kinds)

    @property
    def next_due(self) -> KindProgress | None:
        """The earliest item still to do (overdue ones first)."""
        pending = [k for k in self.kinds if k.next_due_on is not None]
        return min(pending, key=lambda k: (k.next_due_on, COUNTED_KINDS.index(k.kind)), default=None)

    @property
    def year_complete(self) -> bool:
        return all(k.complete for k in self.kinds)


def case_progress(
    *,
    opened_on: dt.date,
    counts: dict[str, int],
    schedule: list[Checkpoint],
    today: dt.date,
    closed_on: dt.date | None = None,
    labels: dict[str, str] | None = None,
) -> CaseProgress:
    """Progress of one case on `today`: per counted kind, what is done, the
    next cumulative minimum not yet met and its date, and whether that date
    has passed. A closed case has nothing due after its closing date.

    `counts` are services in the log for the resident dated within the first
    year and not after the closing date (selectors.annotate_counts).
    """
    labels = labels or kind_labels()
    progress = CaseProgress(
        opened_on=opened_on, year_ends_on=year_last_day(opened_on), today=today, closed_on=closed_on
    )
    minimums = year_minimums(schedule)
    due_dates = [month_end(opened_on, point.month) for point in schedule]
    for kind in COUNTED_KINDS:
        done = int(counts.get(kind, 0) or 0)
        item = KindProgress(kind=kind, label=labels[kind], done=done, required=minimums[kind])
        for point, due_on in zip(schedule, due_dates, strict=True):
            if closed_on is not None and due_on > closed_on:
                break
            if done < point.minimums[kind]:
                item.next_due_count = point.minimums[kind]
                item.next_due_on = due_on
                item.overdue = due_on < today
                item.overdue_days = max(0, (today - due_on).days)
                break
        progress.kinds.append(item)
    return progress


def evaluation_day(*, opened_on: dt.date, closed_on: dt.date | None) -> dt.date:
    """The day a case's compliance is judged: its closing date if it closed
    within the first year, else the last day of the first year."""
    last = year_last_day(opened_on)
    return closed_on if closed_on is not None and closed_on < last else last


def case_is_compliant(
    *,
    opened_on: dt.date,
    counts: dict[str, int],
    schedule: list[Checkpoint],
    closed_on: dt.date | None,
    closed_for_work: bool,
) -> bool:
    """The definition in docs/domain.md. A case is compliant when its first year met all
    four counts; a case closed early because the person found work is
    compliant when every minimum due by its closing date was met. (A case
    closed early for any other reason is judged on the full-year counts, as
    the definition says.) `counts` must be limited to the evaluation window."""
    day = evaluation_day(opened_on=opened_on, closed_on=closed_on)
    early = day < year_last_day(opened_on)
    if early and closed_for_work:
        due = [p for p in schedule if month_end(opened_on, p.month) <= day]
        return all(int(counts.get(k, 0) or 0) >= p.minimums[k] for p in due for k in COUNTED_KINDS)
    minimums = year_minimums(schedule)
    return all(int(counts.get(k, 0) or 0) >= minimums[k] for k in COUNTED_KINDS)


# --- zero-employment households ---------------------------------------------


@dataclass
class HouseholdItem:
    code: str  # placement
    label: str
    due_on: dt.date
    overdue: bool
    overdue_days: int
    number: int = 0


@dataclass
class HouseholdProgress:
    """The household clock on `today`: days since the household was
    identified against the placement deadline (days, a policy parameter)."""

    flagged_on: dt.date
    work_started_on: dt.date | None
    today: dt.date
    deadline_days: int
    next_item: HouseholdItem | None = None

    @property
    def deadline_on(self) -> dt.date:
        return self.flagged_on + dt.timedelta(days=self.deadline_days)

    @property
    def days_since_identified(self) -> int:
        return max(0, (self.today - self.flagged_on).days)

    @property
    def days_left(self) -> int:
        return (self.deadline_on - self.today).days

    @property
    def overdue_days(self) -> int:
        return max(0, -self.days_left)


def household_progress(
    *, flagged_on: dt.date, work_started_on: dt.date | None, today: dt.date, deadline_days: int
) -> HouseholdProgress:
    """A member in work within `deadline_days` of identification. Once one
    is, nothing is due: the case closes (services.household_case_close_if_ended)."""
    progress = HouseholdProgress(
        flagged_on=flagged_on, work_started_on=work_started_on, today=today, deadline_days=deadline_days
    )
    if work_started_on is None:
        due_on = progress.deadline_on
        progress.next_item = HouseholdItem(
            "placement", str(_("Help a member into work")), due_on, due_on < today, max(0, (today - due_on).days)
        )
    return progress
