"""Normalise the identifiers and names already stored in partnerships as they are
normalised on entry; what is kept, reported and why going back changes
nothing: stations.migration_helpers."""

from django.db import migrations

from stations.migration_helpers import normalize_stored_values


def normalize(apps, schema_editor):
    using = schema_editor.connection.alias
    model = apps.get_model
    for name in ("Partner", "LabourOrganisation"):
        normalize_stored_values(
            model("partnerships", name),
            codes=("credit_code",),
            texts=("contact_name", "contact_phone"),
            using=using,
        )
    normalize_stored_values(model("partnerships", "FundAllocation"), texts=("document_number",), using=using)
    normalize_stored_values(model("partnerships", "FundSpending"), texts=("voucher_number",), using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(normalize, migrations.RunPython.noop, elidable=True),
    ]
