"""Normalise the identifiers and names already stored in the base app, as
they are normalised on entry from now on (stations.validators).

Residents whose ID numbers become equal (one typed with full-width digits,
one with ASCII) are both kept and flagged for the possible-duplicates list:
a street officer decides, nothing is merged here.

Not reversible in substance: the typed forms (full-width digits, zero-width
spaces) carry no meaning to restore, so going back leaves the values
normalised.
"""

from django.db import migrations

from stations.migration_helpers import normalize_residents, normalize_stored_values


def normalize(apps, schema_editor):
    using = schema_editor.connection.alias
    normalize_residents(apps.get_model("stations", "Resident"), using=using)
    model = apps.get_model
    normalize_stored_values(model("stations", "UnemploymentRegistration"), codes=("number",), using=using)
    for name in ("District", "Street", "Community"):
        normalize_stored_values(model("stations", name), codes=("code",), unique=("code",), using=using)
    normalize_stored_values(model("stations", "Station"), texts=("phone",), using=using)
    normalize_stored_values(model("stations", "RelatedSite"), texts=("phone",), using=using)
    normalize_stored_values(model("stations", "User"), texts=("phone",), using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0006_resident_merges_and_tombstones"),
    ]

    operations = [
        migrations.RunPython(normalize, migrations.RunPython.noop, elidable=True),
    ]
