"""The district catalogue (T11): training providers, the catalogue a district
bureau publishes and its courses. Bureau level: street and community
accounts see them only where published.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stations.fields import NormalizedCharField
from stations.models import Community, District, Role
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.workflows import Step, Workflow

DISTRICT_LEVEL = ScopePaths(district="district", street=None, community=None)


class Audience(models.TextChoices):
    """Who a course is for (the plan's five training tracks)."""

    REDEPLOYMENT = "redeployment", _("Redeployment (转岗赋能) for the unemployed")
    EMPLOYMENT_SKILLS = "employment_skills", _("Employment skills (就业技能) for graduates")
    LABOUR_PREPARATION = "labour_preparation", _("Labour preparation (劳动预备制) for school leavers")
    PRACTICAL_SKILLS = "practical_skills", _("Practical skills (实用技能) for disabled and correction groups")
    STARTUP_LITERACY = "startup_literacy", _("Startup literacy (创业素养) for would-be founders")


class Programme(models.TextChoices):
    """Brand programmes and shortage trades the plan names."""

    SHANDONG_HANDCRAFT = "shandong_handcraft", _("Shandong handcraft (山东手造)")
    LU_CUISINE_CHEF = "lu_cuisine_chef", _("Lu cuisine chef (鲁菜师傅)")
    QILU_BUILDER = "qilu_builder", _("Qilu construction craftsman (齐鲁建筑工匠)")
    HEALTH_CARE = "health_care", _("Health care (健康照护)")
    HOUSEKEEPING = "housekeeping", _("Housekeeping (家政服务)")
    DELIVERY = "delivery", _("Online delivery (网约配送)")
    LIVE_SELLING = "live_selling", _("Live-stream selling (直播销售)")


class ScheduleType(models.TextChoices):
    EVENING = "evening", _("Evening class (夜课)")
    WEEKEND = "weekend", _("Weekend class (周末课堂)")
    REGULAR = "regular", _("Regular daytime class")


class Provider(models.Model):
    """A training provider (培训机构) registered by a district bureau."""

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="training_providers", verbose_name=_("district")
    )
    name = models.CharField(_("name"), max_length=100)
    licence_number = NormalizedCharField(_("licence number"), max_length=60, blank=True)
    contact_person = NormalizedCharField(_("contact person"), max_length=50, blank=True)
    phone = NormalizedCharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    served_communities = models.ManyToManyField(
        Community,
        blank=True,
        related_name="training_providers",
        verbose_name=_("communities served"),
        help_text=_("Leave empty when the provider serves the whole district."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = DISTRICT_LEVEL
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["district__code", "name"]
        verbose_name = _("training provider")
        verbose_name_plural = _("training providers")
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="provider_name_unique_in_district")]

    def __str__(self):
        return self.name


class CatalogueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


# Publishing is the one step a bureau user takes on a catalogue (the
# training.manage_catalogue rule); the catalogue it replaces becomes
# superseded inside that step (training.services.catalogue.catalogue_publish).
CATALOGUE_WORKFLOW = Workflow(
    state_field="status",
    steps=[
        Step("publish", {CatalogueStatus.DRAFT}, CatalogueStatus.PUBLISHED, _("Publish"), roles={Role.DISTRICT_BUREAU}),
    ],
)


class Catalogue(models.Model):
    """A district's list of subsidised courses (职业技能培训通用项目清单).

    At most one catalogue per district is published at a time; publishing a
    new one marks the previous one superseded (its classes keep their course).
    """

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="training_catalogues", verbose_name=_("district")
    )
    title = models.CharField(_("title"), max_length=100)
    status = models.CharField(_("status"), max_length=12, choices=CatalogueStatus, default=CatalogueStatus.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+", editable=False
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = DISTRICT_LEVEL
    objects = ScopedQuerySet.as_manager()
    workflow = CATALOGUE_WORKFLOW

    class Meta:
        ordering = ["district__code", "-created_at"]
        verbose_name = _("training catalogue")
        verbose_name_plural = _("training catalogues")
        constraints = [
            models.UniqueConstraint(
                fields=["district"], condition=Q(status="published"), name="one_published_catalogue_per_district"
            ),
            models.CheckConstraint(
                name="published_catalogue_has_date",
                condition=~Q(status="published") | Q(published_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.district} · {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status == CatalogueStatus.DRAFT


class Course(models.Model):
    """One line of a catalogue: a course with its hours and subsidy standard."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="courses")
    name = models.CharField(_("course"), max_length=100)
    occupation = models.CharField(
        _("occupation (trade)"),
        max_length=60,
        help_text=_("The trade residents ask for, e.g. 育婴员; needs are matched to classes by it."),
    )
    content = models.TextField(_("content"), blank=True)
    hours = models.PositiveSmallIntegerField(_("hours (学时)"), validators=[MinValueValidator(1)])
    entry_requirements = models.CharField(_("entry requirements (参训要求)"), max_length=200, blank=True)
    subsidy_standard = models.DecimalField(
        _("subsidy standard (yuan per person)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    audience = models.CharField(_("audience"), max_length=24, choices=Audience)
    programme = models.CharField(_("programme"), max_length=24, choices=Programme, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    scope_paths = ScopePaths(district="catalogue__district", street=None, community=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["catalogue", "position", "pk"]
        verbose_name = _("catalogue course")
        verbose_name_plural = _("catalogue courses")
        indexes = [models.Index(fields=["occupation"])]

    def __str__(self):
        return f"{self.name} ({self.occupation})"
