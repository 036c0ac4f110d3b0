"""Celery tasks of the base app. Each takes ids, calls a service and is
idempotent, so a retried or duplicated delivery changes nothing twice."""

from celery import shared_task


@shared_task(autoretry_for=(Exception,), max_retries=3, retry_backoff=True)
def housekeeping_purge_expired() -> dict[str, int]:
    """Nightly: delete expired sessions and login-throttle counters. Returns
    the counts; `manage.py purge_expired` runs the same service by hand."""
    from stations.services.housekeeping import housekeeping_purge_expired as purge

    return purge()
