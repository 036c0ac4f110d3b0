"""Employment stations (就业驿站, T14) and the related sites a community registers."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.fields import NormalizedCharField
from stations.scoping import ScopedQuerySet, ScopePaths

from .region import Community


class ServiceCode(models.TextChoices):
    """The nine services the plan lists for every station (T14)."""

    UNEMPLOYMENT_REGISTRATION = "unemployment_registration", _("Unemployment registration")
    NEEDS_COLLECTION = "needs_collection", _("Needs collection")
    JOB_PUSH = "job_push", _("Job push")
    SKILLS_UPGRADE = "skills_upgrade", _("Skills upgrade")
    STARTUP_PROMOTION = "startup_promotion", _("Startup promotion")
    CAREER_GUIDANCE = "career_guidance", _("Career guidance")
    PRECISE_MATCHING = "precise_matching", _("Precise matching")
    POLICY_PUBLICITY = "policy_publicity", _("Policy publicity")
    SUBSIDY_CLAIMS = "subsidy_claims", _("Subsidy claims")


class StationService(models.Model):
    """Reference rows for the nine services, created by a data migration."""

    code = models.CharField(_("code"), max_length=32, choices=ServiceCode, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("station service")
        verbose_name_plural = _("station services")

    def __str__(self):
        return self.get_code_display()


class OperatorKind(models.TextChoices):
    PUBLIC = "public", _("Public (community run)")
    HR_AGENCY = "hr_agency", _("HR agency")


class StationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("station", "Open")
    PAUSED = "paused", _("Temporarily closed")
    CLOSED = "closed", _("Closed")


# A station's facts after its name and community, in the order the API shows
# them and the services write them.
STATION_DETAIL_FIELDS = (
    "address",
    "latitude",
    "longitude",
    "opening_hours",
    "phone",
    "operator_kind",
    "operator_name",
    "status",
)


class Station(models.Model):
    name = models.CharField(_("name"), max_length=100)
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="stations",
        verbose_name=_("host community"),
        help_text=_("The community that runs the station and keeps its record."),
    )
    served_communities = models.ManyToManyField(
        Community,
        related_name="serving_stations",
        blank=True,
        verbose_name=_("communities served"),
        help_text=_("Neighbouring communities served jointly (联建)."),
    )
    address = models.CharField(_("address"), max_length=200)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200)
    phone = NormalizedCharField(_("phone"), max_length=30)
    operator_kind = models.CharField(_("operator"), max_length=16, choices=OperatorKind, default=OperatorKind.PUBLIC)
    operator_name = models.CharField(_("operator name"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=StationStatus, default=StationStatus.OPEN)
    services = models.ManyToManyField(StationService, blank=True, verbose_name=_("services"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["community__code", "name"]
        verbose_name = _("employment station")
        verbose_name_plural = _("employment stations")
        indexes = [models.Index(fields=["status", "community"])]

    def __str__(self):
        return self.name


class SiteKind(models.TextChoices):
    MICRO_FACTORY = "micro_factory", _("Community micro-factory")
    RUKANG_HOME = "rukang_home", _("Rukang home (disability day work)")
    DEMO_BASE = "demo_base", _("Doorstep employment demo base")
    INCUBATOR = "incubator", _("Incubator or startup street")
    CRAFTSMAN_STUDIO = "craftsman_studio", _("Craftsman studio")
    EMPLOYMENT_SCHOOL = "employment_school", _("Residents' employment school")
    LABOUR_COOPERATIVE = "labour_cooperative", _("Labour cooperative or HR agency outlet")
    EMBEDDED_POINT = "embedded_point", _("Embedded service point")
    HOUSEKEEPING_OUTLET = "housekeeping_outlet", _("Housekeeping service outlet")


# The sites where the work itself is done: a job posting can be tied to one,
# and the site's public page lists its open jobs.
JOB_SITE_KINDS = (SiteKind.MICRO_FACTORY, SiteKind.RUKANG_HOME, SiteKind.HOUSEKEEPING_OUTLET, SiteKind.DEMO_BASE)


class RelatedSite(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="related_sites", verbose_name=_("community")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=SiteKind)
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = NormalizedCharField(_("phone"), max_length=30, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["community__code", "kind", "name"]
        verbose_name = _("related site")
        verbose_name_plural = _("related sites")

    def __str__(self):
        return self.name
