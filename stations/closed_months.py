"""Closed months stay closed.

A community closes a month (reports.PeriodClose): its figures are kept as
they stood. From then on a write that would change any dated figure of that
month is refused with `ClosedMonthError`, whatever the entry path (a staff
page, the API, an import, a task), or it becomes a correction request that
the street officer approves (reports.corrections); an approved correction is
applied through the same operation and listed on the workbook's corrections
sheet.

"Closed" means a `PeriodClose` row exists for the community and month,
submitted or reviewed alike: the figures are frozen at submission, and the
street's review locks nothing more.

How a write operation takes part, in its service:

    @closed_months.guard(label=gettext_lazy("Record a service"))
    @transaction.atomic
    def service_record_create(*, actor, resident, served_on, ...):
        ...checks...
        closed_months.touch(communities=[resident.community_id], dates=[served_on])
        ...writes...

`touch` names the communities whose figures the write may change and every
date it sets or clears (old and new values), before the first write. Each
closed month of those communities that ends on or after the earliest date is
measured then, and again when the outermost guarded call returns (still inside
its transaction); if a dated figure differs, the whole call is rolled back and
ClosedMonthError is raised. So the rule is the figures themselves: a new
figure in any app is protected without a list of fields to keep in step, and
an edit that changes no figure (a note, a phone number) goes through. Writes
dated in the open month cost nothing: no closed month can end after them.

Figures marked `as_built` (a station's status, a resident's target groups)
read records as they stand, not dated events: they are not compared, and a
closed month keeps their value at closing.

The refused call is captured (its operation and arguments, model instances
as keys plus the fields the caller changed) and kept for a day under a random
key (a `RefusedChange` row: in the database, not the cache, so a link given
out is honoured whether or not the cache is up), so the user can send exactly that change for approval; `replay` runs it
again, as a dry run when the request is made and for real when it is
approved.

Stations imports none of the other apps: the report layer registers where
closes are kept and where a correction is asked for (`register_backend`).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import functools
import importlib
import re
import secrets
import uuid
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from stations.figures import all_figures, as_built_keys, compute_values, month_period
from stations.models import RefusedChange

# A refused change waits in the database (stations.RefusedChange) under a
# random key for its author to send it: the link carries only the key, never
# the change (it may hold an ID number or a phone, which must not reach a URL,
# a log or a browser history). The nightly housekeeping deletes expired ones.
TOKEN_MAX_AGE = 24 * 3600  # a refused change can be sent for approval the same day
# How many figures a refusal names before "…": the rest are on the request page.
FIGURES_IN_MESSAGE = 3


# --- the report layer's side --------------------------------------------------------
@dataclass
class Backend:
    # (community ids, earliest date, lock=) -> [(community_id, first day of a
    # closed month)] for months ending on or after the date; with lock=True it
    # locks what it reads, so a close being submitted waits for the write (and
    # the other way round).
    closed_months: Callable[..., list[tuple[int, dt.date]]]
    # the key a refused change waits under -> the page where it is sent for approval
    correction_url: Callable[[str], str] | None = None


_BACKEND: Backend | None = None


def register_backend(backend: Backend) -> None:
    global _BACKEND
    _BACKEND = backend


# --- what changed --------------------------------------------------------------------
@dataclass
class MonthChange:
    """The figures of one community's closed month before and after a write."""

    community_id: int
    community_name: str
    month: dt.date  # first day
    figures: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.month:%Y-%m}"

    def dated(self) -> MonthChange:
        """Only the figures that count dated events (what a close protects)."""
        skip = as_built_keys()
        kept = {k: v for k, v in self.figures.items() if k not in skip}
        return MonthChange(self.community_id, self.community_name, self.month, kept)

    def as_json(self) -> dict:
        return {
            "community": self.community_id,
            "community_name": self.community_name,
            "month": self.month.isoformat(),
            "figures": {k: [before, after] for k, (before, after) in self.figures.items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> MonthChange:
        return cls(
            int(data["community"]),
            str(data["community_name"]),
            dt.date.fromisoformat(data["month"]),
            {k: (float(v[0]), float(v[1])) for k, v in data["figures"].items()},
        )


def figure_labels() -> dict[str, str]:
    return {f.key: str(f.label) for f in all_figures()}


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def describe_figures(figures: dict[str, tuple[float, float]], *, limit: int | None = None) -> str:
    """'Services given 14 → 15; Placements 3 → 2'"""
    labels = figure_labels()
    parts = [
        f"{labels.get(key, key)} {_number(before)} → {_number(after)}"
        for key, (before, after) in sorted(figures.items(), key=lambda item: labels.get(item[0], item[0]))
    ]
    if limit is not None and len(parts) > limit:
        parts = [*parts[:limit], "…"]
    return _("; ").join(parts)


class ClosedMonthError(ValidationError):
    """A write would change the figures of a month a community has closed.

    `changes` lists the closed months and their figures before → after;
    `call` is the captured operation (None when it cannot be sent for
    approval), `actor_id` who tried it."""

    def __init__(self, changes: list[MonthChange]):
        self.changes = changes
        self.call: dict | None = None
        self.actor_id: int | None = None
        self._key: str | None = None
        first = changes[0]
        params = {
            "community": first.community_name,
            "month": first.label,
            "figures": describe_figures(first.figures, limit=FIGURES_IN_MESSAGE),
            "more": len(changes) - 1,
        }
        if not first.figures:
            message = _(
                "%(month)s is closed for %(community)s, and records dated then or earlier count in its figures. "
                "Date the change in a month that is still open, or ask the street officer to approve it as a "
                "correction."
            )
        elif len(changes) == 1:
            message = _(
                "%(month)s is closed for %(community)s: this change would alter its figures (%(figures)s). "
                "Date it in a month that is still open, or ask the street officer to approve it as a correction."
            )
        else:
            message = _(
                "%(month)s is closed for %(community)s: this change would alter its figures (%(figures)s), and "
                "those of %(more)d more closed months. Date it in a month that is still open, or ask the street "
                "officer to approve it as a correction."
            )
        super().__init__(message % params, code="closed_month")

    def correction_url(self) -> str | None:
        """Where the user sends this change for approval (None: not possible)."""
        if self.call is None or self.actor_id is None or _BACKEND is None or _BACKEND.correction_url is None:
            return None
        if self._key is None:
            self._key = secrets.token_urlsafe(18)
            refused = {"call": self.call, "actor": self.actor_id, "changes": [c.as_json() for c in self.changes]}
            RefusedChange.objects.create(
                key=self._key,
                actor_id=self.actor_id,
                data=refused,
                expires_at=timezone.now() + dt.timedelta(seconds=TOKEN_MAX_AGE),
            )
        return _BACKEND.correction_url(self._key)


def read_correction_token(token: str, *, actor) -> dict:
    """The refused change a link's key stands for, for the user who was refused it."""
    if not re.fullmatch(r"[\w-]{16,64}", token or ""):
        raise ValidationError(_("This link is not valid."))
    data = RefusedChange.objects.filter(key=token, expires_at__gt=timezone.now()).values_list("data", flat=True).first()
    if data is None:
        raise ValidationError(_("This link has expired: make the change again to get a new one."))
    if data.get("actor") != actor.pk:
        raise ValidationError(_("This link belongs to another account."))
    return data


def forget_correction_token(token: str) -> None:
    RefusedChange.objects.filter(key=token).delete()


def expired_refusals_purge(*, now: dt.datetime | None = None) -> int:
    """Delete refused changes whose day has passed; returns how many."""
    deleted, _count = RefusedChange.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return deleted


# --- measuring ----------------------------------------------------------------------
def latest_closed(community_ids: Iterable) -> dict[int, dt.date]:
    """The first day of each community's latest closed month, for checks that
    name the month before anything is written (an import's rows). No lock."""
    ids = _community_ids(community_ids)
    if not ids or _BACKEND is None:
        return {}
    out: dict[int, dt.date] = {}
    for community_id, month in _BACKEND.closed_months(ids, dt.date.min, lock=False):
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
        closed = [key for key in _BACKEND.closed_months(community_ids, since) if key not in self.before]
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
    if not days or _BACKEND is None:
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
    closed = _BACKEND.closed_months(ids, since)
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


# --- operations -------------------------------------------------------------------
@dataclass(frozen=True)
class Operation:
    name: str
    label: str | Promise
    run: Callable


_OPERATIONS: dict[str, Operation] = {}


def guard(*, label, name: str | None = None):
    """Decorate a write service (outside its @transaction.atomic). Its closed
    months are measured around the outermost guarded call; a refused call is
    captured so it can be sent for approval as a correction.

    The operation is stored by `name` (default: the function's dotted path)
    in corrections awaiting approval; a function that moves to another
    module keeps its old name, in a module that still imports it, so those
    can still be replayed."""

    def decorate(fn):
        op_name = name or f"{fn.__module__}.{fn.__name__}"

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if _SESSION.get() is not None or args:
                return fn(*args, **kwargs)
            snapshot = _snapshot(kwargs)
            try:
                with _outermost():
                    return fn(**kwargs)
            except ClosedMonthError as exc:
                # The transaction is rolled back now: the instances' stored
                # values are what they were before the call.
                if exc.call is None and _COLLECTOR.get() is None:
                    exc.call = _capture(op_name, kwargs, snapshot)
                    exc.actor_id = getattr(kwargs.get("actor"), "pk", None)
                raise

        _OPERATIONS[op_name] = Operation(op_name, label, wrapper)
        wrapper.closed_months_operation = op_name
        return wrapper

    return decorate


def operation(name: str) -> Operation | None:
    if name not in _OPERATIONS:
        module = name.rpartition(".")[0]
        try:
            importlib.import_module(module)
        except ImportError:
            return None
    return _OPERATIONS.get(name)


def replay(call: dict, *, actor, apply: bool) -> list[MonthChange]:
    """Run a captured call as `actor`. A dry run (apply=False) is always rolled
    back; both return the closed months it changes, all figures included, and
    raise the operation's ValidationError if it cannot be made now."""
    op = operation(call.get("op", ""))
    if op is None:
        raise ValidationError(_("This kind of change can no longer be made."))
    kwargs = {key: _decode(value) for key, value in call.get("kwargs", {}).items()}
    collected: list[MonthChange] = []

    def collect(changes: list[MonthChange]) -> None:
        collected[:] = changes
        if not apply:
            raise _DryRun

    token = _COLLECTOR.set(collect)
    try:
        op.run(actor=actor, **kwargs)
    except _DryRun:
        pass
    finally:
        _COLLECTOR.reset(token)
    return collected


# --- capturing a call ---------------------------------------------------------------
class _NotCapturable(Exception):
    pass


def _concrete(instance: models.Model) -> list[models.Field]:
    return [f for f in instance._meta.concrete_fields if not f.primary_key]


def _walk(value, seen: dict[int, tuple]) -> None:
    if isinstance(value, models.Model):
        if id(value) not in seen:
            seen[id(value)] = (value.pk, {f.attname: getattr(value, f.attname) for f in _concrete(value)})
    elif isinstance(value, list | tuple | set):
        for item in value:
            _walk(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, seen)


def _snapshot(kwargs: dict) -> dict[int, tuple]:
    """The instances passed in, as the caller handed them (in memory: no query)."""
    seen: dict[int, tuple] = {}
    for key, value in kwargs.items():
        if key not in ("actor", "request"):
            _walk(value, seen)
    return seen


def _capture(name: str, kwargs: dict, snapshot: dict[int, tuple]) -> dict | None:
    try:
        return {
            "op": name,
            "kwargs": {
                key: _encode(value, snapshot) for key, value in kwargs.items() if key not in ("actor", "request")
            },
        }
    except _NotCapturable:
        return None


def _encode(value, snapshot):
    if isinstance(value, str):
        return str(value)  # a TextChoices member as its plain code
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dt.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, dt.time):
        return {"__time__": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"__decimal__": str(value)}
    if isinstance(value, uuid.UUID):
        return {"__uuid__": str(value)}
    if isinstance(value, FieldFile):
        if value and not value._committed:
            raise _NotCapturable  # an upload is not kept for later
        return value.name or ""
    if isinstance(value, models.Model):
        return _encode_instance(value, snapshot)
    if isinstance(value, models.QuerySet):
        return [_encode(item, snapshot) for item in value]
    if isinstance(value, list | tuple | set):
        return [_encode(item, snapshot) for item in value]
    if isinstance(value, dict):
        return {"__dict__": {str(k): _encode(v, snapshot) for k, v in value.items()}}
    raise _NotCapturable


def _encode_instance(instance: models.Model, snapshot) -> dict:
    pk, values = snapshot.get(id(instance), (instance.pk, None))
    fields = _concrete(instance)
    if values is None:
        values = {f.attname: getattr(instance, f.attname) for f in fields}
    stored = None
    if pk is not None:
        stored = type(instance)._default_manager.filter(pk=pk).values(*[f.attname for f in fields]).first()
    if stored is None:  # a new record: every field the caller set
        changed = {f.attname: values[f.attname] for f in fields}
        pk = None
    else:  # an existing record: the fields the caller changed
        changed = {name: value for name, value in values.items() if stored.get(name) != value}
    return {
        "__model__": instance._meta.label_lower,
        "pk": pk,
        "fields": {name: _encode(value, snapshot) for name, value in changed.items()},
    }


def _decode(value):
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "__datetime__" in value:
        return dt.datetime.fromisoformat(value["__datetime__"])
    if "__date__" in value:
        return dt.date.fromisoformat(value["__date__"])
    if "__time__" in value:
        return dt.time.fromisoformat(value["__time__"])
    if "__decimal__" in value:
        return decimal.Decimal(value["__decimal__"])
    if "__uuid__" in value:
        return uuid.UUID(value["__uuid__"])
    if "__dict__" in value:
        return {k: _decode(v) for k, v in value["__dict__"].items()}
    if "__model__" in value:
        model = apps.get_model(value["__model__"])
        fields = {name: _decode(v) for name, v in value["fields"].items()}
        if value["pk"] is None:
            return model(**fields)
        instance = model._default_manager.filter(pk=value["pk"]).first()
        if instance is None:
            raise ValidationError(_("A record this change concerns no longer exists."))
        for name, v in fields.items():
            setattr(instance, name, v)
        return instance
    raise ValidationError(_("This kind of change can no longer be made."))
