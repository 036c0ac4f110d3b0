"""Resident records (居民登记): who they are, the four clears, and their status.

Birth date, sex and the four-clears score are derived from what staff type
(`Resident.derive()`), stored so lists and reports can filter on them, and
never typed twice. Derived target groups (older worker, long-term unemployed,
zero-employment household, recent graduate) are computed by selectors from
those stored facts.
"""

import datetime as dt

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

from .households import Household
from .region import Community
from .target_groups import TargetGroup

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
# The basic situation (基本情况) beyond who the person is (name, ID number,
# mobile), where they are registered and their employment status.
REGISTRATION_FIELDS = (
    "registered_on",
    "address",
    "education",
    "is_graduate",
    "graduation_school",
    "graduation_date",
)
# The three clears after the basic situation, in the ledger's order: skill
# level (技能水平), training wish (培训意愿), employment direction (就业意向).
SKILL_AND_WISH_FIELDS = (
    "skill_level",
    "skills",
    "wants_training",
    "wanted_course_types",
    "wanted_occupation",
    "wanted_job_categories",
    "wanted_work_pattern",
    "salary_expectation",
)


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
