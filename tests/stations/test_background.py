"""Background work handed to the workers through the database (stations.services.background)."""

import pytest
from django.db import OperationalError

from config.celery import app as celery_app
from reports.models import ReportStatus
from stations.background import RETRY_POLICY, DurableTask
from stations.models import HandoffState
from stations.services.background import (
    task_hand_off,
)
from tests.factories.reports import ReportRequestFactory

pytestmark = pytest.mark.django_db


def _hand_off_report(report):
    return task_hand_off(task="reports.tasks.build_report", key=report.handoff_key, kwargs={"report_id": report.pk})


def test_a_task_that_fails_for_good_records_the_error_and_tells_who_asked(
    community, django_capture_on_commit_callbacks
):
    report = ReportRequestFactory(community=community, node_code="999999999999")  # no such community
    with django_capture_on_commit_callbacks(execute=True):
        handoff = _hand_off_report(report)
    handoff.refresh_from_db()
    report.refresh_from_db()
    assert handoff.state == HandoffState.FAILED and "ValidationError" in handoff.error
    assert report.status == ReportStatus.FAILED
    assert report.error  # a reason in words, in the portal's language


def test_a_transient_error_is_retried_and_the_work_done_once(
    community, monkeypatch, django_capture_on_commit_callbacks
):
    from reports import services

    real_build_table, calls = services.build_table, []

    def flaky_build_table(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_build_table(*args, **kwargs)

    monkeypatch.setattr(services, "build_table", flaky_build_table)
    report = ReportRequestFactory(community=community)
    with django_capture_on_commit_callbacks(execute=True):
        handoff = _hand_off_report(report)
    handoff.refresh_from_db()
    report.refresh_from_db()
    assert (handoff.state, handoff.runs) == (HandoffState.DONE, 2)
    assert report.status == ReportStatus.DONE


def _our_tasks():
    celery_app.loader.import_default_modules()
    apps = ("stations.", "jobs.", "training.", "entrepreneurship.", "assistance.", "partnerships.", "reports.")
    return {name: task for name, task in celery_app.tasks.items() if name.startswith(apps)}


def test_every_task_that_declares_retries_has_something_trigger_them():
    for name, task in _our_tasks().items():
        if name in ("stations.tasks.handoffs_relay", "stations.tasks.heartbeat"):
            continue  # runs every minute anyway
        assert task.autoretry_for, f"{name} retries nothing"
        assert task.retry_backoff and task.retry_jitter, f"{name} retries without backoff and jitter"
        assert task.max_retries == RETRY_POLICY["max_retries"] and task.retry_backoff_max <= 300, name


def test_work_asked_for_by_requests_goes_through_durable_tasks():
    tasks = _our_tasks()
    for name in (
        "reports.tasks.build_report",
        "stations.tasks.resident_import_run",
        "jobs.tasks.employer_import_run",
        "stations.tasks.notifications_deliver",
        "training.tasks.notify_class_prospects",
    ):
        assert isinstance(tasks[name], DurableTask), name
