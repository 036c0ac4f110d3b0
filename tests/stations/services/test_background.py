"""Background work handed to the workers through the database (stations.services.background)."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from reports.models import ReportStatus
from stations.models import HandoffState, TaskHandoff
from stations.services.background import (
    MAX_RUNS,
    RESEND_UNSTARTED_AFTER,
    handoffs_relay,
    handoffs_waiting,
    task_hand_off,
)
from tests.factories.reports import ReportRequestFactory

pytestmark = pytest.mark.django_db


def _hand_off_report(report):
    return task_hand_off(task="reports.tasks.build_report", key=report.handoff_key, kwargs={"report_id": report.pk})


def test_hand_off_is_recorded_in_the_callers_transaction(community, django_capture_on_commit_callbacks):
    report = ReportRequestFactory(community=community)
    with django_capture_on_commit_callbacks(execute=False), transaction.atomic():
        handoff = _hand_off_report(report)
        assert TaskHandoff.objects.filter(pk=handoff.pk, state=HandoffState.PENDING).exists()


def test_a_rolled_back_change_leaves_no_work_behind(community, django_capture_on_commit_callbacks):
    report = ReportRequestFactory(community=community)
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _hand_off_report(report)
        raise RuntimeError("the change fails")
    assert not TaskHandoff.objects.exists()
    assert callbacks == []


def test_asking_twice_for_unfinished_work_records_it_once(community, django_capture_on_commit_callbacks):
    report = ReportRequestFactory(community=community)
    with django_capture_on_commit_callbacks(execute=False):
        first = _hand_off_report(report)
        second = _hand_off_report(report)
    assert first.pk == second.pk
    assert TaskHandoff.objects.count() == 1


def test_handed_over_work_runs_after_the_commit_and_ends_done(community, django_capture_on_commit_callbacks):
    report = ReportRequestFactory(community=community)
    with django_capture_on_commit_callbacks(execute=True):
        handoff = _hand_off_report(report)
    handoff.refresh_from_db()
    report.refresh_from_db()
    assert (handoff.state, handoff.runs, handoff.handovers) == (HandoffState.DONE, 1, 1)
    assert report.status == ReportStatus.DONE


def test_work_handed_over_twice_is_done_once(community, django_capture_on_commit_callbacks):
    report = ReportRequestFactory(community=community)
    with django_capture_on_commit_callbacks(execute=True):
        handoff = _hand_off_report(report)
    report.refresh_from_db()
    built_at = report.finished_at
    # The broker delivers the same message again (a relay after a lost ack).
    from reports.tasks import build_report

    build_report.apply(kwargs={"report_id": report.pk}, task_id=handoff.celery_task_id)
    handoff.refresh_from_db()
    report.refresh_from_db()
    assert handoff.runs == 1
    assert report.finished_at == built_at


def test_without_a_broker_the_work_waits_in_the_database(
    community, unreachable_broker, django_capture_on_commit_callbacks
):
    report = ReportRequestFactory(community=community)
    with django_capture_on_commit_callbacks(execute=True):
        handoff = _hand_off_report(report)  # the hand-over after the commit must not raise
    handoff.refresh_from_db()
    assert handoff.state == HandoffState.PENDING
    assert handoff.error  # why it waits: the broker's refusal
    assert handoffs_waiting(keys=[report.handoff_key]) == {report.handoff_key}


def test_the_relay_stops_at_the_first_refusal_and_counts_what_waits(community, unreachable_broker):
    for _ in range(3):
        report = ReportRequestFactory(community=community)
        _hand_off_report(report)
    result = handoffs_relay(now=timezone.now() + dt.timedelta(minutes=1))
    assert (result.handed_over, result.waiting) == (0, 3)


def test_the_relay_hands_over_what_waited(community, django_capture_on_commit_callbacks):
    report = ReportRequestFactory(community=community)
    with django_capture_on_commit_callbacks(execute=False):
        handoff = _hand_off_report(report)  # the commit hook never ran: a crash, or no broker
    result = handoffs_relay(now=timezone.now() + dt.timedelta(minutes=1))
    handoff.refresh_from_db()
    report.refresh_from_db()
    assert result.handed_over == 1
    assert handoff.state == HandoffState.DONE and report.status == ReportStatus.DONE


def test_the_relay_leaves_fresh_rows_to_the_commit_hook(community, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        _hand_off_report(ReportRequestFactory(community=community))
    assert handoffs_relay().handed_over == 0


def test_the_relay_hands_over_again_what_the_broker_lost(community):
    report = ReportRequestFactory(community=community)
    handoff = TaskHandoff.objects.create(
        task_name="reports.tasks.build_report", kwargs={"report_id": report.pk}, key=report.handoff_key
    )
    TaskHandoff.objects.filter(pk=handoff.pk).update(state=HandoffState.SENT, sent_at=timezone.now(), handovers=1)
    assert handoffs_relay(now=timezone.now() + dt.timedelta(minutes=1)).handed_over == 0  # maybe still queued
    assert handoffs_relay(now=timezone.now() + RESEND_UNSTARTED_AFTER * 2).handed_over == 1
    handoff.refresh_from_db()
    assert handoff.state == HandoffState.DONE


def test_a_starting_worker_hands_over_every_unstarted_row(community):
    report = ReportRequestFactory(community=community)
    handoff = TaskHandoff.objects.create(
        task_name="reports.tasks.build_report", kwargs={"report_id": report.pk}, key=report.handoff_key
    )
    # Handed over a moment ago; the broker restarted and lost it before the worker came.
    TaskHandoff.objects.filter(pk=handoff.pk).update(state=HandoffState.SENT, sent_at=timezone.now(), handovers=1)
    assert handoffs_relay(resend_unstarted=True).handed_over == 1


def test_the_relay_gives_up_on_work_no_worker_finished_and_tells_who_asked(community):
    report = ReportRequestFactory(community=community, status=ReportStatus.RUNNING)
    handoff = TaskHandoff.objects.create(
        task_name="reports.tasks.build_report", kwargs={"report_id": report.pk}, key=report.handoff_key
    )
    long_ago = timezone.now() - dt.timedelta(days=1)
    TaskHandoff.objects.filter(pk=handoff.pk).update(state=HandoffState.STARTED, started_at=long_ago, runs=MAX_RUNS)
    result = handoffs_relay()
    handoff.refresh_from_db()
    report.refresh_from_db()
    assert result.given_up == 1
    assert handoff.state == HandoffState.FAILED and "never ended" in handoff.error
    assert report.status == ReportStatus.FAILED and report.error


def test_the_relay_starts_again_work_a_dead_worker_left(community):
    report = ReportRequestFactory(community=community, status=ReportStatus.RUNNING)
    handoff = TaskHandoff.objects.create(
        task_name="reports.tasks.build_report", kwargs={"report_id": report.pk}, key=report.handoff_key
    )
    long_ago = timezone.now() - dt.timedelta(days=1)
    TaskHandoff.objects.filter(pk=handoff.pk).update(
        state=HandoffState.STARTED, created_at=long_ago, started_at=long_ago, runs=1
    )
    handoffs_relay()
    handoff.refresh_from_db()
    report.refresh_from_db()
    assert (handoff.state, handoff.runs) == (HandoffState.DONE, 2)
    assert report.status == ReportStatus.DONE


def test_the_relay_deletes_rows_finished_long_ago(community):
    old = TaskHandoff.objects.create(task_name="x", key="old", state=HandoffState.DONE)
    TaskHandoff.objects.filter(pk=old.pk).update(finished_at=timezone.now() - dt.timedelta(days=40))
    recent = TaskHandoff.objects.create(task_name="x", key="recent", state=HandoffState.FAILED)
    TaskHandoff.objects.filter(pk=recent.pk).update(finished_at=timezone.now())
    assert handoffs_relay().purged == 1
    assert list(TaskHandoff.objects.values_list("key", flat=True)) == ["recent"]
