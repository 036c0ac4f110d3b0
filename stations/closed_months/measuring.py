"""Measuring the closed months a write touches, before and after it."""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from stations.figures import compute_values, month_period

from .backend import registered
from .changes import ClosedMonthError, MonthChange


# --- measuring ----------------------------------------------------------------------
def latest_closed(community_ids: Iterable) -> dict[int, dt.date]:
    """The first day of each community's latest closed month, for checks that
    name the month before anything is written (an import's rows). No lock."""
    ids = _community_ids(community_ids)
    if not ids or registered() is None:
        return {}
    out: dict[int, dt.date] = {}
    for community_id, month in registered().closed_months(ids, dt.date.min, lock=False):
        out[community_id] = max(month, out.get(community_id, month))
    return out


def closed_through(month: dt.date) -> dt.date:
    """The last day of a closed month: records dated up to it count in it."""
    period = month_period(month.year, month.month)
    return period.end


def _as_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _community_ids(communities: Iterable) -> set[int]:
    ids = set()
    for c in communities:
        pk = getattr(c, "pk", c)
        if pk is not None:
            ids.add(int(pk))
    return ids


def _values(keys: Iterable[tuple[int, dt.date]]) -> dict[tuple[int, dt.date], dict[str, float]]:
    """Live figures of (community, month) pairs: one figure pass per month."""
    by_month: dict[dt.date, set[int]] = {}
    for community_id, month in keys:
        by_month.setdefault(month, set()).add(community_id)
    out = {}
    for month, ids in by_month.items():
        values = compute_values(month_period(month.year, month.month), sorted(ids))
        for community_id in ids:
            out[(community_id, month)] = values.get(community_id, {})
    return out


def _names(community_ids: Iterable[int]) -> dict[int, str]:
    from stations.models import Community

    return dict(Community.objects.filter(pk__in=set(community_ids)).values_list("pk", "name"))


class _Session:
    """The closed months one outermost guarded call may change, measured
    before its writes."""

    def __init__(self):
        self.before: dict[tuple[int, dt.date], dict[str, float]] = {}

    def touch(self, community_ids: set[int], since: dt.date) -> None:
        closed = [key for key in registered().closed_months(community_ids, since) if key not in self.before]
        self.before.update(_values(closed))

    def changes(self) -> list[MonthChange]:
        if not self.before:
            return []
        after = _values(self.before)
        names = _names(c for c, _m in self.before)
        out = []
        for (community_id, month), before in sorted(self.before.items(), key=lambda item: (item[0][1], item[0][0])):
            now = after[(community_id, month)]
            figures = {
                key: (before.get(key, 0.0), now.get(key, 0.0))
                for key in sorted(set(before) | set(now))
                if abs(before.get(key, 0.0) - now.get(key, 0.0)) > 1e-9
            }
            if figures:
                out.append(MonthChange(community_id, names.get(community_id, ""), month, figures))
        return out


_SESSION: contextvars.ContextVar[_Session | None] = contextvars.ContextVar("closed_months_session", default=None)
# Set by `replay`: receives the changes instead of a refusal.
_COLLECTOR: contextvars.ContextVar[Callable[[list[MonthChange]], None] | None] = contextvars.ContextVar(
    "closed_months_collector", default=None
)


def touch(*, communities: Iterable, dates: Iterable) -> None:
    """Name the communities whose figures a write may change and the dates it
    sets or clears (None is ignored; datetimes count by their local day).
    Call it before the write, inside a guarded operation."""
    days = [d for d in (_as_date(v) for v in dates) if d is not None]
    if not days or registered() is None:
        return
    since = min(days)
    if since >= timezone.localdate().replace(day=1):
        return  # only months that have ended can be closed
    ids = _community_ids(communities)
    if not ids:
        return
    session = _SESSION.get()
    if session is not None:
        session.touch(ids, since)
        return
    # Outside a guarded operation nothing can be measured afterwards: any
    # closed month the dates reach refuses the write.
    closed = registered().closed_months(ids, since)
    if closed:
        names = _names(c for c, _m in closed)
        raise ClosedMonthError([MonthChange(c, names.get(c, ""), m) for c, m in sorted(closed, key=lambda k: k[1])])


class _DryRun(Exception):
    pass


@contextmanager
def _outermost():
    """Measure the closed months the block touches; on leaving it, refuse (or
    hand the changes to the replay's collector) inside the same transaction."""
    session = _Session()
    token = _SESSION.set(session)
    try:
        with transaction.atomic():
            yield
            changes = session.changes()
            collector = _COLLECTOR.get()
            if collector is not None:
                collector(changes)
            else:
                dated = [c for c in (change.dated() for change in changes) if c.figures]
                if dated:
                    raise ClosedMonthError(dated)
    finally:
        _SESSION.reset(token)


@contextmanager
def guarded():
    """For writes that are not one service call (an import's batch): the block
    is refused as a whole. Nested in a guarded operation, it joins it."""
    if _SESSION.get() is not None:
        yield
        return
    with _outermost():
        yield
