"""Normalise the identifiers and names already stored in entrepreneurship as they are
normalised on entry; what is kept, reported and why going back changes
nothing: stations.migration_helpers."""

from django.db import migrations

from stations.migration_helpers import normalize_stored_values


def normalize(apps, schema_editor):
    using = schema_editor.connection.alias
    model = apps.get_model
    normalize_stored_values(
        model("entrepreneurship", "Business"), codes=("credit_code",), unique=("credit_code",), using=using
    )
    normalize_stored_values(model("entrepreneurship", "StartupStar"), texts=("name",), using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("entrepreneurship", "0002_subsidy_once_per_person"),
    ]

    operations = [
        migrations.RunPython(normalize, migrations.RunPython.noop, elidable=True),
    ]
