"""Scheduled jobs of the job market: thin, idempotent, set-based. Each has a
management command of the same name for cron-only sites.

Idempotent by key: expiry by the posting's status, reminders by
`expiry_reminded_at` (set only once the e-mail went out), unanswered
recommendations by their flag, alerts by (alert, posting) and `emailed_at`.
A failed send is recorded on its row and raises DeliveryFailed, so the task
retries what was not sent."""

from celery import shared_task
from django.utils import translation

from jobs import services
from stations.background import RETRY_POLICY, DurableTask


@shared_task(
    name="jobs.tasks.employer_import_run",
    base=DurableTask,
    acks_late=True,
    record_failure_with="jobs.services.employer_imports.employer_import_batch_fail",
    **RETRY_POLICY,
)
def employer_import_run(batch_pk: int) -> None:
    """Run whichever step an employer import batch is waiting for: its check
    (status pending) or its import (status queued). Idempotent by the batch's
    status: each step first moves it on, so a second delivery finds nothing to do."""
    from django.conf import settings

    from jobs.services.employer_imports import employer_import_batch_check, employer_import_batch_execute

    with translation.override(settings.LANGUAGE_CODE):
        employer_import_batch_check(batch_pk=batch_pk)
        employer_import_batch_execute(batch_pk=batch_pk)


@shared_task(name="jobs.tasks.expire_postings", **RETRY_POLICY)
def expire_postings() -> int:
    return services.postings_expire()


@shared_task(name="jobs.tasks.withdraw_unlawful_postings", **RETRY_POLICY)
def withdraw_unlawful_postings() -> int:
    return services.postings_withdraw_unlawful()


@shared_task(name="jobs.tasks.remind_expiry", **RETRY_POLICY)
def remind_expiry() -> int:
    return services.postings_remind_expiry()


@shared_task(name="jobs.tasks.flag_no_answer", **RETRY_POLICY)
def flag_no_answer() -> int:
    return services.recommendations_flag_no_answer()


@shared_task(name="jobs.tasks.send_job_alerts", **RETRY_POLICY)
def send_job_alerts() -> int:
    return services.job_alerts_run()
