"""Job postings (岗位): screened before publication, public while in their window."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, FloatField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from stations.fields import IdentifierField, NormalizedCharField
from stations.models import JOB_SITE_KINDS, Community, Education, RelatedSite, SkillLevel, WorkPattern
from stations.permissions import STAFF_WHO_KEEP_RECORDS
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.workflows import Step, Workflow

from .employers import Employer


class OccupationCategory(models.TextChoices):
    MANUFACTURING = "manufacturing", _("Manufacturing (生产制造)")
    HOME_PIECEWORK = "home_piecework", _("Home piecework (来料加工)")
    HOUSEKEEPING = "housekeeping", _("Housekeeping (家政服务)")
    CARE = "care", _("Health and elderly care (健康照护)")
    CATERING = "catering", _("Catering (餐饮服务)")
    DELIVERY = "delivery", _("Delivery and couriers (网约配送)")
    LIVE_SALES = "live_sales", _("Live-stream sales (直播销售)")
    RETAIL = "retail", _("Retail (商超零售)")
    CLEANING_SECURITY = "cleaning_security", _("Cleaning and security (保洁保安)")
    CONSTRUCTION = "construction", _("Construction (建筑施工)")
    LOGISTICS = "logistics", _("Warehousing and logistics (物流仓储)")
    OFFICE = "office", _("Office and clerical (办公文员)")
    COMMUNITY_SERVICE = "community_service", _("Community service (社区服务)")
    EDUCATION = "education", _("Education and childcare (教育托育)")
    AGRICULTURE = "agriculture", _("Agriculture (农业种养)")
    OTHER = "other", _("Other")


class PostingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending review")
    PUBLISHED = "published", _("Published")
    FILLED = "filled", _("Filled")
    EXPIRED = "expired", _("Expired")
    REJECTED = "rejected", _("Rejected")


# The review of a posting, as data: which step leads from which statuses to
# which (jobs.services.postings applies them; the staff page offers the steps
# `steps_for` returns). Saving, expiry and the daily withdrawal of unlawful
# postings are not steps a reviewer takes, and stay in their services.
POSTING_WORKFLOW = Workflow(
    state_field="status",
    steps=[
        Step(
            "publish",
            {PostingStatus.DRAFT, PostingStatus.PENDING, PostingStatus.REJECTED},
            PostingStatus.PUBLISHED,
            _("Publish"),
            roles=STAFF_WHO_KEEP_RECORDS,
        ),
        Step(
            "reject",
            {PostingStatus.DRAFT, PostingStatus.PENDING},
            PostingStatus.REJECTED,
            _("Reject"),
            roles=STAFF_WHO_KEEP_RECORDS,
        ),
        Step("filled", {PostingStatus.PUBLISHED}, PostingStatus.FILLED, _("Mark filled"), roles=STAFF_WHO_KEEP_RECORDS),
    ],
)


class PayUnit(models.TextChoices):
    """How a posting states its pay. The minimum wage it is checked against
    follows from it and the work pattern (jobs.screening.minimum_pay)."""

    MONTH = "month", _("yuan/month")
    DAY = "day", _("yuan/day")
    HOUR = "hour", _("yuan/hour")


# A day's or an hour's pay as a month's, for comparing with monthly figures
# (a resident's expectation, a search's floor): 21.75 paid days a month
# (劳社部发〔2008〕3号), 8 hours a day.
MONTHLY_FACTOR = {PayUnit.MONTH: 1, PayUnit.DAY: 21.75, PayUnit.HOUR: 21.75 * 8}


def monthly_pay(field: str = "salary_max"):
    """SQL: a pay column as a monthly figure, whatever the posting's unit."""
    return Case(
        *(When(pay_unit=unit, then=F(field) * Value(factor)) for unit, factor in MONTHLY_FACTOR.items()),
        default=F(field),
        output_field=FloatField(),
    )


class PostingSource(models.TextChoices):
    STAFF = "staff", _("Entered by staff")
    PUBLIC_FORM = "public_form", _("Submitted by the employer")


class PostingQuerySet(ScopedQuerySet):
    def live(self, *, on):
        """Published and inside the validity window on `on`: what residents see."""
        return self.filter(status=PostingStatus.PUBLISHED, valid_from__lte=on, valid_until__gte=on)


class Posting(models.Model):
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="postings", verbose_name=_("employer")
    )
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="postings", verbose_name=_("community (place of work)")
    )
    title = models.CharField(_("job title"), max_length=100)
    occupation_category = models.CharField(_("occupation category"), max_length=24, choices=OccupationCategory)
    headcount = models.PositiveSmallIntegerField(_("people wanted"), default=1)
    salary_min = models.PositiveIntegerField(_("pay from"))
    salary_max = models.PositiveIntegerField(_("pay up to"))
    pay_unit = models.CharField(
        _("pay per"),
        max_length=8,
        choices=PayUnit,
        default=PayUnit.MONTH,
        help_text=_("Part-time work is paid by the hour; day labour by the hour or the day."),
    )
    work_pattern = models.CharField(_("work pattern"), max_length=16, choices=WorkPattern)
    work_address = models.CharField(_("place of work"), max_length=200, blank=True)
    # The micro-factory, Rukang home, housekeeping outlet or demo base the job
    # is at: its public page lists the job.
    related_site = models.ForeignKey(
        RelatedSite,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="postings",
        verbose_name=_("at the site"),
        limit_choices_to={"kind__in": JOB_SITE_KINDS},
    )
    working_hours = models.CharField(_("working hours"), max_length=100, blank=True)
    description = models.TextField(_("what the job is"), blank=True)
    # Requirements
    age_min = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    age_limit_reason = models.CharField(
        _("reason for the age limit"),
        max_length=200,
        blank=True,
        help_text=_("An age limit needs a reason the law accepts (e.g. heavy lifting, night shifts)."),
    )
    education_min = models.CharField(_("minimum education"), max_length=16, choices=Education, blank=True)
    skill_min = models.CharField(_("minimum skill level"), max_length=20, choices=SkillLevel, blank=True)
    requirements = models.TextField(_("other requirements"), blank=True)
    # "Suits" tags
    suits_disabled = models.BooleanField(_("suits disabled people"), default=False)
    suits_carers = models.BooleanField(_("flexible hours for carers"), default=False)
    suits_older = models.BooleanField(_("suits older workers"), default=False)
    is_public_welfare = models.BooleanField(_("public-welfare post (公益性岗位)"), default=False)
    is_community_worker = models.BooleanField(_("community-worker post (社区工作者)"), default=False)
    valid_from = models.DateField(_("open from"))
    valid_until = models.DateField(_("open until"))
    contact_name = NormalizedCharField(_("contact person"), max_length=50)
    contact_phone = IdentifierField(_("contact phone"), max_length=20)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PostingStatus, default=PostingStatus.DRAFT)
    source = models.CharField(_("source"), max_length=12, choices=PostingSource, default=PostingSource.STAFF)
    # Copied from the community when saved by a service: the distance filter
    # needs them on the indexed row (bounding box in SQL, then haversine).
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    # Screening result as codes: [{"code", "field", "match" or "params"}]; pages
    # show them through jobs.screening.describe, in the reader's language.
    screening_flags = models.JSONField(_("screening flags"), default=list, blank=True, editable=False)
    # Whether a flag is one the law forbids: such a posting is never published
    # (the constraint below), whoever asks.
    screening_blocked = models.BooleanField(_("blocked by the screening"), default=False, editable=False)
    screened_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_note = models.CharField(_("review note"), max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    # Set only once the reminder went out; a failed send records its reason here and is tried again.
    expiry_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    expiry_reminder_error = models.CharField(max_length=300, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_paths = ScopePaths.via_community("community")
    objects = PostingQuerySet.as_manager()
    workflow = POSTING_WORKFLOW

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        constraints = [
            models.CheckConstraint(name="posting_salary_positive", condition=Q(salary_min__gt=0) & Q(salary_max__gt=0)),
            models.CheckConstraint(name="posting_salary_min_le_max", condition=Q(salary_min__lte=F("salary_max"))),
            models.CheckConstraint(name="posting_window_ordered", condition=Q(valid_until__gte=F("valid_from"))),
            models.CheckConstraint(name="posting_headcount_positive", condition=Q(headcount__gt=0)),
            models.CheckConstraint(
                name="posting_age_range_ordered",
                condition=Q(age_min__isnull=True) | Q(age_max__isnull=True) | Q(age_min__lte=F("age_max")),
            ),
            models.CheckConstraint(
                name="posting_published_has_date",
                condition=~Q(status="published") | Q(published_at__isnull=False),
            ),
            models.CheckConstraint(
                name="posting_published_not_blocked",
                condition=~Q(status="published") | Q(screening_blocked=False),
            ),
        ]
        indexes = [
            # The public list: live postings newest first, narrowed by place or category.
            models.Index(fields=["status", "-published_at", "-id"], name="posting_live_newest"),
            models.Index(fields=["status", "valid_until"], name="posting_window_end"),
            models.Index(fields=["status", "community", "-published_at"], name="posting_live_community"),
            models.Index(fields=["status", "occupation_category", "-published_at"], name="posting_live_category"),
            models.Index(fields=["status", "latitude", "longitude"], name="posting_live_geo"),
            models.Index(fields=["community", "status", "created_at"], name="posting_queue"),
        ]

    def __str__(self):
        return f"{self.title} · {self.employer}" if self.employer_id else self.title

    @property
    def is_flagged(self) -> bool:
        return bool(self.screening_flags)

    @property
    def screening_notes(self):
        """The stored flags as labels and messages in the active language."""
        from jobs.screening import describe_all

        return describe_all(self.screening_flags)

    @property
    def needs_review_reason(self) -> bool:
        """Flagged, but only by judgement calls: publishing needs the reviewer's reason."""
        return bool(self.screening_flags) and not self.screening_blocked

    @property
    def pay_text(self) -> str:
        """ "3,000–4,500 yuan/month" in the active language."""
        return f"{self.salary_min:,}–{self.salary_max:,} {self.get_pay_unit_display()}"

    @property
    def monthly_salary_max(self) -> float:
        return self.salary_max * MONTHLY_FACTOR.get(self.pay_unit, 1)

    def clean(self):
        errors = {}
        if self.salary_min is not None and self.salary_min <= 0:
            errors["salary_min"] = [_("Enter a salary above zero.")]
        if self.salary_max is not None and self.salary_max <= 0:
            errors["salary_max"] = [_("Enter a salary above zero.")]
        if self.salary_min and self.salary_max and self.salary_min > self.salary_max:
            errors.setdefault("salary_max", []).append(_("The upper salary cannot be below the lower salary."))
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = [_("The closing date cannot be before the opening date.")]
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = [_("The maximum age cannot be below the minimum age.")]
        if self.age_min is not None and self.age_min < 16:
            errors["age_min"] = [_("Nobody under 16 may be employed.")]
        site = self.related_site if self.related_site_id else None
        if site is not None and self.community_id and site.community_id != self.community_id:
            errors["related_site"] = [_("Choose a site in the community where the work is, or none.")]
        if errors:
            raise ValidationError(errors)
