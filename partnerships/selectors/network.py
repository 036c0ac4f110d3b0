"""Reads of the partner network shared by the staff pages and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobs import selectors as jobs_selectors
from stations.models import Community, User
from stations.params import parse_pk
from stations.scoping import get_visible_or_404

from ..models import Commitment, CommitmentStatus, JointMeeting, Partner
from ..services.network.commitments import commitment_hires

OFFER_FIELDS = {
    "vacancies": "offers_vacancies",
    "training_venue": "offers_training_venue",
    "publicity": "offers_policy_publicity",
    "sponsorship": "offers_sponsorship",
}
OFFER_CHOICES = [
    ("vacancies", _("Vacancies")),
    ("training_venue", _("Training venue")),
    ("publicity", _("Policy publicity")),
    ("sponsorship", _("Sponsorship")),
]


class CommitmentState(models.TextChoices):
    """What staff see: the stored status with lateness derived from the dates."""

    IN_PROGRESS = "in_progress", _("In progress")
    LATE = "late", _("Late")
    DONE = "done", _("Done")
    DONE_LATE = "done_late", _("Done late")
    DROPPED = "dropped", _("Dropped")


def _state_q(state: str, today: dt.date) -> Q | None:
    return {
        CommitmentState.IN_PROGRESS: Q(status=CommitmentStatus.OPEN, due_on__gte=today),
        CommitmentState.LATE: Q(status=CommitmentStatus.OPEN, due_on__lt=today),
        CommitmentState.DONE: Q(status=CommitmentStatus.DONE, closed_on__lte=F("due_on")),
        CommitmentState.DONE_LATE: Q(status=CommitmentStatus.DONE, closed_on__gt=F("due_on")),
        CommitmentState.DROPPED: Q(status=CommitmentStatus.DROPPED),
    }.get(state)


def with_state(qs: QuerySet[Commitment], *, today: dt.date | None = None) -> QuerySet[Commitment]:
    """Annotate `state` (a CommitmentState value) in the database, so lists
    can filter and sort by it."""
    today = today or timezone.localdate()
    return qs.annotate(
        state=Case(
            *(When(_state_q(s, today), then=Value(s.value)) for s in CommitmentState),
            output_field=models.CharField(),
        )
    )


def commitment_state(commitment: Commitment, *, today: dt.date | None = None) -> CommitmentState:
    if commitment.status == CommitmentStatus.DROPPED:
        return CommitmentState.DROPPED
    if commitment.status == CommitmentStatus.DONE:
        return CommitmentState.DONE_LATE if commitment.is_late(today) else CommitmentState.DONE
    return CommitmentState.LATE if commitment.is_late(today) else CommitmentState.IN_PROGRESS


def partner_list(*, user, filters: dict | None = None) -> QuerySet[Partner]:
    filters = filters or {}
    qs = Partner.objects.visible_to(user).select_related("community", "service_point", "employer")
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("offers") in OFFER_FIELDS:
        qs = qs.filter(**{OFFER_FIELDS[filters["offers"]]: True})
    today = timezone.localdate()
    if filters.get("state") == "active":
        qs = qs.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
    elif filters.get("state") == "ended":
        qs = qs.filter(ended_on__lt=today)
    if community := parse_pk(filters.get("community")):
        # Partners serving the community, shared ones included.
        qs = qs.filter(pk__in=Partner.objects.filter(communities=community).values("pk"))
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(Q(name__icontains=q) | Q(contact_name__icontains=q) | Q(address__icontains=q))
    return qs.prefetch_related("communities").order_by("name", "pk")


def partner_get(*, user, pk) -> Partner:
    """One partner in scope with its communities; 404 when missing or out of scope alike."""
    return get_visible_or_404(
        Partner.objects.select_related("community", "service_point", "employer").prefetch_related("communities"),
        user,
        pk=pk,
    )


def partner_choices(*, user, current_only: bool = False) -> QuerySet[Partner]:
    """Partners in scope by name; `current_only` leaves out those whose partnership has ended."""
    qs = Partner.objects.visible_to(user)
    if current_only:
        qs = qs.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localdate()))
    return qs.order_by("name")


def partner_led_in_scope(*, user, partner: Partner) -> bool:
    """Whether the partner's lead community lies in the user's area (neighbours
    sharing a partner read it; only the lead community, or an office above it,
    edits it)."""
    return Community.objects.visible_to(user).filter(pk=partner.community_id).exists()


def meeting_get(*, user, pk) -> JointMeeting:
    """One joint meeting in scope with its partners and staff; 404 when missing or out of scope alike."""
    return get_visible_or_404(
        JointMeeting.objects.select_related("community", "recorded_by").prefetch_related("partners", "staff"),
        user,
        pk=pk,
    )


def meeting_choices(*, user) -> QuerySet[JointMeeting]:
    """Joint meetings in scope to choose from."""
    return JointMeeting.objects.visible_to(user)


def meeting_staff_choices(*, user) -> QuerySet[User]:
    """Active staff accounts of the communities the user may see: who may be
    recorded at a meeting."""
    communities = Community.objects.visible_to(user)
    return User.objects.filter(is_active=True, community__in=communities).order_by("community__code", "username")


def commitment_get(*, user, pk) -> Commitment:
    """One commitment in scope with its state; 404 when missing or out of scope alike."""
    return get_visible_or_404(
        with_state(Commitment.objects.select_related("partner__employer", "meeting__community")), user, pk=pk
    )


def partner_meetings(*, user, partner: Partner) -> QuerySet[JointMeeting]:
    return JointMeeting.objects.visible_to(user).filter(partners=partner).select_related("community")


def partner_commitments(*, user, partner: Partner) -> QuerySet[Commitment]:
    return with_state(
        Commitment.objects.visible_to(user).filter(partner=partner).select_related("meeting__community")
    ).order_by("-meeting__held_on", "due_on", "pk")


def meeting_list(*, user, filters: dict | None = None) -> QuerySet[JointMeeting]:
    filters = filters or {}
    qs = JointMeeting.objects.visible_to(user).select_related("community")
    if community := parse_pk(filters.get("community")):
        qs = qs.filter(community=community)
    if filters.get("date_from"):
        qs = qs.filter(held_on__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(held_on__lte=filters["date_to"])
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(Q(topic__icontains=q) | Q(minutes__icontains=q))
    return qs.annotate(
        partner_count=Count("partners", distinct=True), commitment_count=Count("commitments", distinct=True)
    ).order_by("-held_on", "-pk")


def commitment_list(*, user, filters: dict | None = None) -> QuerySet[Commitment]:
    filters = filters or {}
    today = timezone.localdate()
    qs = Commitment.objects.visible_to(user).select_related("partner", "meeting__community")
    if filters.get("state") in CommitmentState.values:
        qs = qs.filter(_state_q(filters["state"], today))
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if partner := parse_pk(filters.get("partner")):
        qs = qs.filter(partner=partner)
    if meeting := parse_pk(filters.get("meeting")):
        qs = qs.filter(meeting=meeting)
    if community := parse_pk(filters.get("community")):
        qs = qs.filter(meeting__community=community)
    if filters.get("q"):
        qs = qs.filter(Q(description__icontains=filters["q"]) | Q(partner__name__icontains=filters["q"]))
    return (
        with_state(qs, today=today)
        .annotate(
            # As services.network.commitments.commitment_hires: hires from the meeting on.
            hires=Count(
                "postings__placements",
                filter=Q(postings__placements__started_on__gte=F("meeting__held_on")),
                distinct=True,
            )
        )
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True)
class CommitmentProgress:
    """What the commitment page shows of the hires that keep a promise."""

    postings: list  # the linked postings, each with `in_scope` and `hire_count`
    hires: list  # the hires the user may see, earliest first
    hire_count: int  # every hire that counts, seen or not

    @property
    def hires_not_listed(self) -> int:
        return self.hire_count - len(self.hires)


def commitment_progress(*, user, commitment: Commitment) -> CommitmentProgress:
    # Every hire counts towards the promise, but the people hired through a
    # partner's employer elsewhere are not this user's to see.
    hires = commitment_hires(commitment)
    listed = list(
        hires.filter(pk__in=jobs_selectors.placement_list(user=user).values("pk")).select_related("resident", "posting")
    )
    visible_postings = set(
        jobs_selectors.posting_list(user=user).filter(commitments=commitment).values_list("pk", flat=True)
    )
    postings = list(
        commitment.postings.select_related("employer", "community").annotate(hire_count=Count("placements"))
    )
    for posting in postings:
        posting.in_scope = posting.pk in visible_postings
    return CommitmentProgress(postings=postings, hires=listed, hire_count=hires.count())
