"""The location hierarchy: city → district → street → community.

Three fixed levels, three foreign keys: a filter is
`community__street__district=…`, with no recursive SQL. The city is the
portal's single root (settings.PORTAL_CITY_*), not a row.
"""

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
        if not self.urban_population:
            return None
        return round(self.community_worker_count * 10000 / self.urban_population, 1)
