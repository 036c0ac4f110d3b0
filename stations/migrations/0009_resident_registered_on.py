"""Residents get the date they were registered at the station.

Existing records take the day they were typed in (their created_at, in the
portal's time zone): the only date the portal knows for them. That is the
documented default, not a guess; records whose history starts earlier stay
as they are, visible, for staff to correct. Reversible: going back drops the
column again.
"""

import django.utils.timezone
from django.db import migrations, models
from django.db.models.functions import TruncDate


def fill_from_created_at(apps, schema_editor):
    Resident = apps.get_model("stations", "Resident")
    Resident.objects.filter(registered_on__isnull=True).update(registered_on=TruncDate("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0008_resident_id_number_unique_among_live"),
    ]

    operations = [
        migrations.AddField(
            model_name="resident",
            name="registered_on",
            field=models.DateField(null=True, verbose_name="registered at the station on"),
        ),
        migrations.RunPython(fill_from_created_at, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="resident",
            name="registered_on",
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name="registered at the station on"),
        ),
        migrations.AddIndex(
            model_name="resident",
            index=models.Index(fields=["community", "registered_on"], name="stations_re_communi_0913ed_idx"),
        ),
    ]
