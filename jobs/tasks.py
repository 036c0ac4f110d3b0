"""Scheduled jobs of the job market: thin, idempotent, set-based. Each has a
management command of the same name for cron-only sites.

Idempotent by key: expiry by the posting's status, reminders by
`expiry_reminded_at` (set only once the e-mail went out), unanswered
recommendations by their flag, alerts by (alert, posting) and `emailed_at`.
A failed send is recorded on its row and raises DeliveryFailed, so the task
retries what was not sent."""

from celery import shared_task

from jobs import services
from stations.background import RETRY_POLICY


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
