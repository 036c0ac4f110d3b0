"""Public startup material: project catalogue and guide, startup stars, events (T8).

Staff keep the material: a community proposes an item for its district, the
district (or the city) publishes it or sends it back with a reason, and may
take it down again. The states and steps are declared once
(`CATALOGUE_STEPS`), applied by `stations.workflows.Workflow` under the row's
lock, and every step taken is a `CatalogueStep` row beside the audit entry.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.fields import NormalizedCharField
from stations.models import Community, District, Role
from stations.permissions import BUREAUS
from stations.scoping import ScopedQuerySet, ScopePaths, scope_q
from stations.workflows import EventLog, Step, Workflow


class CatalogueState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed")
    RETURNED = "returned", _("Sent back")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Taken down")


C = CatalogueState
# States in which the item's text may still change: a published item is taken
# down first, so what the public read is always what was reviewed.
EDITABLE_STATES = frozenset({C.DRAFT, C.RETURNED, C.UNPUBLISHED, C.PROPOSED})
# Steps whose note is the reason and may not be empty.
STEPS_NEEDING_A_REASON = frozenset({"send_back", "unpublish"})


def catalogue_steps() -> list[Step]:
    """The catalogue's transition table: community staff propose; the district
    and the city publish, send back with a reason, or take down."""
    return [
        Step("propose", {C.DRAFT, C.RETURNED, C.UNPUBLISHED}, C.PROPOSED, _("Propose for publishing"),
             roles={Role.COMMUNITY_STAFF}),
        Step("publish", {C.DRAFT, C.PROPOSED, C.RETURNED, C.UNPUBLISHED}, C.PUBLISHED, _("Publish"), roles=BUREAUS),
        Step("send_back", {C.PROPOSED}, C.RETURNED, _("Send back"), roles=BUREAUS),
        Step("unpublish", {C.PUBLISHED}, C.UNPUBLISHED, _("Take down"), roles=BUREAUS),
    ]  # fmt: skip


def waits_for_its_community(item, step: str) -> bool:
    """A community's item reaches the bureau only once proposed: while its
    community is still writing it (a draft, or sent back) nobody publishes it."""
    return step == "publish" and item.community_id is not None and item.state in (C.DRAFT, C.RETURNED)


class CatalogueWorkflow(Workflow):
    def allowed(self, obj, user) -> list[Step]:
        return [s for s in super().allowed(obj, user) if not waits_for_its_community(obj, s.name)]


def catalogue_workflow(subject: str) -> Workflow:
    return CatalogueWorkflow(
        state_field="state",
        steps=catalogue_steps(),
        event=EventLog(model_path="entrepreneurship.CatalogueStep", subject=subject, step="step", note="note"),
        changed_at_field="state_changed_at",
    )


class CatalogueQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The district and the city see their area's items; community staff
        (and street officers) see the items proposed from their community (or
        street) in any state, and what is published in their district."""
        own = scope_q(user, self.model.scope_paths)
        if own is None:
            return self.none()
        if user.role in (Role.COMMUNITY_STAFF, Role.STREET_OFFICER):
            node = user.community.street if user.role == Role.COMMUNITY_STAFF else user.street
            own |= Q(state=C.PUBLISHED, district_id=node.district_id)
        return self.filter(own)

    def published(self):
        return self.filter(state=C.PUBLISHED)


class CatalogueItem(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    # The community that proposed the item; empty when a bureau wrote it.
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
        editable=False,
    )
    state = models.CharField(_("state"), max_length=12, choices=CatalogueState, default=CatalogueState.DRAFT)
    state_changed_at = models.DateTimeField(_("state changed at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    scope_paths = ScopePaths(district="district", street="community__street", community="community")
    objects = CatalogueQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.state == CatalogueState.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    def last_reason(self):
        """The latest send-back or take-down note, for the proposer to read."""
        step = self.catalogue_steps.filter(step__in=sorted(STEPS_NEEDING_A_REASON)).order_by("-at", "-pk").first()
        return step.note if step and self.state in (C.RETURNED, C.UNPUBLISHED) else ""


class StartupProject(CatalogueItem):
    """An entry of the startup project catalogue, with its guide (创业导引)."""

    catalogue_kind = "projects"

    title = models.CharField(_("project"), max_length=100)
    industry = models.CharField(_("industry"), max_length=60)
    investment = models.CharField(_("typical investment"), max_length=60, blank=True)
    summary = models.TextField(_("summary"))
    guide = models.TextField(_("how to start"), blank=True)
    contact = models.CharField(_("contact"), max_length=100, blank=True)

    workflow = catalogue_workflow("project")

    class Meta:
        ordering = ["district__code", "title"]
        verbose_name = _("startup project")
        verbose_name_plural = _("startup projects")
        indexes = [models.Index(fields=["state", "district"], name="startup_project_state")]

    def __str__(self):
        return self.title


class StartupStar(CatalogueItem):
    catalogue_kind = "stars"

    name = NormalizedCharField(pgettext_lazy("person", "name"), max_length=50)
    business_name = models.CharField(_("business"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    story = models.TextField(_("story"))

    workflow = catalogue_workflow("star")

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("startup star")
        verbose_name_plural = _("startup stars")
        indexes = [models.Index(fields=["state", "district"], name="startup_star_state")]

    def __str__(self):
        return self.name


class EventKind(models.TextChoices):
    SALON = "salon", _("Salon")
    SHARING = "sharing", _("Sharing session")
    CONTEST = "contest", _("Contest")


class StartupEvent(CatalogueItem):
    catalogue_kind = "events"

    kind = models.CharField(_("kind"), max_length=10, choices=EventKind)
    title = models.CharField(_("title"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # A contest takes entries until a day before it starts and names its prizes.
    signup_deadline = models.DateField(_("entries close on"), null=True, blank=True)
    prize_note = models.CharField(_("prizes"), max_length=200, blank=True)

    workflow = catalogue_workflow("event")

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("startup event")
        verbose_name_plural = _("startup events")
        indexes = [models.Index(fields=["state", "starts_at"], name="startup_event_state")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.signup_deadline and self.starts_at and self.signup_deadline > self.starts_at.date():
            raise ValidationError({"signup_deadline": _("Entries must close before the event starts.")})


class CatalogueStep(models.Model):
    """Every step taken on a catalogue item, with who, when and the reason."""

    project = models.ForeignKey(
        StartupProject, on_delete=models.CASCADE, null=True, blank=True, related_name="catalogue_steps"
    )
    star = models.ForeignKey(
        StartupStar, on_delete=models.CASCADE, null=True, blank=True, related_name="catalogue_steps"
    )
    event = models.ForeignKey(
        StartupEvent, on_delete=models.CASCADE, null=True, blank=True, related_name="catalogue_steps"
    )
    step = models.CharField(_("step"), max_length=12)
    from_state = models.CharField(max_length=12, choices=CatalogueState)
    to_state = models.CharField(max_length=12, choices=CatalogueState)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    scope_paths = ScopePaths(
        district=("project__district", "star__district", "event__district"),
        street=("project__community__street", "star__community__street", "event__community__street"),
        community=("project__community", "star__community", "event__community"),
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("catalogue step")
        verbose_name_plural = _("catalogue steps")
        constraints = [
            models.CheckConstraint(
                name="catalogue_step_one_subject",
                condition=(
                    Q(project__isnull=False, star__isnull=True, event__isnull=True)
                    | Q(project__isnull=True, star__isnull=False, event__isnull=True)
                    | Q(project__isnull=True, star__isnull=True, event__isnull=False)
                ),
            )
        ]

    def __str__(self):
        return f"{self.step} {self.at:%Y-%m-%d %H:%M}"
