"""Businesses founded by residents (T5) and the incubation spaces (T6)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.fields import IdentifierField
from stations.models import Community, Resident
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.validators import normalize_credit_code, normalize_fields


class BusinessKind(models.TextChoices):
    MICRO_ENTERPRISE = "micro_enterprise", _("Micro enterprise")
    INDIVIDUAL_BUSINESS = "individual_business", _("Individual business")


class Business(models.Model):
    # What staff and the API edit: the form's and the serializer's fields.
    EDITABLE_FIELDS = (
        "kind",
        "name",
        "credit_code",
        "registered_on",
        "community",
        "founders",
        "industry",
        "address",
        "jobs_created",
    )

    kind = models.CharField(_("kind"), max_length=24, choices=BusinessKind)
    name = models.CharField(_("name"), max_length=100)
    credit_code = IdentifierField(_("unified social credit code"), max_length=18, unique=True)
    registered_on = models.DateField(_("registration date"))
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="businesses", verbose_name=_("community")
    )
    founders = models.ManyToManyField(Resident, related_name="businesses", verbose_name=_("founders"))
    industry = models.CharField(_("industry"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    jobs_created = models.PositiveIntegerField(_("jobs created"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on", "name"]
        verbose_name = _("business")
        verbose_name_plural = _("businesses")

    def __str__(self):
        return self.name

    def clean(self):
        errors = normalize_fields(self, credit_code=normalize_credit_code)
        if self.registered_on and self.registered_on > timezone.localdate():
            errors["registered_on"] = [_("The registration date cannot be in the future.")]
        if errors:
            raise ValidationError(errors)


class SpaceKind(models.TextChoices):
    INCUBATOR = "incubator", _("Startup incubation base")
    MAKER_SPACE = "maker_space", _("Maker space")
    STARTUP_STREET = "startup_street", _("Startup shop, lane or street")
    WORKERS_PARK = "workers_park", _("Workers' startup park")


class IncubationSpace(models.Model):
    # What staff and the API edit: the form's and the serializer's fields.
    EDITABLE_FIELDS = (
        "kind",
        "name",
        "community",
        "address",
        "units",
        "reserved_share_percent",
    )

    kind = models.CharField(_("kind"), max_length=20, choices=SpaceKind)
    name = models.CharField(_("name"), max_length=100)
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="incubation_spaces", verbose_name=_("community")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    units = models.PositiveIntegerField(_("units"))
    # Share of units reserved free or first for veterans, hard-to-employ people
    # and graduates (T6), in percent.
    reserved_share_percent = models.PositiveSmallIntegerField(_("reserved share (%)"), default=0)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["community__code", "name"]
        verbose_name = _("incubation space")
        verbose_name_plural = _("incubation spaces")
        constraints = [
            models.CheckConstraint(
                name="space_reserved_share_percent", condition=models.Q(reserved_share_percent__lte=100)
            ),
        ]

    def __str__(self):
        return self.name


class SpaceOccupancy(models.Model):
    """A dated count of a space's occupied units, so occupancy can be followed over time."""

    space = models.ForeignKey(IncubationSpace, on_delete=models.CASCADE, related_name="occupancy")
    recorded_on = models.DateField(_("date"))
    occupied_units = models.PositiveIntegerField(_("occupied units"))
    priority_group_units = models.PositiveIntegerField(_("units held by veterans, hard-to-employ people or graduates"))

    scope_paths = ScopePaths.via_community("space__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_on"]
        verbose_name = _("occupancy record")
        verbose_name_plural = _("occupancy records")
        constraints = [
            models.UniqueConstraint(fields=["space", "recorded_on"], name="one_occupancy_per_space_and_day"),
            models.CheckConstraint(
                name="priority_units_within_occupied",
                condition=models.Q(priority_group_units__lte=models.F("occupied_units")),
            ),
        ]

    def __str__(self):
        return f"{self.space} {self.recorded_on}"

    @property
    def priority_share_percent(self):
        if not self.occupied_units:
            return None
        return round(self.priority_group_units * 100 / self.occupied_units, 1)
