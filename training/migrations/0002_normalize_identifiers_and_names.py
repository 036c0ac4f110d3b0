"""Normalise the identifiers and names already stored in this app, as they
are normalised on entry from now on (stations.validators, stations.fields).
A unique code that would become another row's is left as stored and
reported, never merged.

Not reversible in substance: the typed forms (full-width digits, zero-width
spaces) carry no meaning to restore, so going back leaves the values
normalised.
"""

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
