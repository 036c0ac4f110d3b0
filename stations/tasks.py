"""Celery tasks of the base app. Each takes ids, calls a service and is
idempotent, so a retried or duplicated delivery changes nothing twice."""

from celery import shared_task
from django.utils import translation

from stations.background import RETRY_POLICY, DurableTask


@shared_task(
    name="stations.tasks.resident_import_run",
    base=DurableTask,
    acks_late=True,
    record_failure_with="stations.imports.services.resident_import_batch_fail",
    **RETRY_POLICY,
)
def resident_import_run(batch_pk: int) -> None:
    """Run whichever step a resident import batch is waiting for: its check
    (status pending) or its import (status queued). Idempotent by the batch's
    status: each step first moves it on, so a second delivery finds nothing to do."""
    from django.conf import settings

    from stations.imports.services import resident_import_batch_check, resident_import_batch_execute

    with translation.override(settings.LANGUAGE_CODE):
        resident_import_batch_check(batch_pk=batch_pk)
        resident_import_batch_execute(batch_pk=batch_pk)


@shared_task(name="stations.tasks.notifications_deliver", base=DurableTask, **RETRY_POLICY)
def notifications_deliver(notification_ids: list[int]) -> int:
    """E-mail and SMS for new notifications. Idempotent by each message's
    recorded status: a sent message is never sent again, a failed one is
    retried (the service raises DeliveryFailed)."""
    from stations.services.notifications import notifications_deliver as deliver

    return deliver(notification_ids=notification_ids)


@shared_task(name="stations.tasks.handoffs_relay", ignore_result=True)
def handoffs_relay() -> int:
    """Every minute (beat): hand over the background work that waited for the
    broker or was lost by it. Returns how many rows were handed over."""
    from stations.services.background import handoffs_relay as relay

    return relay().handed_over


@shared_task(name="stations.tasks.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Every minute (beat): a worker records that it is there and takes work
    (beat's side is recorded when it publishes this task, config/celery.py).
    No retries: the next minute's heartbeat is the retry."""
    from stations.models import Heartbeat
    from stations.services.background import heartbeat_record

    heartbeat_record(name=Heartbeat.WORKER)


@shared_task(name="stations.tasks.housekeeping_purge_expired", **RETRY_POLICY)
def housekeeping_purge_expired() -> dict[str, int]:
    """Nightly: delete expired sessions and login-throttle counters. Returns
    the counts; `manage.py purge_expired` runs the same service by hand."""
    from stations.services.housekeeping import housekeeping_purge_expired as purge

    return purge()


@shared_task(name="stations.tasks.households_zero_employment_refresh", **RETRY_POLICY)
def households_zero_employment_refresh() -> int:
    """Nightly: derive every household's zero-employment flag again (members
    age into and out of working age); notifies on the day one becomes one."""
    from django.utils import timezone

    from stations.services.residents import household_zero_employment_refresh_all

    return household_zero_employment_refresh_all(on=timezone.localdate())
