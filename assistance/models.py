"""The hardship ledger (就业援助台账): one-to-one assistance cases and
zero-employment household cases.

Services given are NOT kept here: the ledger counts rows of the one service
log (stations.models.ServiceRecord) for the case's resident within the case's
first year. A case stores only what is its own: who works it, since when,
how it ended. `year_ends_on` is derived from `opened_on` when the case opens
and stored so lists, reminders and compliance filter on it in SQL.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.models import Household, Resident
from stations.scoping import ScopedQuerySet, ScopePaths


class AidType(models.TextChoices):
    """The "four in one" (四位一体) aid system."""

    BASIC_SERVICE = "basic_service", _("Basic service (基本服务)")
    SPECIAL_POLICY = "special_policy", _("Special policy aid (专项政策援助)")
    SPECIFIC_GROUP = "specific_group", _("Specific-group aid (特定群体援助)")
    EMERGENCY = "emergency", _("Emergency aid (应急援助)")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case", "Open")
    EMPLOYED = "employed", _("Employed (closed: found work)")
    CLOSED = "closed", pgettext_lazy("case", "Closed")


class CloseReason(models.TextChoices):
    """Coded reasons with stable slugs; retire a code by hiding it from the
    form, never by deleting it, so old cases still read."""

    FOUND_WORK = "found_work", _("Found work")
    YEAR_COMPLETED = "year_completed", _("First year of assistance completed")
    LEFT_LABOUR_FORCE = "left_labour_force", _("Left the labour force (retired, study, care)")
    MOVED_AWAY = "moved_away", _("Moved out of the community")
    DECLINED = "declined", _("Declined further assistance")
    DECEASED = "deceased", _("Deceased")
    OTHER = "other", _("Other (see note)")


class CaseOrigin(models.TextChoices):
    STAFF = "staff", _("Opened by staff")
    PROPOSED = "proposed", _("Opened from an automatic proposal")


class AssistanceCaseQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status=CaseStatus.OPEN)


class AssistanceCase(models.Model):
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="assistance_cases", verbose_name=_("resident")
    )
    # One staff member works each case (一对一); history in CaseAssignment.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assistance_cases",
        verbose_name=_("assigned staff member"),
    )
    aid_type = models.CharField(_("aid type"), max_length=20, choices=AidType, default=AidType.BASIC_SERVICE)
    opened_on = models.DateField(_("opened on"))
    # Last day of the first year (opened_on + 12 months - 1 day), stored for SQL.
    year_ends_on = models.DateField(_("first year ends on"), editable=False)
    origin = models.CharField(_("origin"), max_length=10, choices=CaseOrigin, default=CaseOrigin.STAFF)
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus, default=CaseStatus.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(_("close reason"), max_length=20, choices=CloseReason, blank=True)
    close_note = models.CharField(_("close note"), max_length=300, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = AssistanceCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("assistance case")
        verbose_name_plural = _("assistance cases")
        constraints = [
            models.UniqueConstraint(
                fields=["resident"], condition=Q(status="open"), name="assistance_one_open_case_per_resident"
            ),
            # Open <=> no closing date and reason; employed <=> closed for work.
            models.CheckConstraint(
                name="assistance_case_status_matches_closing",
                condition=(
                    Q(status="open", closed_on__isnull=True, close_reason="")
                    | Q(status="employed", closed_on__isnull=False, close_reason="found_work")
                    | (Q(status="closed", closed_on__isnull=False) & ~Q(close_reason__in=["", "found_work"]))
                ),
            ),
            models.CheckConstraint(
                name="assistance_case_closes_after_opening",
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "opened_on"]),
            models.Index(fields=["assigned_to", "status"]),
            models.Index(fields=["year_ends_on"]),
            models.Index(fields=["closed_on"]),
        ]

    def __str__(self):
        return f"{self.resident} · {self.opened_on}"

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN

    def clean(self):
        if self.opened_on:
            from assistance.schedule import year_last_day

            self.year_ends_on = year_last_day(self.opened_on)
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _("A case cannot close before it opened.")})


class CaseAssignment(models.Model):
    """Who worked the case from when: one row per (re)assignment."""

    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="assignments")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assigned to")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assigned by")
    )
    assigned_on = models.DateField(_("from"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("case__resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-assigned_on", "-pk"]
        verbose_name = _("case assignment")
        verbose_name_plural = _("case assignment history")

    def __str__(self):
        return f"{self.assigned_on} → {self.assigned_to}"


class HouseholdCaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case", "Open")
    STABLE = "stable", _("Closed: six months of stable work")
    CLOSED = "closed", pgettext_lazy("case", "Closed")


class HouseholdCase(models.Model):
    """A zero-employment household (零就业家庭) case with its own clock: a
    member helped into work within a month of the household being flagged,
    then a follow-up each month, closing after six months of stable work.
    Work and follow-ups are read from the employment history and the service
    log; nothing is copied here."""

    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="assistance_cases", verbose_name=_("household")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="household_cases",
        verbose_name=_("assigned staff member"),
    )
    flagged_on = models.DateField(_("zero-employment since"))
    opened_on = models.DateField(_("opened on"))
    status = models.CharField(_("status"), max_length=10, choices=HouseholdCaseStatus, default="open")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_note = models.CharField(_("close note"), max_length=300, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("household__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-flagged_on", "-pk"]
        verbose_name = _("zero-employment household case")
        verbose_name_plural = _("zero-employment household cases")
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=Q(status="open"), name="assistance_one_open_household_case"
            ),
            models.CheckConstraint(
                name="assistance_household_case_closing",
                condition=Q(status="open", closed_on__isnull=True) | (~Q(status="open") & Q(closed_on__isnull=False)),
            ),
        ]

    def __str__(self):
        return f"{self.household} · {self.flagged_on}"

    @property
    def is_open(self) -> bool:
        return self.status == HouseholdCaseStatus.OPEN
