"""Celery tasks of the base app. Each takes ids, calls a service and is
idempotent, so a retried or duplicated delivery changes nothing twice."""

from celery import shared_task
from django.utils import translation


@shared_task(acks_late=True)
def resident_import_run(batch_pk: int) -> None:
    """Run whichever step a resident import batch is waiting for: its check
    (status pending) or its import (status queued)."""
    from django.conf import settings

    from stations.imports.services import resident_import_batch_check, resident_import_batch_execute

    with translation.override(settings.LANGUAGE_CODE):
        resident_import_batch_check(batch_pk=batch_pk)
        resident_import_batch_execute(batch_pk=batch_pk)


@shared_task(autoretry_for=(Exception,), max_retries=3, retry_backoff=True)
def housekeeping_purge_expired() -> dict[str, int]:
    """Nightly: delete expired sessions and login-throttle counters. Returns
    the counts; `manage.py purge_expired` runs the same service by hand."""
    from stations.services.housekeeping import housekeeping_purge_expired as purge

    return purge()


@shared_task(autoretry_for=(Exception,), max_retries=3, retry_backoff=True)
def households_zero_employment_refresh() -> int:
    """Nightly: derive every household's zero-employment flag again (members
    age into and out of working age); notifies on the day one becomes one."""
    from django.utils import timezone

    from stations.services.residents import household_zero_employment_refresh_all

    return household_zero_employment_refresh_all(on=timezone.localdate())
