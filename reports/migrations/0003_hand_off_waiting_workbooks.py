"""Workbooks left queued or half built before background work was recorded in
the database (their Celery message lost with the broker) get a hand-off row,
so the relay hands them to a worker and they are built, instead of staying at
0 % for good.

Reversible: backwards does nothing; the rows it made go with the hand-off
table when stations' migration is reversed, and a report that was "running"
stays "queued", which is what it was in truth.
"""

from django.db import migrations

UNFINISHED = ["pending", "sent", "started"]


def hand_off_waiting_workbooks(apps, schema_editor):
    ReportRequest = apps.get_model("reports", "ReportRequest")
    TaskHandoff = apps.get_model("stations", "TaskHandoff")
    waiting = ReportRequest.objects.filter(status__in=["queued", "running"])
    for pk in waiting.values_list("pk", flat=True).iterator():
        key = f"reports.build:{pk}"
        if not TaskHandoff.objects.filter(key=key, state__in=UNFINISHED).exists():
            TaskHandoff.objects.create(task_name="reports.tasks.build_report", kwargs={"report_id": pk}, key=key)
    waiting.update(status="queued", progress=0)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_period_close"),
        ("stations", "0004_task_handoff_and_notification_delivery"),
    ]

    operations = [migrations.RunPython(hand_off_waiting_workbooks, migrations.RunPython.noop)]
