"""Resident records (居民登记), their employment history and the one service log.

Birth date, sex and the four-clears score are derived from what staff type
(`Resident.derive()`), stored so lists and reports can filter on them, and
never typed twice. Derived target groups (older worker, long-term unemployed,
zero-employment household, recent graduate) are computed by selectors from
those stored facts.
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.fields import IdentifierField, NormalizedCharField
from stations.occupations import occupation_choices
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.search_tokens import search_tokens_for
from stations.validators import (
    id_birth_date,
    id_sex,
    mask_mobile,
    mask_resident_id,
    normalize_mobile,
    normalize_resident_id,
)

from .region import Community

# No station ledger is older than this; an earlier date is a typing error.
EARLIEST_REGISTRATION = dt.date(2000, 1, 1)


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Education(models.TextChoices):
    PRIMARY = "primary", _("Primary school or less")
    JUNIOR = "junior", _("Junior secondary")
    SENIOR = "senior", _("Senior secondary")
    VOCATIONAL = "vocational", _("Vocational secondary")
    COLLEGE = "college", _("Junior college")
    BACHELOR = "bachelor", _("Bachelor")
    POSTGRADUATE = "postgraduate", _("Postgraduate")


EDUCATION_RANK = {code: i for i, code in enumerate(Education.values)}


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    FLEXIBLE = "flexible", _("Flexible employment")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    UNEMPLOYED = "unemployed", _("Registered unemployed")
    NOT_IN_LABOUR_FORCE = "not_in_labour_force", _("Not in the labour force")


IN_WORK_STATUSES = (EmploymentStatus.EMPLOYED, EmploymentStatus.FLEXIBLE, EmploymentStatus.SELF_EMPLOYED)


class SkillLevel(models.TextChoices):
    NONE = "none", _("No certificate")
    JUNIOR = "junior", _("Junior (初级)")
    INTERMEDIATE = "intermediate", _("Intermediate (中级)")
    SENIOR = "senior", _("Senior (高级)")
    TECHNICIAN = "technician", _("Technician (技师)")
    SENIOR_TECHNICIAN = "senior_technician", _("Senior technician (高级技师)")


SKILL_RANK = {code: i for i, code in enumerate(SkillLevel.values)}


class WorkPattern(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    FLEXIBLE = "flexible", _("Flexible hours")
    HOME_PIECEWORK = "home_piecework", _("Piecework at home")


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


class Household(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="households", verbose_name=_("community")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    # Set the day the household becomes zero-employment, cleared when someone works.
    zero_employment_since = models.DateField(_("zero-employment since"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self):
        return self.address or f"#{self.pk}"


class RemovalReason(models.TextChoices):
    MOVED_AWAY = "moved_away", _("Moved away")
    DECEASED = "deceased", _("Deceased")
    DUPLICATE = "duplicate", _("Duplicate record")


class TextConsent(models.TextChoices):
    """A resident's consent to text messages (PIPL arts. 13-15): none is
    sent without it, and withdrawing it stops them at once."""

    UNKNOWN = "", _("Not asked: no text messages")
    GIVEN = "given", _("Agreed to text messages")
    WITHDRAWN = "withdrawn", _("Opted out of text messages")


class ResidentQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(removed_at__isnull=True)


class ResidentManager(models.Manager.from_queryset(ResidentQuerySet)):
    """The default manager: records merged into another (tombstones) are no
    one's record any more, so every list, search, figure, export and
    look-up leaves them out without having to remember to. The merge pages
    and their undo reach them through `Resident.with_tombstones`."""

    def get_queryset(self):
        return super().get_queryset().filter(merged_into__isnull=True)


class Resident(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="residents", verbose_name=_("community")
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("household"),
    )
    # Basic situation (四清: 基本情况)
    name = NormalizedCharField(pgettext_lazy("person", "name"), max_length=50)
    # Unique city-wide among live records (see Meta.constraints).
    id_number = IdentifierField(_("ID number"), max_length=18)
    birth_date = models.DateField(_("birth date"), editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex, editable=False)
    mobile = IdentifierField(_("mobile"), max_length=11, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    education = models.CharField(_("education"), max_length=16, choices=Education, blank=True)
    is_graduate = models.BooleanField(_("college graduate"), default=False)
    graduation_school = models.CharField(_("graduation school"), max_length=100, blank=True)
    graduation_date = models.DateField(_("graduation date"), null=True, blank=True)
    employment_status = models.CharField(_("employment status"), max_length=24, choices=EmploymentStatus, blank=True)
    target_groups = models.ManyToManyField(TargetGroup, blank=True, verbose_name=_("target groups"))
    # Skill level (技能水平)
    skill_level = models.CharField(_("skill level"), max_length=20, choices=SkillLevel, blank=True)
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    # Training wish (培训意愿)
    wants_training = models.BooleanField(_("wants training"), null=True, blank=True)
    wanted_course_types = models.CharField(_("wanted course types"), max_length=200, blank=True)
    # Employment direction (就业意向)
    # A code of the national occupational classification (stations/occupations.py).
    wanted_occupation = models.CharField(_("wanted job category"), max_length=5, choices=occupation_choices, blank=True)
    # Free text: what was typed before the category became a choice and did
    # not match a category name exactly, and what ledger imports bring. Staff
    # choose the category and clear it (the resident list filters these).
    wanted_job_categories = models.CharField(_("wanted job (free text)"), max_length=200, blank=True)
    wanted_work_pattern = models.CharField(_("wanted work pattern"), max_length=16, choices=WorkPattern, blank=True)
    salary_expectation = models.PositiveIntegerField(_("salary expectation (yuan/month)"), null=True, blank=True)
    # The day the person was registered at the station (from the staff form or
    # the ledger's column; the day the record is typed in only by default).
    # Stock figures count residents from this date, never from created_at.
    registered_on = models.DateField(_("registered at the station on"), default=timezone.localdate)
    # Derived and stored for filtering: 0-4 of the four clears filled.
    four_clears_score = models.PositiveSmallIntegerField(_("four clears"), default=0, editable=False)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)
    removal_reason = models.CharField(
        _("removal reason"), max_length=16, choices=RemovalReason, blank=True, editable=False
    )
    # A record merged into another is a tombstone: it keeps its own fields
    # for the trail, points to the record kept, and is left out everywhere.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_records",
        verbose_name=_("merged into"),
    )
    # Set (by the identifier normalisation migration, or when a merge is
    # undone) on a live record whose ID number another live record also
    # holds: the pair waits on the possible-duplicates list for a merge.
    shares_id_number = models.BooleanField(_("ID number shared with another record"), default=False, editable=False)
    # Text messages (stations/messaging): consent is recorded, never assumed;
    # changed only through stations.services.messaging.
    text_consent = models.CharField(
        _("text messages"), max_length=10, choices=TextConsent, blank=True, default="", editable=False
    )
    text_consent_changed_at = models.DateTimeField(
        _("text message consent changed at"), null=True, blank=True, editable=False
    )
    text_consent_how = models.CharField(
        _("how consent was given or withdrawn"), max_length=100, blank=True, editable=False
    )
    # Derived for search (derive()): the name's characters, pairs and pinyin
    # (stations.search_tokens), and the last four characters of the ID number
    # and the mobile, each answered by an index.
    search_tokens = models.TextField(_("search tokens"), blank=True, default="", editable=False)
    id_tail = models.CharField(_("ID number's last four"), max_length=4, blank=True, default="", editable=False)
    mobile_tail = models.CharField(_("mobile's last four"), max_length=4, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ResidentManager()
    with_tombstones = ResidentQuerySet.as_manager()

    class Meta:
        ordering = ["community__code", "name", "pk"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        default_manager_name = "objects"
        indexes = [
            models.Index(fields=["community", "employment_status"]),
            models.Index(fields=["community", "name"]),
            models.Index(fields=["mobile"]),
            models.Index(fields=["id_number"], name="resident_id_number"),
            models.Index(fields=["community", "registered_on"]),
            # The clerk's list: count and page of live residents by name read
            # this index only, not the table pages the rows sit on.
            models.Index(
                fields=["community", "name", "id"],
                condition=models.Q(removed_at__isnull=True, merged_into__isnull=True),
                name="resident_live_by_name",
            ),
            models.Index(fields=["id_tail"], name="resident_id_tail"),
            models.Index(fields=["mobile_tail"], name="resident_mobile_tail"),
            # PostgreSQL also has a GIN index on string_to_array(search_tokens, ' ')
            # (migration 0012; not declared here because SQLite has no GIN).
        ]
        constraints = [
            # The ID number is unique city-wide: a tombstone keeps its number
            # (the trail reads it), and a pair found by the normalisation
            # migration stays visible on the duplicates list until merged.
            models.UniqueConstraint(
                fields=["id_number"],
                condition=models.Q(merged_into__isnull=True, shares_id_number=False),
                name="one_live_record_per_id_number",
                violation_error_message=_("A record with this ID number is already registered."),
            ),
            models.CheckConstraint(
                name="resident_not_merged_into_itself",
                condition=~models.Q(merged_into=models.F("pk")),
            ),
        ]

    def __str__(self):
        return self.name

    # --- derived facts ------------------------------------------------------
    def derive(self) -> None:
        """Fill the stored derived fields from what was typed."""
        self.birth_date = id_birth_date(self.id_number)
        self.sex = id_sex(self.id_number)
        self.four_clears_score = sum(self.four_clears().values())
        self.derive_search()

    def derive_search(self) -> None:
        """Fill the search columns from the name, ID number and mobile."""
        self.search_tokens = search_tokens_for(self.name or "")
        self.id_tail = (self.id_number or "")[-4:]
        self.mobile_tail = (self.mobile or "")[-4:]

    def four_clears(self) -> dict[str, bool]:
        """Which of the plan's four clears (T11) the record holds."""
        return {
            "basic": bool(
                self.name
                and self.id_number
                and self.mobile
                and self.address
                and self.education
                and self.employment_status
            ),
            "skill": bool(self.skill_level),
            "training": self.wants_training is not None,
            "direction": bool(
                self.employment_status in IN_WORK_STATUSES
                or self.employment_status == EmploymentStatus.NOT_IN_LABOUR_FORCE
                or ((self.wanted_occupation or self.wanted_job_categories) and self.wanted_work_pattern)
            ),
        }

    def age_on(self, day: dt.date | None = None) -> int:
        day = day or timezone.localdate()
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    @property
    def age(self) -> int:
        return self.age_on()

    @property
    def is_older_worker(self) -> bool:
        """大龄: women 40 and over, men 50 and over."""
        return self.age >= (40 if self.sex == Sex.FEMALE else 50)

    @property
    def masked_id_number(self) -> str:
        return mask_resident_id(self.id_number)

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.mobile)

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def is_tombstone(self) -> bool:
        return self.merged_into_id is not None

    def clean(self):
        errors = {}
        if self.id_number:
            try:
                self.id_number = normalize_resident_id(self.id_number)
            except ValidationError as exc:
                errors["id_number"] = exc.messages
        if self.mobile:
            try:
                self.mobile = normalize_mobile(self.mobile)
            except ValidationError as exc:
                errors["mobile"] = exc.messages
        today = timezone.localdate()
        errors.update(self._registered_on_errors(today))
        if self.graduation_date and self.graduation_date > today:
            errors["graduation_date"] = [_("The graduation date cannot be in the future.")]
        if self.is_graduate and not self.graduation_date:
            errors.setdefault("graduation_date", []).append(_("Enter the graduation date for a college graduate."))
        if not self.is_graduate and (self.graduation_date or self.graduation_school):
            errors.setdefault("is_graduate", []).append(
                _("A graduation school or date is only kept for college graduates: tick the box or clear them.")
            )
        if (
            self.is_graduate
            and self.education
            and self.education not in (Education.COLLEGE, Education.BACHELOR, Education.POSTGRADUATE)
        ):
            errors.setdefault("education", []).append(_("A college graduate has junior college education or higher."))
        if errors:
            raise ValidationError(errors)
        if self.id_number:
            self.derive()

    def _registered_on_errors(self, today: dt.date) -> dict[str, list]:
        day = self.registered_on
        if day is None:
            return {}
        if day > today:
            return {"registered_on": [_("The registration date cannot be in the future.")]}
        if day < EARLIEST_REGISTRATION:
            return {
                "registered_on": [
                    _("The registration date cannot be before %(date)s.") % {"date": EARLIEST_REGISTRATION.isoformat()}
                ]
            }
        try:
            born = id_birth_date(normalize_resident_id(self.id_number)) if self.id_number else None
        except (ValidationError, ValueError):
            born = None  # the ID number's own message says what is wrong
        if born is not None and day < born:
            return {"registered_on": [_("The registration date cannot be before the person was born.")]}
        return {}


class EmploymentStatusChange(models.Model):
    """Dated history of employment status: reports count flows from it."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("resident")
    )
    status = models.CharField(_("employment status"), max_length=24, choices=EmploymentStatus)
    changed_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_on", "-pk"]
        verbose_name = _("employment status change")
        verbose_name_plural = _("employment history")
        indexes = [models.Index(fields=["changed_on", "status"])]

    def __str__(self):
        return f"{self.changed_on} {self.get_status_display()}"


class UnemploymentRegistration(models.Model):
    """失业登记: opened with date and number, ended when the person finds work."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="unemployment_registrations")
    number = IdentifierField(_("registration number"), max_length=40, blank=True)
    registered_on = models.DateField(_("registered on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=100, blank=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on"]
        verbose_name = _("unemployment registration")
        verbose_name_plural = _("unemployment registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["resident"], condition=models.Q(ended_on__isnull=True), name="one_open_registration"
            ),
            models.CheckConstraint(
                name="registration_ends_after_start",
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("registered_on")),
            ),
        ]

    def __str__(self):
        return f"{self.number or '-'} {self.registered_on}"


class ServiceKind(models.TextChoices):
    # The four the 12333 rule counts come first.
    POLICY_CONTACT = "policy_contact", _("Policy contact")
    CAREER_GUIDANCE = "career_guidance", _("Career guidance")
    JOB_RECOMMENDATION = "job_recommendation", _("Job recommendation")
    TRAINING_INFORMATION = "training_information", _("Training information")
    UNEMPLOYMENT_REGISTRATION = "unemployment_registration", _("Unemployment registration")
    NEEDS_COLLECTION = "needs_collection", _("Needs collection")
    STARTUP_PROMOTION = "startup_promotion", _("Startup promotion")
    SUBSIDY_CLAIM = "subsidy_claim", _("Subsidy claim")
    FOLLOW_UP = "follow_up", _("Follow-up visit")
    OTHER = "other", _("Other service")


class ServiceChannel(models.TextChoices):
    VISIT = "visit", _("Home visit")
    PHONE = "phone", _("Phone")
    STATION = "station", _("At the station")
    MESSAGE = "message", _("Message")


class ServiceRecord(models.Model):
    """The one service log. Jobs, training and assistance write here through
    `stations.services.service_record_create`; none keeps a second copy."""

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="services", verbose_name=_("resident")
    )
    kind = models.CharField(_("service"), max_length=32, choices=ServiceKind)
    served_on = models.DateField(_("date"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="services_given", verbose_name=_("staff")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ServiceChannel)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # What it concerned (a posting, a class, a policy), where that applies.
    concerns_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    concerns_id = models.PositiveBigIntegerField(null=True, blank=True)
    concerns = GenericForeignKey("concerns_type", "concerns_id")
    concerns_label = models.CharField(_("concerning"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-served_on", "-pk"]
        verbose_name = _("service record")
        verbose_name_plural = _("service log")
        indexes = [models.Index(fields=["resident", "kind", "served_on"])]

    def __str__(self):
        return f"{self.served_on} {self.get_kind_display()}"

    def clean(self):
        if self.served_on and self.served_on > timezone.localdate():
            raise ValidationError({"served_on": _("A service cannot be dated in the future.")})


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the holding community")
    ACCEPTED = "accepted", _("Accepted: record moved")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Withdrawn")


class ResidentTransferRequest(models.Model):
    """A community asks the community holding a person's record to hand it over.

    The requesting staff never see the record itself: they typed the ID number
    and were told which community holds it. The holding community's staff
    accept (the record moves, with its history) or decline.
    """

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="transfer_requests", verbose_name=_("resident")
    )
    from_community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("holding community")
    )
    to_community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("requesting community")
    )
    status = models.CharField(_("status"), max_length=12, choices=TransferStatus, default=TransferStatus.PENDING)
    note = models.CharField(_("reason for the request"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+", verbose_name=_("requested by")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    # The holding community decides, so the request sits in its scope; the
    # requesting side reads its own requests through a selector on to_community.
    scope_paths = ScopePaths.via_community("from_community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("transfer request")
        verbose_name_plural = _("transfer requests")
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=models.Q(status="pending"),
                name="one_pending_transfer_per_resident",
            ),
            models.CheckConstraint(
                name="transfer_between_two_communities",
                condition=~models.Q(from_community=models.F("to_community")),
            ),
        ]

    def __str__(self):
        return f"{self.from_community} → {self.to_community}"
