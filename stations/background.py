"""Celery's side of background work: the base class of handed-over tasks,
the retry policy every task that talks to something fallible shares, and the
relay run when a worker starts. How work reaches a worker is in
stations/services/background.py; docs/background-work.md tells the story."""

from __future__ import annotations

import inspect
import logging

from billiard.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from celery import Task
from celery.exceptions import Ignore, Reject, Retry
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

log = logging.getLogger("portal.background")


class DeliveryFailed(Exception):
    """Some messages could not be sent. Each is recorded as failed with its
    reason and left unsent; raising this makes the task retry them."""


# What is worth trying again: the database or a network service (SMTP, an SMS
# gateway, the media disk) not answering, and recorded failed deliveries. A
# programming error fails at once instead of four more times.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError, DeliveryFailed)

# Exponential backoff with full jitter (Celery draws each countdown between 0
# and 10 s, 20 s, 40 s … capped at 5 minutes), five retries: a task gives up
# about ten minutes after its first failure. The cap stays well below the
# relay's RESEND_UNSTARTED_AFTER (15 minutes), so a waiting retry is not
# mistaken for a message the broker lost.
RETRY_POLICY = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 10,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}


def failure_reason(exc: BaseException | None) -> str:
    """Why a task failed for good, in words for the person who asked for it
    (in the portal's language: it is stored and shown later)."""
    with translation.override(settings.LANGUAGE_CODE):
        if exc is None:
            return _("No worker finished it: the worker stopped while working on it.")
        if isinstance(exc, SoftTimeLimitExceeded | TimeLimitExceeded):
            return _("It took longer than the time limit allows.")
        if isinstance(exc, OperationalError | InterfaceError):
            return _("The database could not be reached.")
        if isinstance(exc, OSError):
            return _("A file or network service could not be reached.")
        return _("An unexpected error occurred; the administrator can find it in the log.")


class DurableTask(Task):
    """Base class of tasks handed over with `task_hand_off`.

    A run claims the task's TaskHandoff row first and does nothing when the
    row is done, failed or running elsewhere, so the task is idempotent by its
    hand-off whatever the broker delivers twice. The row ends done, or failed
    with the error; `record_failure` then shows the failure to whoever asked.
    Called directly or queued without a hand-off (tests, the shell), it
    simply runs.
    """

    abstract = True
    # Outcomes are recorded in the database; nothing waits on a result, and a
    # result backend call must not stand between a request and its answer.
    ignore_result = True
    # Dotted path of the service that marks the record failed (see below).
    record_failure_with: str | None = None

    def __call__(self, *args, **kwargs):
        from stations.services.background import (
            describe_error,
            handoff_claim,
            handoff_fail,
            handoff_finish,
            handoff_pk_from_task_id,
        )

        pk = handoff_pk_from_task_id(self.request.id)
        if pk is None:
            try:
                return super().__call__(*args, **kwargs)
            except (Retry, Reject, Ignore):
                raise
            except Exception as exc:
                self.record_failure_safely(exc, self._arguments(args, kwargs))
                raise
        if not handoff_claim(pk=pk):
            log.info("%s: hand-off %s is finished or running elsewhere; nothing to do", self.name, pk)
            return None
        try:
            result = super().__call__(*args, **kwargs)
        except (Retry, Reject, Ignore):
            raise  # released by retry(); a rejected retry waits for the relay
        except Exception as exc:
            handoff_fail(pk=pk, error=describe_error(exc))
            self.record_failure_safely(exc, self._arguments(args, kwargs))
            raise
        handoff_finish(pk=pk)
        return result

    def retry(self, *args, exc=None, **kwargs):
        from stations.services.background import describe_error, handoff_pk_from_task_id, handoff_release

        pk = handoff_pk_from_task_id(self.request.id)
        if pk is not None:
            # Before the retry is published: an in-process retry runs at once.
            handoff_release(pk=pk, error=describe_error(exc) if exc else "")
        return super().retry(*args, exc=exc, **kwargs)

    def _arguments(self, args, kwargs) -> dict:
        try:
            return dict(inspect.signature(self.run).bind(*args, **kwargs).arguments)
        except TypeError:
            return dict(kwargs)

    def record_failure_safely(self, exc: BaseException | None, kwargs: dict) -> None:
        """Mark the record the work was for as failed, so the person who asked
        sees it: `record_failure_with` names a service called with the task's
        arguments (by name) and `reason` (see failure_reason)."""
        if not self.record_failure_with:
            return
        try:
            import_string(self.record_failure_with)(reason=failure_reason(exc), **kwargs)
        except Exception:
            log.exception("%s: recording the failure failed", self.name)


def relay_on_worker_start() -> None:
    """A worker that starts hands over what waited while there was none (or
    no broker), and again what the broker may have lost meanwhile."""
    from django.db import connections

    from stations.services.background import handoffs_relay

    try:
        handoffs_relay(resend_unstarted=True)
    except Exception:
        log.exception("relay at worker start failed; beat's relay will try again")
    finally:
        # The worker's main process forks more children later: leave them no connection.
        connections.close_all()


HEARTBEAT_TASK = "stations.tasks.heartbeat"


def record_beat_heartbeat() -> None:
    """Beat has handed the heartbeat task to the broker (Celery's
    after_task_publish, in beat's process). Beat has no request cycle to close
    broken or old database connections, so this closes them before and after;
    a failure is logged and never stops beat."""
    from django.db import close_old_connections, connection

    from stations.models import Heartbeat
    from stations.services.background import heartbeat_record

    # Inside a transaction (a test, a shell) the connection is someone else's.
    own_connection = not connection.in_atomic_block
    try:
        if own_connection:
            close_old_connections()
        heartbeat_record(name=Heartbeat.BEAT)
    except Exception:
        log.exception("recording beat's heartbeat failed; /healthz will call beat stale")
    finally:
        if own_connection:
            close_old_connections()
