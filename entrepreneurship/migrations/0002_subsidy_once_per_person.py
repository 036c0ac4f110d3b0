"""The one-off startup subsidy becomes once per person (as well as once per
business), enforced by the per-person uniqueness constraint.

Existing data may already break the rule (a founder paid for one business and
again for a second). Adding the constraint over such rows would fail, and
changing them (rejecting, re-dating, deleting) would hide a payment the bureau
has to recover. So before the constraint is added, every live application
that shares its person and kind with an earlier live one is marked
`legacy_duplicate`, and the constraint's condition leaves marked rows out.
Nothing else about them changes: they stay live and visible, the breach list
shows the paid ones for recovery, and the services' checks under lock still
count them, so none can be approved or paid beside another.

Which row keeps the slot unmarked: the earliest payment, else the earliest
filed. The choice only decides which row the constraint still covers; the
checks and the breach list read both.

Reversible: going back drops the marker column and restores the old
constraints, which the data already satisfied (the old per-person constraint
did not cover the startup subsidy).
"""

from django.db import migrations, models

LIVE_STATUSES = ("submitted", "street_checked", "approved", "paid")
# Frozen copies of entrepreneurship.models.subsidies at this migration.
PER_PERSON_KINDS = ["hiring", "social_insurance", "startup"]
BUSINESS_KINDS = ["rent", "startup"]


def mark_legacy_duplicates(apps, schema_editor):
    SubsidyApplication = apps.get_model("entrepreneurship", "SubsidyApplication")
    live = SubsidyApplication.objects.filter(status__in=LIVE_STATUSES, kind__in=PER_PERSON_KINDS)
    rows = sorted(
        live.values_list("pk", "resident_id", "kind", "status", "paid_on", "created_at"),
        # Paid first, by payment date; then the rest by filing date.
        key=lambda r: (r[1], r[2], r[3] != "paid", r[4] or r[5].date(), r[5], r[0]),
    )
    seen, duplicates = set(), []
    for pk, resident_id, kind, *_rest in rows:
        if (resident_id, kind) in seen:
            duplicates.append(pk)
        seen.add((resident_id, kind))
    if duplicates:
        SubsidyApplication.objects.filter(pk__in=duplicates).update(legacy_duplicate=True)


class Migration(migrations.Migration):
    dependencies = [
        ("entrepreneurship", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="subsidyapplication",
            name="one_live_subsidy_per_business_and_kind",
        ),
        migrations.RemoveConstraint(
            model_name="subsidyapplication",
            name="one_live_subsidy_per_person_and_kind",
        ),
        migrations.AddField(
            model_name="subsidyapplication",
            name="legacy_duplicate",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="duplicate recorded before the once-per-person rule"
            ),
        ),
        # Reverse: nothing to undo, the column is dropped on the way back.
        migrations.RunPython(mark_legacy_duplicates, migrations.RunPython.noop, elidable=False),
        migrations.AddConstraint(
            model_name="subsidyapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("status__in", LIVE_STATUSES), ("business__isnull", False), ("kind__in", BUSINESS_KINDS)
                ),
                fields=("business", "kind"),
                name="one_live_subsidy_per_business_and_kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="subsidyapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("status__in", LIVE_STATUSES), ("kind__in", PER_PERSON_KINDS), ("legacy_duplicate", False)
                ),
                fields=("resident", "kind"),
                name="one_live_subsidy_per_person_and_kind",
            ),
        ),
    ]
