"""Scheduled jobs of the job market: thin, idempotent, set-based. Each has a
management command of the same name for cron-only sites."""

from celery import shared_task

from jobs import services


@shared_task(name="jobs.tasks.expire_postings", max_retries=3)
def expire_postings() -> int:
    return services.postings_expire()


@shared_task(name="jobs.tasks.withdraw_unlawful_postings", max_retries=3)
def withdraw_unlawful_postings() -> int:
    return services.postings_withdraw_unlawful()


@shared_task(name="jobs.tasks.remind_expiry", max_retries=3)
def remind_expiry() -> int:
    return services.postings_remind_expiry()


@shared_task(name="jobs.tasks.flag_no_answer", max_retries=3)
def flag_no_answer() -> int:
    return services.recommendations_flag_no_answer()


@shared_task(name="jobs.tasks.send_job_alerts", max_retries=3)
def send_job_alerts() -> int:
    return services.job_alerts_run()
