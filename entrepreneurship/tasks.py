"""Scheduled jobs: thin, idempotent; each has a management command too."""

from celery import shared_task

from entrepreneurship import services


@shared_task(name="entrepreneurship.tasks.remind_subsidy_reviewers", max_retries=3)
def remind_subsidy_reviewers() -> int:
    return services.subsidy_reviewers_remind()
