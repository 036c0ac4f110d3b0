"""Community HR service agencies and labour cooperatives, and the labour
projects they take on (T10).

The plan asks them to take on local labour projects and to employ older
workers, hard-to-employ people and low-income residents first; a resident put
to work on a project is a placement like any other and changes their
employment history.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.fields import IdentifierField, NormalizedCharField
from stations.models import Community, Resident
from stations.models.residents import IN_WORK_STATUSES, EmploymentStatus
from stations.scoping import ScopedQuerySet, ScopePaths

from .common import normalise_credit_code


class OrganisationKind(models.TextChoices):
    LABOUR_COOPERATIVE = "labour_cooperative", _("Labour cooperative")
    COMMUNITY_HR_AGENCY = "community_hr_agency", _("Community-run HR service agency")
    AGENCY_OUTLET = "agency_outlet", _("Commercial HR agency outlet")


class LabourOrganisation(models.Model):
    kind = models.CharField(_("kind"), max_length=24, choices=OrganisationKind)
    name = models.CharField(pgettext_lazy("organisation", "name"), max_length=100)
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="labour_organisations", verbose_name=_("community")
    )
    credit_code = IdentifierField(_("unified social credit code"), max_length=18, blank=True)
    founded_on = models.DateField(_("founded on"))
    contact_name = NormalizedCharField(_("contact person"), max_length=50, blank=True)
    contact_phone = NormalizedCharField(_("contact phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    offers_recruitment = models.BooleanField(_("job seeking and recruitment"), default=True)
    offers_guidance = models.BooleanField(_("employment and startup guidance"), default=False)
    offers_policy_advice = models.BooleanField(_("policy advice"), default=False)
    offers_outsourcing = models.BooleanField(_("labour outsourcing"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # What staff fill in, on the page and through the API alike.
    EDITABLE_FIELDS = (
        "kind",
        "name",
        "community",
        "credit_code",
        "founded_on",
        "contact_name",
        "contact_phone",
        "address",
        "offers_recruitment",
        "offers_guidance",
        "offers_policy_advice",
        "offers_outsourcing",
        "is_active",
    )

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["community__code", "name"]
        verbose_name = _("HR agency or labour cooperative")
        verbose_name_plural = _("HR agencies and labour cooperatives")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.founded_on and self.founded_on > timezone.localdate():
            errors["founded_on"] = [_("The founding date cannot be in the future.")]
        normalise_credit_code(self, errors)
        if errors:
            raise ValidationError(errors)

    def services_offered(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ("offers_recruitment", "offers_guidance", "offers_policy_advice", "offers_outsourcing")
            if getattr(self, name)
        ]


class CooperativeMember(models.Model):
    organisation = models.ForeignKey(LabourOrganisation, on_delete=models.CASCADE, related_name="members")
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="cooperative_memberships", verbose_name=_("resident")
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    skills = models.CharField(_("skills offered"), max_length=200, blank=True)

    scope_paths = ScopePaths.via_community("organisation__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "-joined_on"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "resident"],
                condition=Q(left_on__isnull=True),
                name="one_current_membership_per_resident",
            ),
            models.CheckConstraint(
                name="member_leaves_after_joining", condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on"))
            ),
        ]

    def __str__(self):
        return f"{self.resident} @ {self.organisation}"


class ProjectKind(models.TextChoices):
    PROPERTY_MANAGEMENT = "property_management", _("Property management")
    GREEN_CLEANING = "green_cleaning", _("Green space and cleaning")
    ROAD_UPKEEP = "road_upkeep", _("Road upkeep")
    AGRICULTURAL_SERVICE = "agricultural_service", _("Agricultural technical services")
    FACILITY_CARE = "facility_care", _("Facility care")
    WORK_FOR_RELIEF = "work_for_relief", _("Work-for-relief (以工代赈)")
    OUTSOURCING = "outsourcing", _("Outsourced labour")


class LabourProject(models.Model):
    organisation = models.ForeignKey(
        LabourOrganisation, on_delete=models.PROTECT, related_name="projects", verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=ProjectKind)
    title = models.CharField(_("project"), max_length=150)
    client = models.CharField(_("client"), max_length=150)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    value = models.DecimalField(
        _("contract value (yuan)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    posts = models.PositiveIntegerField(_("posts"), validators=[MinValueValidator(1)])
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("organisation__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("labour project")
        verbose_name_plural = _("labour projects")
        constraints = [
            models.CheckConstraint(name="project_ends_after_start", condition=Q(ends_on__gte=F("starts_on"))),
            models.CheckConstraint(name="project_has_posts", condition=Q(posts__gt=0)),
            models.CheckConstraint(name="project_value_not_negative", condition=Q(value__gte=0)),
        ]

    def __str__(self):
        return self.title

    # The plan's projects are recent and run for months or a few years: dates
    # outside these bounds are typing mistakes (0001-01-01, 9999-12-31).
    EARLIEST_START = dt.date(2000, 1, 1)
    LONGEST_YEARS = 10

    def latest_end(self) -> dt.date:
        """The last day the project may run to: LONGEST_YEARS after its start."""
        year = self.starts_on.year + self.LONGEST_YEARS
        if year > dt.date.max.year:
            return dt.date.max
        try:
            return self.starts_on.replace(year=year)
        except ValueError:  # 29 February, and the year ten on is no leap year
            return self.starts_on.replace(year=year, day=28)

    def clean(self):
        errors = {}
        if self.starts_on and self.starts_on < self.EARLIEST_START:
            errors["starts_on"] = [
                _("A project cannot start before %(date)s: check the year.") % {"date": self.EARLIEST_START.isoformat()}
            ]
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                errors["ends_on"] = [_("The project cannot end before it starts.")]
            elif self.ends_on > self.latest_end():
                errors["ends_on"] = [
                    _("A project runs at most %(years)d years: it must end by %(date)s.")
                    % {"years": self.LONGEST_YEARS, "date": self.latest_end().isoformat()}
                ]
        if errors:
            raise ValidationError(errors)


class ProjectPlacement(models.Model):
    """A resident working on a labour project."""

    project = models.ForeignKey(LabourProject, on_delete=models.PROTECT, related_name="placements")
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="project_placements", verbose_name=_("resident")
    )
    post = models.CharField(_("post"), max_length=60, blank=True)
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    employment_status = models.CharField(
        _("employment status"),
        max_length=24,
        choices=[(s.value, s.label) for s in IN_WORK_STATUSES],
        default=EmploymentStatus.EMPLOYED,
    )
    # The priority groups the plan names, as they stood when the resident was
    # placed, so later edits to the record do not rewrite what was reported.
    is_older_worker = models.BooleanField(_("older worker"), default=False)
    is_hard_to_employ = models.BooleanField(_("hard to employ"), default=False)
    is_low_income = models.BooleanField(_("low income"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("project__organisation__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "pk"]
        verbose_name = _("project placement")
        verbose_name_plural = _("project placements")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "resident"],
                condition=Q(ended_on__isnull=True),
                name="one_open_placement_per_project",
            ),
            models.CheckConstraint(
                name="project_placement_ends_after_start",
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
            ),
        ]

    def __str__(self):
        return f"{self.resident} @ {self.project}"

    @property
    def is_priority(self) -> bool:
        return self.is_older_worker or self.is_hard_to_employ or self.is_low_income
