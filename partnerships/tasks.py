"""Scheduled jobs: thin, idempotent (one notification per dedupe key); each
has a management command too."""

from celery import shared_task

from partnerships.services import network
from stations.background import RETRY_POLICY


@shared_task(name="partnerships.tasks.remind_late_commitments", **RETRY_POLICY)
def remind_late_commitments() -> int:
    return network.commitments_remind_overdue()
