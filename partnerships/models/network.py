"""The community's partner network and its joint employment meetings (T9).

A partner belongs to one or more neighbouring communities (联建: they share it).
Meetings are led by a community's party organisation; what partners promise at
a meeting is a commitment, followed until it is done or dropped.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.fields import IdentifierField, NormalizedCharField
from stations.models import Community, RelatedSite
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.workflows import Step, Workflow

from .common import normalise_credit_code


class PartnerKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    INSTITUTION = "institution", _("Public institution")
    OFFICE_BUILDING = "office_building", _("Office building")
    SOCIAL_ORGANISATION = "social_organisation", _("Social organisation")
    SHOP = "shop", _("Shop")
    BANK = "bank", _("Bank branch")
    PARCEL_STATION = "parcel_station", _("Parcel station")
    OTHER = "other", _("Other partner")


class Partner(models.Model):
    """An organisation in a community's employment "circle of friends"."""

    name = models.CharField(pgettext_lazy("organisation", "name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=24, choices=PartnerKind)
    # The community that brought the partner in; `communities` adds the
    # neighbouring ones that share it (联建). The lead is always among them.
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="lead_partners", verbose_name=_("lead community")
    )
    communities = models.ManyToManyField(Community, related_name="partners", verbose_name=_("communities served"))
    credit_code = IdentifierField(_("unified social credit code"), max_length=18, blank=True)
    # Ties a partner to the employer database, so its postings and hires can
    # fulfil its commitments.
    employer = models.ForeignKey(
        "jobs.Employer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("employer record"),
    )
    contact_name = NormalizedCharField(_("contact person"), max_length=50, blank=True)
    contact_phone = NormalizedCharField(_("contact phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    offers_vacancies = models.BooleanField(_("offers vacancies"), default=False)
    offers_training_venue = models.BooleanField(_("offers a training venue"), default=False)
    offers_policy_publicity = models.BooleanField(_("helps with policy publicity"), default=False)
    offers_sponsorship = models.BooleanField(_("offers sponsorship"), default=False)
    # Shops, banks and parcel stations may host an embedded service point
    # (T14); it is published on the station finder as a related site.
    service_point = models.OneToOneField(
        RelatedSite,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner",
        verbose_name=_("embedded service point"),
    )
    partner_since = models.DateField(_("partner since"))
    ended_on = models.DateField(_("partnership ended"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("communities")
    scope_needs_distinct = True
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(
                name="partner_ends_after_start",
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("partner_since")),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.ended_on is None or self.ended_on >= timezone.localdate()

    def offers(self) -> list[str]:
        labels = []
        for field in ("offers_vacancies", "offers_training_venue", "offers_policy_publicity", "offers_sponsorship"):
            if getattr(self, field):
                labels.append(str(self._meta.get_field(field).verbose_name))
        return labels

    def clean(self):
        errors = {}
        if self.partner_since and self.partner_since > timezone.localdate():
            errors["partner_since"] = [_("The start date cannot be in the future.")]
        if self.ended_on and self.partner_since and self.ended_on < self.partner_since:
            errors["ended_on"] = [_("The end date cannot be before the start date.")]
        normalise_credit_code(self, errors)
        if errors:
            raise ValidationError(errors)


class JointMeeting(models.Model):
    """A joint employment meeting (就业联席会议) led by a community's party organisation."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="joint_meetings", verbose_name=_("community")
    )
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=150)
    chaired_by = models.CharField(
        _("chaired by"), max_length=100, help_text=_("For example the community party secretary.")
    )
    place = models.CharField(_("place"), max_length=150, blank=True)
    partners = models.ManyToManyField(Partner, related_name="meetings", verbose_name=_("partners present"))
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="joint_meetings", blank=True, verbose_name=_("staff present")
    )
    other_participants = models.CharField(_("other participants"), max_length=300, blank=True)
    minutes = models.TextField(_("minutes"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # What staff fill in, on the page and through the API alike.
    EDITABLE_FIELDS = (
        "community",
        "held_on",
        "topic",
        "chaired_by",
        "place",
        "partners",
        "staff",
        "other_participants",
        "minutes",
    )

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("joint employment meeting")
        verbose_name_plural = _("joint employment meetings")

    def __str__(self):
        return f"{self.held_on} {self.topic}"

    def clean(self):
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError(
                {"held_on": [_("Record a meeting once it has been held: the date is in the future.")]}
            )


class CommitmentKind(models.TextChoices):
    POSTS = "posts", _("Job posts")
    TRAINING_VENUE = "training_venue", _("Training venue")
    PUBLICITY = "publicity", _("Policy publicity")
    SPONSORSHIP = "sponsorship", _("Sponsorship")
    OTHER = "other", _("Other")


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# Staff close an open commitment as done or dropped (dropping needs a note);
# each step is named after the status it leads to. A posts commitment also
# completes by itself when its hires reach the number promised: system work
# without an actor, in partnerships.services.network.commitments.
COMMITMENT_WORKFLOW = Workflow(
    state_field="status",
    steps=[
        Step(name, {CommitmentStatus.OPEN}, target, target.label, rule="partnerships.manage_network")
        for name, target in (("done", CommitmentStatus.DONE), ("dropped", CommitmentStatus.DROPPED))
    ],
    state_message=_("This commitment is already closed (%(status)s)."),
)


class Commitment(models.Model):
    """What a partner promised at a meeting, for example "10 cleaning posts by June".

    Lateness is not stored: an open commitment past its due date is late, and
    one done after its due date was done late.
    """

    meeting = models.ForeignKey(JointMeeting, on_delete=models.CASCADE, related_name="commitments")
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("partner")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CommitmentKind)
    description = models.CharField(_("commitment"), max_length=200)
    posts_promised = models.PositiveIntegerField(_("posts promised"), null=True, blank=True)
    due_on = models.DateField(_("due by"))
    status = models.CharField(_("status"), max_length=10, choices=CommitmentStatus, default=CommitmentStatus.OPEN)
    closed_on = models.DateField(pgettext_lazy("commitment", "closed on"), null=True, blank=True)
    close_note = models.CharField(_("note on closing"), max_length=200, blank=True)
    # Postings published to keep the promise; their hires count towards it.
    postings = models.ManyToManyField(
        "jobs.Posting", related_name="commitments", blank=True, verbose_name=_("postings that fulfil it")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths.via_community("meeting__community")
    objects = ScopedQuerySet.as_manager()
    workflow = COMMITMENT_WORKFLOW

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(
                name="commitment_posts_need_a_number",
                condition=~Q(kind="posts") | Q(posts_promised__gt=0),
            ),
            models.CheckConstraint(
                name="commitment_closed_has_date",
                condition=Q(status="open", closed_on__isnull=True) | (~Q(status="open") & Q(closed_on__isnull=False)),
            ),
        ]

    def __str__(self):
        return self.description

    def is_late(self, today=None) -> bool:
        today = today or timezone.localdate()
        if self.status == CommitmentStatus.OPEN:
            return today > self.due_on
        return self.status == CommitmentStatus.DONE and self.closed_on > self.due_on

    def clean(self):
        if self.kind == CommitmentKind.POSTS and not self.posts_promised:
            raise ValidationError({"posts_promised": [_("Say how many posts were promised.")]})
