"""The ID number is unique among live records only: a tombstone keeps its
number for the trail, and a pair that the normalisation (0005) made equal
stays visible on the possible-duplicates list until a street officer merges
it. A plain index keeps the exact look-up by ID number fast, which the
partial unique index alone would not serve (its condition is not in every
query)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0007_normalize_identifiers_and_names"),
    ]

    operations = [
        migrations.AddIndex(
            model_name='resident',
            index=models.Index(fields=['id_number'], name='resident_id_number'),
        ),
        migrations.AddConstraint(
            model_name='resident',
            constraint=models.UniqueConstraint(condition=models.Q(('merged_into__isnull', True), ('shares_id_number', False)), fields=('id_number',), name='one_live_record_per_id_number', violation_error_message='A record with this ID number is already registered.'),
        ),
        migrations.AddConstraint(
            model_name='resident',
            constraint=models.CheckConstraint(condition=models.Q(('merged_into', models.F('pk')), _negated=True), name='resident_not_merged_into_itself'),
        ),
    ]
