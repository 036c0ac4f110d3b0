"""Scheduled jobs: thin, idempotent; each has a management command too."""

from celery import shared_task

from partnerships.services import network


@shared_task(name="partnerships.tasks.remind_late_commitments", max_retries=3)
def remind_late_commitments() -> int:
    return network.commitments_remind_overdue()
