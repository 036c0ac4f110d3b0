"""The ledger's unemployment registration date (失业登记日期) is read under the
key `unemployed_since` now that `registered_on` names the day a person was
registered at the station. Batches not yet imported keep their rows, so their
key is renamed (and back on reversal); finished batches hold no rows."""

from django.db import migrations

OLD, NEW = "registered_on", "unemployed_since"
OPEN = ("pending", "validating", "invalid", "ready", "queued", "importing")


def _rename(apps, old: str, new: str) -> None:
    Batch = apps.get_model("stations", "ResidentImportBatch")
    for batch in Batch.objects.filter(status__in=OPEN).iterator():
        for row in batch.rows:
            values = row.get("values", {})
            if old in values:
                values[new] = values.pop(old)
            flags = row.get("flags", {})
            for keys in flags.values():
                if isinstance(keys, list):
                    keys[:] = [new if key == old else key for key in keys]
        for error in batch.errors:
            if error.get("field") == old:
                error["field"] = new
        batch.save(update_fields=["rows", "errors"])


def forwards(apps, schema_editor):
    _rename(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _rename(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0009_resident_registered_on"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
