"""Resident imports left waiting for a worker before background work was
recorded in the database (their Celery message lost with the broker) get a
hand-off row, so the relay hands them to a worker: a batch waiting for its
check is checked, a confirmed batch is imported (one transaction, so a batch
that was importing when its worker died wrote nothing and starts again).

Reversible: backwards does nothing; the rows it made go with the hand-off
table when 0004 is reversed.
"""

from django.db import migrations

UNFINISHED = ["pending", "sent", "started"]
STEPS = {"pending": "check", "validating": "check", "queued": "run", "importing": "run"}
BACK_TO = {"validating": "pending", "importing": "queued"}


def hand_off_waiting_imports(apps, schema_editor):
    ResidentImportBatch = apps.get_model("stations", "ResidentImportBatch")
    TaskHandoff = apps.get_model("stations", "TaskHandoff")
    for pk, status in ResidentImportBatch.objects.filter(status__in=list(STEPS)).values_list("pk", "status"):
        key = f"stations.resident_import.{STEPS[status]}:{pk}"
        if not TaskHandoff.objects.filter(key=key, state__in=UNFINISHED).exists():
            TaskHandoff.objects.create(task_name="stations.tasks.resident_import_run", kwargs={"batch_pk": pk}, key=key)
        if status in BACK_TO:
            ResidentImportBatch.objects.filter(pk=pk).update(status=BACK_TO[status])


class Migration(migrations.Migration):
    dependencies = [("stations", "0004_task_handoff_and_notification_delivery")]

    operations = [migrations.RunPython(hand_off_waiting_imports, migrations.RunPython.noop)]
