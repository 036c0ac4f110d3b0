"""The location hierarchy: city → district → street → community.

Three fixed levels, three foreign keys: a filter is
`community__street__district=…`, with no recursive SQL. The city is the
portal's single root (settings.PORTAL_CITY_*), not a row.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.fields import IdentifierField
from stations.scoping import ScopedQuerySet, ScopePaths

# ASCII digits only: `\d` would also take full-width and other scripts' digits.
DIGITS_6 = RegexValidator(r"^[0-9]{6}$")
DIGITS_9 = RegexValidator(r"^[0-9]{9}$")
DIGITS_12 = RegexValidator(r"^[0-9]{12}$")


class District(models.Model):
    code = IdentifierField(_("division code"), max_length=6, unique=True, validators=[DIGITS_6])
    name = models.CharField(_("name"), max_length=50)

    scope_paths = ScopePaths(district="pk", street=None, community=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class Street(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="streets", verbose_name=_("district"))
    code = IdentifierField(_("division code"), max_length=9, unique=True, validators=[DIGITS_9])
    name = models.CharField(_("name"), max_length=50)

    scope_paths = ScopePaths(district="district", street="pk", community=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("street")
        verbose_name_plural = _("streets")

    def __str__(self):
        return self.name

    def clean(self):
        if self.district_id and self.code and not self.code.startswith(self.district.code):
            raise ValidationError(
                {
                    "code": _("A street's code must start with its district's code %(code)s.")
                    % {"code": self.district.code}
                }
            )


class CommunityKind(models.TextChoices):
    URBAN = "urban", _("Urban community")
    RURAL = "rural", _("Rural village")


class Community(models.Model):
    street = models.ForeignKey(Street, on_delete=models.PROTECT, related_name="communities", verbose_name=_("street"))
    code = IdentifierField(_("division code"), max_length=12, unique=True, validators=[DIGITS_12])
    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=8, choices=CommunityKind, default=CommunityKind.URBAN)
    urban_population = models.PositiveIntegerField(_("urban permanent population"), default=0)
    community_worker_count = models.PositiveIntegerField(_("community workers"), default=0)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    scope_paths = ScopePaths(district="street__district", street="street", community="pk")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    def __str__(self):
        return self.name

    def clean(self):
        if self.street_id and self.code and not self.code.startswith(self.street.code):
            raise ValidationError(
                {
                    "code": _("A community's code must start with its street's code %(code)s.")
                    % {"code": self.street.code}
                }
            )

    @property
    def workers_per_10k(self):
        """Community workers per 10,000 urban residents (plan target: 18, T4)."""
        return workers_per_10k(self.community_worker_count, self.urban_population)


class CommunityHeadcount(models.Model):
    """A community's urban permanent population and community-worker count
    from a date, as the district or city bureau recorded it.

    Every change is a new row, so the figure in effect on any day can be read
    back (the worker ratio of a past month reads the figures of that month).
    The Community's own two fields hold the figure in effect today, kept in
    step by stations.services.region. A row without `effective_from` is the
    figure the community held before history was kept: in effect from the
    start until the first dated row. Two rows from the same date: the later
    recorded one is the correction and wins.
    """

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="headcounts", verbose_name=_("community")
    )
    effective_from = models.DateField(_("effective from"), null=True)
    urban_population = models.PositiveIntegerField(_("urban permanent population"))
    community_worker_count = models.PositiveIntegerField(_("community workers"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    # Null only on the row that keeps the figure from before history was kept.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["community", models.F("effective_from").desc(nulls_last=True), "-pk"]
        indexes = [models.Index(fields=["community", "effective_from"], name="headcount_community_from")]
        verbose_name = _("community headcount")
        verbose_name_plural = _("community headcounts")

    def __str__(self):
        return f"{self.community}: {self.urban_population}/{self.community_worker_count} ({self.effective_from})"

    @property
    def workers_per_10k(self):
        return workers_per_10k(self.community_worker_count, self.urban_population)


def workers_per_10k(workers: int | float, population: int | float) -> float | None:
    """Community workers per 10,000 urban residents, one decimal; None without
    a population. A street's or a district's ratio is this of the summed
    workers and summed population, never the mean of its communities' ratios."""
    if not population:
        return None
    return round(workers * 10000 / population, 1)
