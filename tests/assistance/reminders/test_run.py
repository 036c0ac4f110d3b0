import datetime as dt
import threading

import pytest
from django.db import connection

from assistance.models import Escalation
from assistance.reminders import reminders_send
from assistance.schedule import month_end
from stations.models import Notification
from tests.assistance.conftest import ALL4, TODAY


def test_reminder_run_takes_the_same_queries_for_few_or_many_cases(
    make_case, community_staff, django_capture_on_commit_callbacks
):
    opened = 10
    for _ in range(2):
        make_case(opened_days_ago=opened)
    day = month_end(TODAY - dt.timedelta(days=opened), 3) + dt.timedelta(days=1)
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few, django_capture_on_commit_callbacks(execute=False):
        reminders_send(today=day)
    Notification.objects.all().delete()
    # 88 notifications: one INSERT on SQLite, whose 999 parameters hold 90 rows of 11 columns.
    for _ in range(20):
        make_case(opened_days_ago=opened)
    with CaptureQueriesContext(connection) as many, django_capture_on_commit_callbacks(execute=False):
        result = reminders_send(today=day)
    assert result.sent == 22 * 4
    assert len(many.captured_queries) == len(few.captured_queries)
    # five policy figures, the last run, the newest case id, the cases, names,
    # used keys, households, recipients' addresses, the insert, the run's log
    # row; PostgreSQL adds the advisory lock that keeps two beat instances apart
    # and a SET LOCAL.
    assert len(few.captured_queries) <= (22 if connection.vendor == "postgresql" else 20)


@pytest.mark.django_db(transaction=True)
def test_three_runs_at_once_escalate_each_item_once(make_case, give, street_officer, district_bureau):
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent writers need PostgreSQL: SQLite serialises whole-database writes.")
    case = make_case(opened_days_ago=10)
    for kind in ALL4[1:]:
        give(case, kind, 1)
    late = month_end(case.opened_on, 3) + dt.timedelta(days=76)
    barrier = threading.Barrier(3)
    errors = []

    def run():
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            reminders_send(today=late, full=True)
        except Exception as exc:  # the assertion below names it
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(Escalation.objects.values_list("level", flat=True)) == ["district", "street"]
    assert Notification.objects.filter(recipient=street_officer).count() == 1
    assert Notification.objects.filter(recipient=district_bureau).count() == 1
