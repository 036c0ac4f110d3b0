"""Recommendations (推荐岗位) and their outcome, placements and saved job alerts.

The recommendation pipeline is declared as data: states are TextChoices, the
steps between them are `RECOMMENDATION_WORKFLOW` (stations.workflows). The
service applies them under a row lock and logs each one with its user
(RecommendationTransition, on_delete=RESTRICT, for traceability).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stations.models import Community, Resident, WorkPattern
from stations.permissions import STAFF_WHO_KEEP_RECORDS
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.workflows import EventLog, Step, Workflow

from .employers import Employer
from .postings import OccupationCategory, Posting


class RecommendationState(models.TextChoices):
    RECOMMENDED = "recommended", _("Recommended")
    INTERVIEW = "interview", _("Interview")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Not taken on")
    NO_ANSWER = "no_answer", _("No answer")


class RejectionReason(models.TextChoices):
    """Stable slugs: a retired reason stays here (hidden from new choices) so history reads."""

    EMPLOYER_DECLINED = "employer_declined", _("Employer declined")
    RESIDENT_DECLINED = "resident_declined", _("Resident declined the offer")
    SALARY = "salary", _("Salary did not suit")
    HOURS = "hours", _("Working hours did not suit")
    DISTANCE = "distance", _("Too far from home")
    REQUIREMENTS = "requirements", _("Did not meet the requirements")
    POSITION_FILLED = "position_filled", _("Position already filled")
    OTHER = "other", _("Other reason")


S = RecommendationState


OPEN_STATES = frozenset({S.RECOMMENDED, S.INTERVIEW, S.NO_ANSWER})
# Who may take a step: the roles of the jobs.recommend rule. The first row of
# the log ("recommend", from no state) is written by recommendation_create.
RECOMMENDATION_WORKFLOW = Workflow(
    state_field="state",
    changed_at_field="state_changed_at",
    steps=[
        Step("interview", {S.RECOMMENDED, S.NO_ANSWER}, S.INTERVIEW, _("Interview arranged"), STAFF_WHO_KEEP_RECORDS),
        Step("hire", OPEN_STATES, S.HIRED, _("Hired"), STAFF_WHO_KEEP_RECORDS),
        Step("reject", OPEN_STATES, S.REJECTED, _("Not taken on"), STAFF_WHO_KEEP_RECORDS),
        Step("no_answer", {S.RECOMMENDED, S.INTERVIEW}, S.NO_ANSWER, _("No answer"), STAFF_WHO_KEEP_RECORDS),
    ],
    event=EventLog(
        model_path="jobs.RecommendationTransition",
        subject="recommendation",
        step="name",
        actor="user",
        note_length=300,
    ),
)


class Recommendation(models.Model):
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="job_recommendations", verbose_name=_("resident")
    )
    posting = models.ForeignKey(
        Posting, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("posting")
    )
    recommended_on = models.DateField(_("recommended on"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+", verbose_name=_("staff")
    )
    state = models.CharField(_("state"), max_length=12, choices=RecommendationState, default=S.RECOMMENDED)
    rejection_reason = models.CharField(_("reason"), max_length=24, choices=RejectionReason, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    state_changed_at = models.DateTimeField(_("last change"), auto_now_add=True)
    no_answer_flagged_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()
    workflow = RECOMMENDATION_WORKFLOW

    class Meta:
        ordering = ["-recommended_on", "-pk"]
        verbose_name = _("job recommendation")
        verbose_name_plural = _("job recommendations")
        constraints = [
            models.UniqueConstraint(fields=["resident", "posting"], name="one_recommendation_per_posting"),
            models.CheckConstraint(
                name="rejection_has_reason",
                condition=(Q(state=S.REJECTED) & ~Q(rejection_reason=""))
                | (~Q(state=S.REJECTED) & Q(rejection_reason="")),
            ),
        ]
        indexes = [models.Index(fields=["state", "state_changed_at"]), models.Index(fields=["posting", "state"])]

    def __str__(self):
        return f"{self.resident} → {self.posting.title}"


class RecommendationTransition(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField(max_length=20)
    from_state = models.CharField(max_length=12, choices=RecommendationState, blank=True)
    to_state = models.CharField(max_length=12, choices=RecommendationState)
    reason = models.CharField(max_length=24, choices=RejectionReason, blank=True)
    note = models.CharField(max_length=300, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("recommendation__resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_state or '-'} → {self.to_state}"


class Placement(models.Model):
    """A hire: who, where, from when, on what contract length."""

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="placements", verbose_name=_("resident")
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="placements", verbose_name=_("employer")
    )
    posting = models.ForeignKey(Posting, on_delete=models.PROTECT, null=True, blank=True, related_name="placements")
    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.PROTECT, null=True, blank=True, related_name="placement"
    )
    started_on = models.DateField(_("start date"))
    contract_months = models.PositiveSmallIntegerField(_("contract length (months)"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [models.CheckConstraint(name="placement_contract_positive", condition=Q(contract_months__gt=0))]

    def __str__(self):
        return f"{self.resident} @ {self.employer}"


class JobAlert(models.Model):
    """A saved search on a resident's record (category, place, radius)."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="job_alerts", verbose_name=_("resident")
    )
    occupation_category = models.CharField(
        _("occupation category"), max_length=24, choices=OccupationCategory, blank=True
    )
    work_pattern = models.CharField(_("work pattern"), max_length=16, choices=WorkPattern, blank=True)
    near = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("near community"), null=True, blank=True
    )
    radius_km = models.PositiveSmallIntegerField(
        _("radius (km)"), choices=[(1, "1 km"), (3, "3 km"), (5, "5 km"), (10, "10 km")], default=5
    )
    salary_floor = models.PositiveIntegerField(_("salary at least (yuan/month)"), null=True, blank=True)
    email = models.EmailField(_("e-mail for direct alerts"), blank=True)
    email_consent = models.BooleanField(_("resident agreed to e-mail alerts"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("job alert")
        verbose_name_plural = _("job alerts")

    def __str__(self):
        return f"{self.resident}: {self.get_occupation_category_display() or '*'}"


class JobAlertMatch(models.Model):
    """A posting found for an alert; kept so the same posting is never sent twice."""

    alert = models.ForeignKey(JobAlert, on_delete=models.CASCADE, related_name="matches")
    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="+")
    found_on = models.DateField()
    # Set only once the e-mail went out; a failed send records its reason here and is tried again.
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=300, blank=True)

    scope_paths = ScopePaths.via_community("alert__resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-found_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["alert", "posting"], name="alert_posting_once")]

    def __str__(self):
        return f"{self.alert_id}:{self.posting_id}"
