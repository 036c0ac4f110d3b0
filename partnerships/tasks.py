"""Scheduled jobs: thin, idempotent (one notification per dedupe key); each
has a management command too."""

from celery import shared_task

from partnerships.services.network import commitments
from stations.background import RETRY_POLICY


@shared_task(name="partnerships.tasks.remind_late_commitments", **RETRY_POLICY)
def remind_late_commitments() -> int:
    return commitments.commitments_remind_overdue()
