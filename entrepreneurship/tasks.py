"""Scheduled jobs: thin, idempotent (one notification per dedupe key); each
has a management command too."""

from celery import shared_task

from entrepreneurship import services
from stations.background import RETRY_POLICY


@shared_task(name="entrepreneurship.tasks.remind_subsidy_reviewers", **RETRY_POLICY)
def remind_subsidy_reviewers() -> int:
    return services.subsidy_reviewers_remind()
