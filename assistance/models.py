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

from stations.fields import IdentifierField, NormalizedCharField
from stations.models import Household, Resident, ServiceKind
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.validators import validate_mobile
from stations.workflows import Step, Workflow


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


# Closing a case: found work leads to "employed", any other reason to "closed"
# (assistance.services.cases chooses the step from the reason).
CASE_WORKFLOW = Workflow(
    state_field="status",
    steps=[
        Step("close", {CaseStatus.OPEN}, CaseStatus.CLOSED, _("Close case"), rule="assistance.close_case"),
        Step("close_found_work", {CaseStatus.OPEN}, CaseStatus.EMPLOYED, _("Found work"), rule="assistance.close_case"),
    ],
    state_message=_("This case is already closed."),
)


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
    workflow = CASE_WORKFLOW

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


class EscalationLevel(models.TextChoices):
    STREET = "street", _("Street officer")
    DISTRICT = "district", _("District bureau")


class Escalation(models.Model):
    """One overdue 12333 item told to the level above: a counted service short
    of its cumulative minimum at one checkpoint, escalated once per level
    however late the run finds it. The unique constraint is what makes the
    reminder run safe to repeat, or to run twice at once."""

    case = models.ForeignKey(
        AssistanceCase, on_delete=models.CASCADE, related_name="escalations", verbose_name=_("assistance case")
    )
    kind = models.CharField(_("service"), max_length=32, choices=ServiceKind)
    due_on = models.DateField(_("due on"))
    required = models.PositiveSmallIntegerField(_("required by then"))
    done = models.PositiveSmallIntegerField(_("done when escalated"))
    level = models.CharField(_("escalated to"), max_length=10, choices=EscalationLevel)
    escalated_on = models.DateField(_("escalated on"))
    overdue_days = models.PositiveIntegerField(_("days overdue when escalated"))
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("case__resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-escalated_on", "-pk"]
        verbose_name = _("12333 escalation")
        verbose_name_plural = _("12333 escalations")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "due_on", "level"], name="assistance_escalation_once_per_item_and_level"
            ),
        ]

    def __str__(self):
        return f"{self.case_id} {self.kind} {self.due_on} → {self.level}"


class ReminderRun(models.Model):
    """The log of the daily 12333 reminder run. The latest run tells the next
    where to pick up: escalation days that passed since it, and cases opened
    since it, instead of every open case every day. Written in the run's own
    transaction, so a run that failed leaves no row and the next one covers
    its days."""

    day = models.DateField(_("day"))
    full_sweep = models.BooleanField(_("looked at every open case"), default=False)
    last_full_sweep_on = models.DateField(_("last full sweep"))
    # The policy figures the run used: when the bureau changes them, the next
    # run looks at every open case again.
    policy_fingerprint = models.CharField(max_length=64)
    max_case_id = models.BigIntegerField(default=0)
    cases_selected = models.PositiveIntegerField(default=0)
    escalations = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = _("12333 reminder run")
        verbose_name_plural = _("12333 reminder runs")

    def __str__(self):
        return f"{self.day} ({'full' if self.full_sweep else 'incremental'})"


class HouseholdCaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case", "Open")
    # Retired: a case now closes when a member moves into work; kept so old cases read.
    STABLE = "stable", _("Closed: six months of stable work")
    CLOSED = "closed", pgettext_lazy("case", "Closed")


class HouseholdCloseReason(models.TextChoices):
    """Why a household case closed; the first two are set by the system when
    the registry shows the household is no longer zero-employment."""

    MEMBER_IN_WORK = "member_in_work", _("A member is in work: no longer a zero-employment household")
    NO_WORKING_AGE_MEMBER = "no_working_age_member", _("No member of working age any more")
    MOVED_AWAY = "moved_away", _("Moved out of the community")
    DECLINED = "declined", _("Declined further assistance")
    OTHER = "other", _("Other (see note)")


# Reasons staff may choose on the close form; the others follow the registry.
HOUSEHOLD_MANUAL_CLOSE_REASONS = (
    HouseholdCloseReason.MOVED_AWAY,
    HouseholdCloseReason.DECLINED,
    HouseholdCloseReason.OTHER,
)


# Staff close a household case by hand; the registry's closing (no actor) stays in the service.
HOUSEHOLD_CASE_WORKFLOW = Workflow(
    state_field="status",
    steps=[Step("close", {"open"}, "closed", _("Close case"), rule="assistance.close_case")],
    state_message=_("This case is already closed."),
)


class HouseholdCase(models.Model):
    """A zero-employment household (零就业家庭) case with its own clock: a
    member helped into work within `assistance.household_placement_days` of
    the household being identified (flagged by the registry). It closes by
    itself, with the reason, when the registry shows a member in work (or no
    member of working age). Work is read from the employment history;
    nothing is copied here."""

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
    close_reason = models.CharField(_("close reason"), max_length=24, choices=HouseholdCloseReason, blank=True)
    close_note = models.CharField(_("close note"), max_length=300, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("household__community")
    objects = ScopedQuerySet.as_manager()
    workflow = HOUSEHOLD_CASE_WORKFLOW

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


class HelpNeed(models.TextChoices):
    """What a resident asks for on the public help request."""

    FIND_WORK = "find_work", _("Finding work")
    TRAINING = "training", _("Free training")
    STARTUP = "startup", _("Start-up support")
    HARDSHIP = "hardship", _("Hardship aid")


class HelpRequestStatus(models.TextChoices):
    NEW = "new", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")


# Answered once: of two staff answering at once, the second is refused.
HELP_REQUEST_WORKFLOW = Workflow(
    state_field="status",
    steps=[Step("answer", {"new"}, "answered", _("Send the answer"), rule="assistance.answer_help_request")],
    state_message=_("This request has been answered already."),
)


class HelpRequest(models.Model):
    """A resident's request for help from the public page (/assistance/),
    without an account. It holds only what the answer needs (name, mobile,
    need, a short note, consent to a text message): no ID number, no address.
    It reaches the chosen community's staff as a to-do, due `due_on`."""

    community = models.ForeignKey(
        "stations.Community", on_delete=models.PROTECT, related_name="help_requests", verbose_name=_("community")
    )
    need = models.CharField(_("help needed"), max_length=12, choices=HelpNeed)
    name = NormalizedCharField(_("name"), max_length=40)
    mobile = IdentifierField(_("mobile"), max_length=11, validators=[validate_mobile])
    note = models.CharField(_("note"), max_length=300, blank=True)
    text_consent = models.BooleanField(_("agreed to be answered by text message"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=HelpRequestStatus, default=HelpRequestStatus.NEW)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    due_on = models.DateField(_("answer due by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    reply = models.CharField(_("reply"), max_length=20, blank=True)
    # Where staff took it: the resident found by mobile, the case opened for them.
    resident = models.ForeignKey(
        Resident, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("resident")
    )
    case = models.ForeignKey(
        AssistanceCase, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("case")
    )
    text_message = models.ForeignKey(
        "stations.TextMessage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("text message"),
    )

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()
    workflow = HELP_REQUEST_WORKFLOW

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        constraints = [
            # Answered <=> it has its answer's time and reply (the rule the service keeps, in the database too).
            models.CheckConstraint(
                name="assistance_help_request_answered_has_reply",
                condition=Q(status="new", answered_at__isnull=True)
                | (Q(status="answered", answered_at__isnull=False) & ~Q(reply="")),
            ),
        ]
        indexes = [models.Index(fields=["community", "status", "due_on"])]

    def __str__(self):
        return f"{self.get_need_display()} · {self.community_id} · {self.received_at:%Y-%m-%d}"

    @property
    def reference(self) -> str:
        """What the resident and staff quote on the phone."""
        return f"QZ{self.pk:06d}"
