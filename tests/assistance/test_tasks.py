"""The daily reminder job: the clock it runs on, and through a real Celery
worker on Redis against the test database, one reminder per item, not two,
when the job runs twice.

Reuses the platform's worker fixture (tests/platform/test_celery_worker.py),
which skips with the reason on SQLite or without Redis, and fails instead
under CI=true.
"""

import datetime as dt

import pytest

from assistance.schedule import month_end
from assistance.tasks import send_12333_reminders
from stations.models import Notification
from tests.platform.test_celery_worker import RESULT_TIMEOUT_SECONDS, celery_worker_queue  # noqa: F401


@pytest.mark.celery_worker
def test_reminder_job_runs_in_a_real_worker_and_sends_each_reminder_once(celery_worker_queue, make_case):  # noqa: F811
    queue, log_path = celery_worker_queue
    case = make_case(opened_days_ago=10)
    day = (month_end(case.opened_on, 3) + dt.timedelta(days=1)).isoformat()

    first = send_12333_reminders.apply_async(kwargs={"today": day}, queue=queue)
    first_result = first.get(timeout=RESULT_TIMEOUT_SECONDS)
    second = send_12333_reminders.apply_async(kwargs={"today": day}, queue=queue)
    second_result = second.get(timeout=RESULT_TIMEOUT_SECONDS)

    assert (first_result["sent"], second_result["sent"]) == (4, 0)
    assert Notification.objects.filter(recipient=case.assigned_to, kind="assistance.overdue").count() == 4
    assert f"{queue}@" in log_path.read_text()  # our worker ran it, not an eager call


def test_setting_moves_the_clock_for_the_task(make_case, settings):
    case = make_case(opened_days_ago=10)
    settings.ASSISTANCE_TODAY = month_end(case.opened_on, 3) + dt.timedelta(days=1)
    assert send_12333_reminders.apply().get()["sent"] == 4
