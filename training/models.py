"""Training (T11–T13): providers, the district catalogue, classes, the needs
list, enrolments and residents' public requests to join a class.

Scope: a catalogue and a provider belong to a district (bureau level, so
street and community accounts see them only where published); a class sits in
the community of its place; needs and enrolments sit in the resident's
community; a join request in the community the resident named.

Employment after training is never typed here: selectors read it from the
resident's employment history (stations.models.EmploymentStatusChange).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.fields import IdentifierField, NormalizedCharField
from stations.models import Community, District, RelatedSite, Resident
from stations.scoping import ScopedQuerySet, ScopePaths

DISTRICT_LEVEL = ScopePaths(district="district", street=None, community=None)


class Audience(models.TextChoices):
    """Who a course is for (the plan's five training tracks)."""

    REDEPLOYMENT = "redeployment", _("Redeployment (转岗赋能) for the unemployed")
    EMPLOYMENT_SKILLS = "employment_skills", _("Employment skills (就业技能) for graduates")
    LABOUR_PREPARATION = "labour_preparation", _("Labour preparation (劳动预备制) for school leavers")
    PRACTICAL_SKILLS = "practical_skills", _("Practical skills (实用技能) for disabled and correction groups")
    STARTUP_LITERACY = "startup_literacy", _("Startup literacy (创业素养) for would-be founders")


class Programme(models.TextChoices):
    """Brand programmes and shortage trades the plan names."""

    SHANDONG_HANDCRAFT = "shandong_handcraft", _("Shandong handcraft (山东手造)")
    LU_CUISINE_CHEF = "lu_cuisine_chef", _("Lu cuisine chef (鲁菜师傅)")
    QILU_BUILDER = "qilu_builder", _("Qilu construction craftsman (齐鲁建筑工匠)")
    HEALTH_CARE = "health_care", _("Health care (健康照护)")
    HOUSEKEEPING = "housekeeping", _("Housekeeping (家政服务)")
    DELIVERY = "delivery", _("Online delivery (网约配送)")
    LIVE_SELLING = "live_selling", _("Live-stream selling (直播销售)")


class ScheduleType(models.TextChoices):
    EVENING = "evening", _("Evening class (夜课)")
    WEEKEND = "weekend", _("Weekend class (周末课堂)")
    REGULAR = "regular", _("Regular daytime class")


# --- providers ------------------------------------------------------------------
class Provider(models.Model):
    """A training provider (培训机构) registered by a district bureau."""

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="training_providers", verbose_name=_("district")
    )
    name = models.CharField(_("name"), max_length=100)
    licence_number = NormalizedCharField(_("licence number"), max_length=60, blank=True)
    contact_person = NormalizedCharField(_("contact person"), max_length=50, blank=True)
    phone = NormalizedCharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    served_communities = models.ManyToManyField(
        Community,
        blank=True,
        related_name="training_providers",
        verbose_name=_("communities served"),
        help_text=_("Leave empty when the provider serves the whole district."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = DISTRICT_LEVEL
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["district__code", "name"]
        verbose_name = _("training provider")
        verbose_name_plural = _("training providers")
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="provider_name_unique_in_district")]

    def __str__(self):
        return self.name


# --- the district catalogue -------------------------------------------------------
class CatalogueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class Catalogue(models.Model):
    """A district's list of subsidised courses (职业技能培训通用项目清单).

    At most one catalogue per district is published at a time; publishing a
    new one marks the previous one superseded (its classes keep their course).
    """

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="training_catalogues", verbose_name=_("district")
    )
    title = models.CharField(_("title"), max_length=100)
    status = models.CharField(_("status"), max_length=12, choices=CatalogueStatus, default=CatalogueStatus.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+", editable=False
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = DISTRICT_LEVEL
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["district__code", "-created_at"]
        verbose_name = _("training catalogue")
        verbose_name_plural = _("training catalogues")
        constraints = [
            models.UniqueConstraint(
                fields=["district"], condition=Q(status="published"), name="one_published_catalogue_per_district"
            ),
            models.CheckConstraint(
                name="published_catalogue_has_date",
                condition=~Q(status="published") | Q(published_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.district} · {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status == CatalogueStatus.DRAFT


class Course(models.Model):
    """One line of a catalogue: a course with its hours and subsidy standard."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="courses")
    name = models.CharField(_("course"), max_length=100)
    occupation = models.CharField(
        _("occupation (trade)"),
        max_length=60,
        help_text=_("The trade residents ask for, e.g. 育婴员; needs are matched to classes by it."),
    )
    content = models.TextField(_("content"), blank=True)
    hours = models.PositiveSmallIntegerField(_("hours (学时)"), validators=[MinValueValidator(1)])
    entry_requirements = models.CharField(_("entry requirements (参训要求)"), max_length=200, blank=True)
    subsidy_standard = models.DecimalField(
        _("subsidy standard (yuan per person)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    audience = models.CharField(_("audience"), max_length=24, choices=Audience)
    programme = models.CharField(_("programme"), max_length=24, choices=Programme, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    scope_paths = ScopePaths(district="catalogue__district", street=None, community=None)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["catalogue", "position", "pk"]
        verbose_name = _("catalogue course")
        verbose_name_plural = _("catalogue courses")
        indexes = [models.Index(fields=["occupation"])]

    def __str__(self):
        return f"{self.name} ({self.occupation})"


# --- classes ------------------------------------------------------------------------
class ClassStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for enrolment")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


PUBLIC_CLASS_STATUSES = (ClassStatus.OPEN, ClassStatus.RUNNING)


class TrainingClass(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="classes", verbose_name=_("course"))
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="classes", verbose_name=_("provider"))
    title = models.CharField(_("class name"), max_length=100)
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="training_classes",
        verbose_name=_("place: community"),
        help_text=_("The community whose training point, station or school hosts the class."),
    )
    site = models.ForeignKey(
        RelatedSite,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_classes",
        verbose_name=_("place: registered site"),
    )
    place = models.CharField(_("place: address"), max_length=200)
    schedule_type = models.CharField(_("schedule"), max_length=10, choices=ScheduleType)
    schedule_note = models.CharField(_("times"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    capacity = models.PositiveSmallIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    status = models.CharField(_("status"), max_length=10, choices=ClassStatus, default=ClassStatus.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        indexes = [models.Index(fields=["status", "start_date"])]
        constraints = [
            models.CheckConstraint(name="class_ends_after_start", condition=Q(end_date__gte=models.F("start_date"))),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.site_id and self.community_id and self.site.community_id != self.community_id:
            errors["site"] = _("The site must belong to the class's community.")
        if self.provider_id and self.course_id and self.provider.district_id != self.course.catalogue.district_id:
            errors["provider"] = _("Choose a provider of the course's district.")
        if errors:
            raise ValidationError(errors)


# --- needs ----------------------------------------------------------------------------
class TrainingNeed(models.Model):
    """One resident's wish in one collection round (培训需求清单, 摸排)."""

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="training_needs", verbose_name=_("resident")
    )
    occupation = models.CharField(_("wanted trade"), max_length=60)
    course = models.ForeignKey(
        Course,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("wanted catalogue course"),
    )
    round_date = models.DateField(_("collection round"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-round_date", "resident__name", "pk"]
        verbose_name = _("training need")
        verbose_name_plural = _("training needs list")
        indexes = [models.Index(fields=["occupation", "round_date"])]
        constraints = [
            models.UniqueConstraint(fields=["resident", "occupation", "round_date"], name="one_need_per_trade_round")
        ]

    def __str__(self):
        return f"{self.resident} · {self.occupation}"


# --- enrolments --------------------------------------------------------------------------
class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Dropped out")
    WITHDRAWN = "withdrawn", _("Withdrawn before start")


# Enrolments that hold a seat and clash with other classes.
SEAT_HOLDING = (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clipped to the month's end (31 Aug + 6 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


class Enrolment(models.Model):
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="training_enrolments", verbose_name=_("resident")
    )
    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("class")
    )
    status = models.CharField(_("status"), max_length=12, choices=EnrolmentStatus, default=EnrolmentStatus.ENROLLED)
    enrolled_on = models.DateField(_("enrolled on"))
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    attended_hours = models.PositiveSmallIntegerField(_("hours attended"), default=0)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    # Derived from completed_on when completion is recorded, so the employment
    # windows are plain date comparisons on every database.
    window_3m_end = models.DateField(null=True, blank=True, editable=False)
    window_6m_end = models.DateField(null=True, blank=True, editable=False)
    certificate_number = NormalizedCharField(_("certificate number"), max_length=60, blank=True)
    feedback_score = models.PositiveSmallIntegerField(
        _("trainee's rating (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["training_class", "resident__name", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        indexes = [models.Index(fields=["status", "completed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "training_class"],
                condition=Q(status__in=["enrolled", "completed"]),
                name="one_live_enrolment_per_class",
            ),
            models.CheckConstraint(
                name="completion_has_date",
                condition=~Q(status="completed") | Q(completed_on__isnull=False),
            ),
            models.CheckConstraint(
                name="feedback_score_1_to_5",
                condition=Q(feedback_score__isnull=True) | Q(feedback_score__gte=1, feedback_score__lte=5),
            ),
        ]

    def __str__(self):
        return f"{self.resident} · {self.training_class}"


# --- public requests to join ------------------------------------------------------------------
class JoinRequestStatus(models.TextChoices):
    NEW = "new", _("New")
    ENROLLED = "enrolled", _("Enrolled")
    DECLINED = "declined", _("Declined")


class JoinRequest(models.Model):
    """A resident asks to join a class from its public page; the request lands
    in the queue of the community they named."""

    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("class")
    )
    name = NormalizedCharField(pgettext_lazy("person", "name"), max_length=50)
    phone = IdentifierField(_("mobile"), max_length=11)
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="training_join_requests", verbose_name=_("your community")
    )
    status = models.CharField(_("status"), max_length=10, choices=JoinRequestStatus, default=JoinRequestStatus.NEW)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    handling_note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["status", "-created_at"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self):
        return f"{self.name} → {self.training_class}"
