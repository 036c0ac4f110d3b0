"""Normalise the identifiers and names already stored in training as they are
normalised on entry; what is kept, reported and why going back changes
nothing: stations.migration_helpers."""

from django.db import migrations

from stations.migration_helpers import normalize_stored_values


def normalize(apps, schema_editor):
    using = schema_editor.connection.alias
    model = apps.get_model
    normalize_stored_values(
        model("training", "Provider"), texts=("licence_number", "contact_person", "phone"), using=using
    )
    normalize_stored_values(model("training", "Enrolment"), texts=("certificate_number",), using=using)
    normalize_stored_values(model("training", "JoinRequest"), codes=("phone",), texts=("name",), using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(normalize, migrations.RunPython.noop, elidable=True),
    ]
