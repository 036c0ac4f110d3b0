"""Normalise the identifiers and names already stored in jobs as they are
normalised on entry; what is kept, reported and why going back changes
nothing: stations.migration_helpers."""

from django.db import migrations

from stations.migration_helpers import normalize_stored_values


def normalize(apps, schema_editor):
    using = schema_editor.connection.alias
    model = apps.get_model
    normalize_stored_values(
        model("jobs", "Employer"),
        codes=("credit_code", "contact_phone"),
        texts=("contact_name",),
        unique=("credit_code",),
        using=using,
    )
    normalize_stored_values(model("jobs", "Posting"), codes=("contact_phone",), texts=("contact_name",), using=using)
    normalize_stored_values(model("jobs", "FairSignUp"), codes=("phone",), texts=("name",), using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0004_posting_pay_unit_and_screening_codes"),
    ]

    operations = [
        migrations.RunPython(normalize, migrations.RunPython.noop, elidable=True),
    ]
