"""Target groups (重点群体): the codes, which are sensitive, and their reference rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroupCode(models.TextChoices):
    """Groups staff record. Older workers, long-term unemployed, zero-employment
    households and recent unemployed graduates are derived, not listed here."""

    HARD_TO_EMPLOY = "hard_to_employ", _("Hard to employ")
    MINIMUM_LIVING = "minimum_living", _("Minimum-living household")
    NEAR_MINIMUM_LIVING = "near_minimum_living", _("Near-minimum-living household")
    POVERTY_EXIT = "poverty_exit", _("Poverty-exit population")
    POVERTY_MONITORED = "poverty_monitored", _("Monitored against return to poverty")
    DISABLED = "disabled", _("Disabled")
    VETERAN = "veteran", _("Veteran")
    SCHOOL_LEAVER = "school_leaver", _("School leaver not in further study")
    COMMUNITY_CORRECTION = "community_correction", _("Under community correction")
    RELEASED_PERSON = "released_person", _("Released person under resettlement")
    RURAL_MIGRANT = "rural_migrant", _("Rural migrant worker")
    MOTHER_YOUNG_CHILDREN = "mother_young_children", _("Mother of young children")
    YOUNG_OLD = "young_old", _("Young-old")
    LOW_INCOME = "low_income", _("Low income")


# Sensitive groups: shown only to staff who work the record, aggregated elsewhere.
SENSITIVE_GROUPS = frozenset(
    {
        TargetGroupCode.HARD_TO_EMPLOY,
        TargetGroupCode.MINIMUM_LIVING,
        TargetGroupCode.NEAR_MINIMUM_LIVING,
        TargetGroupCode.POVERTY_EXIT,
        TargetGroupCode.POVERTY_MONITORED,
        TargetGroupCode.DISABLED,
        TargetGroupCode.COMMUNITY_CORRECTION,
        TargetGroupCode.RELEASED_PERSON,
    }
)


class TargetGroup(models.Model):
    """Reference rows, one per TargetGroupCode, created by a data migration."""

    code = models.CharField(_("code"), max_length=32, choices=TargetGroupCode, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.get_code_display()

    @property
    def is_sensitive(self) -> bool:
        return self.code in SENSITIVE_GROUPS
