"""The startup catalogue kept by staff: a workflow state replaces the
published flag. What the public saw stays published (bureau-written, so no
proposing community); everything else starts as a draft."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MODELS = ("StartupProject", "StartupStar", "StartupEvent")


def carry_over_published(apps, schema_editor):
    for name in MODELS:
        apps.get_model("entrepreneurship", name).objects.using(schema_editor.connection.alias).filter(
            is_published=True
        ).update(state="published")


def keep_published(apps, schema_editor):
    for name in MODELS:
        apps.get_model("entrepreneurship", name).objects.using(schema_editor.connection.alias).filter(
            state="published"
        ).update(is_published=True)


class Migration(migrations.Migration):
    dependencies = [
        ("entrepreneurship", "0003_normalize_identifiers_and_names"),
        ("stations", "0017_resident_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CatalogueStep",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("step", models.CharField(max_length=12, verbose_name="step")),
                (
                    "from_state",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("proposed", "Proposed"),
                            ("returned", "Sent back"),
                            ("published", "Published"),
                            ("unpublished", "Taken down"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "to_state",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("proposed", "Proposed"),
                            ("returned", "Sent back"),
                            ("published", "Published"),
                            ("unpublished", "Taken down"),
                        ],
                        max_length=12,
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True)),
                ("note", models.CharField(blank=True, max_length=500, verbose_name="note")),
            ],
            options={
                "verbose_name": "catalogue step",
                "verbose_name_plural": "catalogue steps",
                "ordering": ["at", "pk"],
            },
        ),
        migrations.AddField(
            model_name="startupevent",
            name="community",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="stations.community",
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="startupevent",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="startupevent",
            name="prize_note",
            field=models.CharField(blank=True, max_length=200, verbose_name="prizes"),
        ),
        migrations.AddField(
            model_name="startupevent",
            name="signup_deadline",
            field=models.DateField(blank=True, null=True, verbose_name="entries close on"),
        ),
        migrations.AddField(
            model_name="startupevent",
            name="state",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("proposed", "Proposed"),
                    ("returned", "Sent back"),
                    ("published", "Published"),
                    ("unpublished", "Taken down"),
                ],
                default="draft",
                max_length=12,
                verbose_name="state",
            ),
        ),
        migrations.AddField(
            model_name="startupevent",
            name="state_changed_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="state changed at"
            ),
        ),
        migrations.AddField(
            model_name="startupevent",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.AddField(
            model_name="startupproject",
            name="community",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="stations.community",
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="startupproject",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="startupproject",
            name="state",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("proposed", "Proposed"),
                    ("returned", "Sent back"),
                    ("published", "Published"),
                    ("unpublished", "Taken down"),
                ],
                default="draft",
                max_length=12,
                verbose_name="state",
            ),
        ),
        migrations.AddField(
            model_name="startupproject",
            name="state_changed_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="state changed at"
            ),
        ),
        migrations.AddField(
            model_name="startupproject",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.AddField(
            model_name="startupstar",
            name="community",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="stations.community",
                verbose_name="proposed by",
            ),
        ),
        migrations.AddField(
            model_name="startupstar",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="startupstar",
            name="state",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("proposed", "Proposed"),
                    ("returned", "Sent back"),
                    ("published", "Published"),
                    ("unpublished", "Taken down"),
                ],
                default="draft",
                max_length=12,
                verbose_name="state",
            ),
        ),
        migrations.AddField(
            model_name="startupstar",
            name="state_changed_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="state changed at"
            ),
        ),
        migrations.AddField(
            model_name="startupstar",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.AlterField(
            model_name="startupevent",
            name="district",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="stations.district",
                verbose_name="district",
            ),
        ),
        migrations.AlterField(
            model_name="startupproject",
            name="district",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="stations.district",
                verbose_name="district",
            ),
        ),
        migrations.AlterField(
            model_name="startupstar",
            name="district",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="stations.district",
                verbose_name="district",
            ),
        ),
        migrations.AddIndex(
            model_name="startupevent",
            index=models.Index(fields=["state", "starts_at"], name="startup_event_state"),
        ),
        migrations.AddIndex(
            model_name="startupproject",
            index=models.Index(fields=["state", "district"], name="startup_project_state"),
        ),
        migrations.AddIndex(
            model_name="startupstar",
            index=models.Index(fields=["state", "district"], name="startup_star_state"),
        ),
        migrations.AddField(
            model_name="cataloguestep",
            name="actor",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="cataloguestep",
            name="event",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="catalogue_steps",
                to="entrepreneurship.startupevent",
            ),
        ),
        migrations.AddField(
            model_name="cataloguestep",
            name="project",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="catalogue_steps",
                to="entrepreneurship.startupproject",
            ),
        ),
        migrations.AddField(
            model_name="cataloguestep",
            name="star",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="catalogue_steps",
                to="entrepreneurship.startupstar",
            ),
        ),
        migrations.AddConstraint(
            model_name="cataloguestep",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("event__isnull", True), ("project__isnull", False), ("star__isnull", True)),
                    models.Q(("event__isnull", True), ("project__isnull", True), ("star__isnull", False)),
                    models.Q(("event__isnull", False), ("project__isnull", True), ("star__isnull", True)),
                    _connector="OR",
                ),
                name="catalogue_step_one_subject",
            ),
        ),
        migrations.RunPython(carry_over_published, keep_published, elidable=False),
        migrations.RemoveField(
            model_name="startupevent",
            name="is_published",
        ),
        migrations.RemoveField(
            model_name="startupproject",
            name="is_published",
        ),
        migrations.RemoveField(
            model_name="startupstar",
            name="is_published",
        ),
    ]
