"""Postings state their pay unit, store screening flags as codes, and are
never published with a flag the law forbids.

- `pay_unit` (month, day, hour): the minimum wage a posting is checked against
  follows from it (monthly for full-time work, hourly for part-time and hourly
  work). Existing postings stated monthly figures, so they get "month".
- `screening_flags` held English or Chinese sentences, whichever language the
  screening ran in; they now hold codes (with the field and the words or
  figures), shown in the reader's language. Every posting is screened again
  with this release's rules and the minimum wage in force today.
- `screening_blocked` says a flag is one the law forbids, and a constraint
  keeps such a posting from being published. A published posting the new
  rules block (pay below the minimum, "本地户口优先", ...) cannot stay on the
  public market: it goes back to the review queue (pending), with one audit
  entry each, so staff see why and can edit or reject it. Nothing else about
  it changes.

Reversible: going back turns the codes into sentences again (in English, the
source language) and drops the new columns; withdrawn postings stay pending,
since republishing them automatically would put unlawful jobs back in public.
"""


from django.db import migrations, models
from django.utils import timezone, translation

BATCH = 1000
TEXT_FIELDS = ("title", "description", "requirements", "working_hours", "age_limit_reason")


def _minimum_wages(apps) -> tuple[int, int]:
    Value = apps.get_model("stations", "PolicyParameterValue")
    today = timezone.localdate()

    def value(key, default):
        row = (
            Value.objects.filter(key=key, valid_from__lte=today)
            .order_by("-valid_from", "-pk")
            .values_list("value", flat=True)
            .first()
        )
        return int(row) if row is not None else default

    return value("jobs.minimum_wage_monthly", 2100), value("jobs.minimum_wage_hourly", 21)


def screen_again(apps, schema_editor):
    # The screening rules of this release, called with plain values: a pure
    # function, so the historical models need none of the app's methods.
    from jobs.screening import screen_posting

    Posting = apps.get_model("jobs", "Posting")
    AuditEntry = apps.get_model("stations", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    monthly, hourly = _minimum_wages(apps)
    now = timezone.now()
    withdrawn, batch = [], []
    postings = Posting.objects.select_related("community__street").order_by("pk")
    for posting in postings.iterator(chunk_size=BATCH):
        flags = screen_posting(
            **{name: getattr(posting, name) or "" for name in TEXT_FIELDS},
            salary_min=posting.salary_min,
            pay_unit=posting.pay_unit,
            work_pattern=posting.work_pattern,
            age_min=posting.age_min,
            age_max=posting.age_max,
            minimum_monthly=monthly,
            minimum_hourly=hourly,
        )
        posting.screening_flags = [flag.as_dict() for flag in flags]
        posting.screening_blocked = any(flag.blocking for flag in flags)
        posting.screened_at = now
        if posting.screening_blocked and posting.status == "published":
            posting.status = "pending"
            withdrawn.append(posting)
        batch.append(posting)
        if len(batch) >= BATCH:
            Posting.objects.bulk_update(batch, ["screening_flags", "screening_blocked", "screened_at", "status"])
            batch = []
    if batch:
        Posting.objects.bulk_update(batch, ["screening_flags", "screening_blocked", "screened_at", "status"])
    if withdrawn:
        content_type, _created = ContentType.objects.get_or_create(app_label="jobs", model="posting")
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    at=now,
                    action="update",
                    content_type=content_type,
                    object_id=str(p.pk),
                    object_repr=p.title[:200],
                    changes={
                        "status": ["published", "pending"],
                        "flags": [f["code"] for f in p.screening_flags],
                    },
                    path="migrate jobs 0003",
                    district_id=p.community.street.district_id,
                    street_id=p.community.street_id,
                    community_id=p.community_id,
                )
                for p in withdrawn
            ],
            batch_size=BATCH,
        )


def back_to_sentences(apps, schema_editor):
    from jobs.screening import describe

    Posting = apps.get_model("jobs", "Posting")
    batch = []
    with translation.override("en"):
        for posting in Posting.objects.exclude(screening_flags=[]).order_by("pk").iterator(chunk_size=BATCH):
            posting.screening_flags = [
                {"code": f.get("code", ""), "reason": describe(f).message}
                for f in posting.screening_flags
                if isinstance(f, dict)
            ]
            batch.append(posting)
            if len(batch) >= BATCH:
                Posting.objects.bulk_update(batch, ["screening_flags"])
                batch = []
    if batch:
        Posting.objects.bulk_update(batch, ["screening_flags"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("jobs", "0003_posting_and_alert_delivery_outcomes"),
        ("stations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="posting",
            name="pay_unit",
            field=models.CharField(
                choices=[("month", "yuan/month"), ("day", "yuan/day"), ("hour", "yuan/hour")],
                default="month",
                help_text="Part-time work is paid by the hour; day labour by the hour or the day.",
                max_length=8,
                verbose_name="pay per",
            ),
        ),
        migrations.AddField(
            model_name="posting",
            name="screening_blocked",
            field=models.BooleanField(default=False, editable=False, verbose_name="blocked by the screening"),
        ),
        migrations.AlterField(
            model_name="posting",
            name="salary_max",
            field=models.PositiveIntegerField(verbose_name="pay up to"),
        ),
        migrations.AlterField(
            model_name="posting",
            name="salary_min",
            field=models.PositiveIntegerField(verbose_name="pay from"),
        ),
        migrations.RunPython(screen_again, back_to_sentences, elidable=False),
        migrations.AddConstraint(
            model_name="posting",
            constraint=models.CheckConstraint(
                condition=models.Q(models.Q(("status", "published"), _negated=True), ("screening_blocked", False), _connector="OR"),
                name="posting_published_not_blocked",
            ),
        ),
    ]
