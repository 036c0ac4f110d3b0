"""Handing work to the Celery workers without losing it (a transactional outbox).

    task_hand_off()  ─ inside the caller's transaction: a TaskHandoff row (pending)
        │ after the commit
        ▼
    broker reachable? ── yes ─► sent ─► a worker claims it (started) ─► done | failed
        │ no
        ▼
    pending ("waiting for a worker"), until handoffs_relay() hands it over:
    when a worker starts and every minute from beat.

`task_hand_off` is the one way a request or a service asks a worker for work.
A worker runs a handed-over task only after claiming its row (pending or sent
to started), so a task handed over twice, by the commit hook and the relay or
by a broker that redelivers, does its work once. The relay also hands over
again what the broker lost (sent, never started) and what a dead worker left
half done (started, never finished), and gives up, recording why, after
MAX_RUNS starts that never finished.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from stations.models import HandoffState, Heartbeat, TaskHandoff
from stations.models.background import HANDOFF_TASK_ID_PREFIX, UNFINISHED_HANDOFF_STATES

log = logging.getLogger("portal.background")

# The relay leaves rows this young to the commit hook that is handing them over now.
RELAY_GRACE = dt.timedelta(seconds=10)
# A row handed over but not started after this long was probably lost by the
# broker (a Redis restart without persistence loses its queues): hand it over
# again; a duplicate is harmless (the claim). Longer than the longest retry
# countdown (stations.background.RETRY_POLICY), which also waits as "sent".
RESEND_UNSTARTED_AFTER = dt.timedelta(minutes=15)
# Starts that never finished (the worker died, or the hard time limit killed
# the task) before the relay gives up and records the task as failed.
MAX_RUNS = 3
# Rows handed over per relay run; the next run takes the rest.
RELAY_BATCH = 500
# Finished rows are kept this long for the admin, then deleted by the relay.
KEEP_FINISHED = dt.timedelta(days=30)
# Publishing while the broker is down must not hold a request for long:
# two quick retries cover a reconnect after a Redis restart, then give up.
PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


def describe_error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def handoff_pk_from_task_id(task_id: str | None) -> int | None:
    if task_id and task_id.startswith(HANDOFF_TASK_ID_PREFIX):
        suffix = task_id[len(HANDOFF_TASK_ID_PREFIX) :]
        if suffix.isdigit():
            return int(suffix)
    return None


def _stale_after() -> dt.timedelta:
    # The hard time limit ends any run before this; a row still "started"
    # then belongs to a worker that is gone.
    return dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + dt.timedelta(minutes=5)


# --- asking for work -------------------------------------------------------------
def task_hand_off(*, task, key: str, kwargs: dict | None = None) -> TaskHandoff:
    """Record work for a Celery task in the current transaction and hand it to
    the broker after the commit. The one way code asks a worker for work.

    `task` is a Celery task (or its name), `kwargs` its JSON arguments, `key`
    what the work is about ("reports.build:42"): while a hand-off with the same
    key is unfinished, asking again returns it instead of doing the work twice.
    A rollback removes the row and nothing is sent. If the broker cannot be
    reached the caller still succeeds; the row waits for the relay.
    """
    name = task if isinstance(task, str) else task.name
    key = key[:200]
    waiting = TaskHandoff.objects.filter(key=key, state__in=UNFINISHED_HANDOFF_STATES).first()
    if waiting is not None:
        return waiting
    try:
        with transaction.atomic():
            handoff = TaskHandoff.objects.create(task_name=name, kwargs=kwargs or {}, key=key)
    except IntegrityError:  # a concurrent request recorded the same work first
        return TaskHandoff.objects.get(key=key, state__in=UNFINISHED_HANDOFF_STATES)
    transaction.on_commit(partial(_hand_over_after_commit, handoff.pk))
    return handoff


def _hand_over_after_commit(pk: int) -> None:
    """Runs after the commit: must never raise into the request."""
    try:
        handoff = TaskHandoff.objects.filter(pk=pk, state=HandoffState.PENDING).first()
        if handoff is not None:
            _hand_over(handoff)
    except Exception:
        log.exception("background task %s: hand-over after commit failed", pk)


def _task(name: str):
    """The registered task of that name; in a web process the apps' tasks
    modules are imported on first use (a worker imports them at start)."""
    from celery import current_app

    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def _publish(handoff: TaskHandoff) -> None:
    task = _task(handoff.task_name)
    options = {}
    if task.app.conf.task_always_eager:
        # In-process runs (no broker): retries run at once instead of raising
        # Retry, and a failure is recorded by the task, not raised here.
        options["throw"] = False
    task.apply_async(
        kwargs=handoff.kwargs,
        task_id=handoff.celery_task_id,
        retry=True,
        retry_policy=PUBLISH_RETRY_POLICY,
        **options,
    )


def _hand_over(handoff: TaskHandoff) -> bool:
    """Give one row to the broker. True when the broker took it."""
    try:
        _publish(handoff)
    except Exception as exc:
        # With tasks run in-process (no broker) this is the task's own error,
        # already recorded by the task; with a broker, the broker is unreachable.
        log.warning("background task %s (%s) not handed over: %s", handoff.pk, handoff.task_name, describe_error(exc))
        TaskHandoff.objects.filter(pk=handoff.pk, state=HandoffState.PENDING).update(error=describe_error(exc))
        return False
    TaskHandoff.objects.filter(pk=handoff.pk).update(
        handovers=F("handovers") + 1,
        sent_at=timezone.now(),
        # In-process runs have finished (or failed) by now: keep their state.
        state=Case(When(state=HandoffState.PENDING, then=Value(HandoffState.SENT)), default=F("state")),
        error=Case(When(state=HandoffState.PENDING, then=Value("")), default=F("error")),
    )
    return True


# --- the worker's side -------------------------------------------------------------
def handoff_claim(*, pk: int) -> bool:
    """Take a handed-over row for this run. False when it is done, failed,
    or another worker runs it now: the caller then does nothing."""
    return bool(
        TaskHandoff.objects.filter(pk=pk, state__in=[HandoffState.PENDING, HandoffState.SENT]).update(
            state=HandoffState.STARTED, started_at=timezone.now(), runs=F("runs") + 1
        )
    )


def handoff_release(*, pk: int, error: str) -> None:
    """A run that will be retried: the retry claims the row again."""
    TaskHandoff.objects.filter(pk=pk, state=HandoffState.STARTED).update(
        state=HandoffState.SENT, sent_at=timezone.now(), error=error[:500]
    )


def handoff_finish(*, pk: int) -> None:
    TaskHandoff.objects.filter(pk=pk, state=HandoffState.STARTED).update(
        state=HandoffState.DONE, finished_at=timezone.now(), error=""
    )


def handoff_fail(*, pk: int, error: str) -> None:
    TaskHandoff.objects.filter(pk=pk).exclude(state=HandoffState.DONE).update(
        state=HandoffState.FAILED, finished_at=timezone.now(), error=error[:500]
    )


def handoffs_waiting(*, keys: list[str]) -> set[str]:
    """Which of these keys have work recorded but not yet handed to a worker
    (the broker could not be reached): pages say "waiting for a worker"."""
    if not keys:
        return set()
    return set(TaskHandoff.objects.filter(key__in=keys, state=HandoffState.PENDING).values_list("key", flat=True))


# --- the relay -----------------------------------------------------------------------
@dataclass
class RelayResult:
    handed_over: int = 0
    waiting: int = 0
    given_up: int = 0
    purged: int = 0


def _give_up(handoff: TaskHandoff, reason: str) -> None:
    handoff_fail(pk=handoff.pk, error=reason)
    try:
        task = _task(handoff.task_name)
    except KeyError:
        log.error("background task %s: no task named %s", handoff.pk, handoff.task_name)
        return
    if hasattr(task, "record_failure_safely"):
        task.record_failure_safely(None, handoff.kwargs)


def handoffs_relay(*, now: dt.datetime | None = None, resend_unstarted: bool = False) -> RelayResult:
    """Hand to the broker whatever is waiting; hand over again what the broker
    lost or a dead worker left; give up on what never finished MAX_RUNS times.

    Runs when a worker starts (`resend_unstarted=True`: after an outage, every
    row not yet started is handed over again, since the broker may have lost
    it) and every minute from beat. Safe to run concurrently and repeatedly.
    """
    now = now or timezone.now()
    result = RelayResult()

    stale = TaskHandoff.objects.filter(state=HandoffState.STARTED, started_at__lt=now - _stale_after())
    for handoff in stale.filter(runs__gte=MAX_RUNS):
        reason = "No worker finished this task: it was started %(runs)d times and never ended." % {"runs": handoff.runs}
        _give_up(handoff, reason)
        result.given_up += 1
    stale.filter(runs__lt=MAX_RUNS).update(state=HandoffState.PENDING)
    unstarted = TaskHandoff.objects.filter(state=HandoffState.SENT)
    if not resend_unstarted:
        unstarted = unstarted.filter(sent_at__lt=now - RESEND_UNSTARTED_AFTER)
    unstarted.update(state=HandoffState.PENDING)

    due = list(
        TaskHandoff.objects.filter(state=HandoffState.PENDING)
        .filter(Q(created_at__lt=now - RELAY_GRACE) | Q(handovers__gt=0) | Q(runs__gt=0))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:RELAY_BATCH]
    )
    locking = connection.features.has_select_for_update_skip_locked
    for pk in due:
        with transaction.atomic():
            rows = TaskHandoff.objects.filter(pk=pk, state=HandoffState.PENDING)
            if locking:
                # Two relays at once (beat and a starting worker) skip each other's rows.
                rows = rows.select_for_update(skip_locked=True)
            waiting = rows.first()
            if waiting is None:
                continue
            handed = _hand_over(waiting)
        if not handed:
            break  # the broker is down: the others wait for the next run
        result.handed_over += 1
    result.waiting = TaskHandoff.objects.filter(state=HandoffState.PENDING).count()
    result.purged, _ = TaskHandoff.objects.filter(
        state__in=[HandoffState.DONE, HandoffState.FAILED], finished_at__lt=now - KEEP_FINISHED
    ).delete()
    if result.handed_over or result.given_up or result.waiting:
        log.info(
            "relay: %d handed over, %d waiting, %d given up",
            result.handed_over,
            result.waiting,
            result.given_up,
        )
    return result


# --- heartbeats --------------------------------------------------------------------


def heartbeat_record(*, name: str, at: dt.datetime | None = None) -> None:
    """Record that a part of the background machinery (Heartbeat.BEAT or
    Heartbeat.WORKER) was heard of now: one row per part, overwritten. No
    audit entry: it is the machinery's pulse, every minute, not a person's act."""
    if name not in (Heartbeat.BEAT, Heartbeat.WORKER):
        raise ValueError(f"unknown heartbeat {name!r}")
    Heartbeat.objects.update_or_create(name=name, defaults={"at": at or timezone.now()})
