"""The day-labour corner (零工): odd jobs posted and filled the same day.

A `Gig` is one odd job: what, where, when, how many people and the pay.
People who take odd work say so in a `GigAvailability`; a new gig is offered
to those nearby whose kinds of work fit (`GigOffer`, one per person and gig).
The first to accept take the places (`places_taken` never exceeds `places`:
a constraint, and the accept locks the gig's row); later ones wait and move
up when someone cancels. Residents have no accounts: they act through their
offer's short code (the link in the text message, /g/<code>), and check in and
out by scanning the gig's QR code; the poster has a code of their own.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.models import Community, Resident, TextMessage
from stations.permissions import STAFF_WHO_KEEP_RECORDS
from stations.scoping import ScopedQuerySet, ScopePaths
from stations.workflows import Step, Workflow

from .employers import Employer


def new_token() -> str:
    return secrets.token_urlsafe(24)


# Short codes go into text messages, whose parameters hold 20 characters at
# most (stations.messaging.templates): 10 characters from 31 that cannot be
# misread (no 0/o, 1/l/i) give 31**10 ≈ 8·10**14 codes. With a few thousand
# live codes and wrong guesses limited per address (jobs.views.gigs.codes), guessing
# one is out of reach; the codes of offers and posters share /g/.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class GigKind(models.TextChoices):
    CLEANING = "cleaning", _("Cleaning")
    MOVING = "moving", _("Moving and carrying")
    HOUSEKEEPING = "housekeeping", _("Housekeeping by the hour")
    REPAIRS = "repairs", _("Repairs")
    HARVEST = "harvest", _("Harvest help")
    DELIVERY = "delivery", _("Delivery peaks")
    OTHER = "other", _("Other odd work")


class GigPayUnit(models.TextChoices):
    HOUR = "hour", _("yuan/hour")
    DAY = "day", _("yuan/day")
    PIECE = "piece", _("yuan/piece")


class GigRisk(models.TextChoices):
    """High-risk work needs the matching certificate and is flagged for the station."""

    NONE = "", _("No special risk")
    HEIGHTS = "heights", _("Work at heights")
    ELECTRICAL = "electrical", _("Electrical work")
    HAZARDOUS = "hazardous", _("Hazardous materials")


class GigStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
    BLOCKED = "blocked", _("Blocked by the screening")


S = GigStatus

# The steps station staff take on a whole odd job (a resident's take-up moves
# by the token services, which have no account to give Workflow.apply).
GIG_WORKFLOW = Workflow(
    state_field="status",
    steps=[
        Step("cancel", {S.OPEN, S.FILLED}, S.CANCELLED, _("Cancel the odd job"), roles=STAFF_WHO_KEEP_RECORDS),
        Step("close", {S.OPEN, S.FILLED}, S.DONE, _("Close: the work is done"), roles=STAFF_WHO_KEEP_RECORDS),
    ],
)


class Gig(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="gigs", verbose_name=_("community (place of work)")
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, null=True, blank=True, related_name="gigs", verbose_name=_("employer")
    )
    poster_resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gigs_posted",
        verbose_name=_("household (resident)"),
    )
    poster_name = models.CharField(_("posted by (name)"), max_length=50)
    poster_phone = models.CharField(_("poster's phone"), max_length=20)
    title = models.CharField(_("what the work is"), max_length=100)
    kind = models.CharField(_("kind of work"), max_length=16, choices=GigKind)
    address = models.CharField(_("where"), max_length=200)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    places = models.PositiveSmallIntegerField(_("people needed"), default=1)
    places_taken = models.PositiveSmallIntegerField(default=0, editable=False)
    pay = models.PositiveIntegerField(_("pay"))
    pay_unit = models.CharField(_("pay per"), max_length=8, choices=GigPayUnit, default=GigPayUnit.HOUR)
    bring = models.CharField(_("what to bring"), max_length=200, blank=True)
    description = models.TextField(_("details"), blank=True)
    risk = models.CharField(_("risk"), max_length=12, choices=GigRisk, blank=True, default=GigRisk.NONE)
    certificate = models.CharField(_("certificate required"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=GigStatus, default=GigStatus.OPEN)
    screening_flags = models.JSONField(default=list, blank=True, editable=False)
    screening_blocked = models.BooleanField(default=False, editable=False)
    # The QR code at the place opens /gigs/check/<check_token>/ (a printed
    # code can be long); the poster's link (who is coming, confirm pay, rate),
    # sent by text message, is /g/<poster_token>: a short code.
    check_token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    poster_token = models.CharField(max_length=40, unique=True, default=new_code, editable=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When it was offered to residents: the start of its time to fill.
    posted_at = models.DateTimeField(default=timezone.now, editable=False)
    filled_at = models.DateTimeField(null=True, blank=True, editable=False)

    scope_paths = ScopePaths.via_community("community")
    objects = ScopedQuerySet.as_manager()
    workflow = GIG_WORKFLOW

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("odd job")
        verbose_name_plural = _("odd jobs")
        constraints = [
            models.CheckConstraint(name="gig_places_positive", condition=Q(places__gt=0)),
            models.CheckConstraint(name="gig_places_not_overbooked", condition=Q(places_taken__lte=F("places"))),
            models.CheckConstraint(name="gig_ends_after_start", condition=Q(end_time__gt=F("start_time"))),
            models.CheckConstraint(name="gig_pay_positive", condition=Q(pay__gt=0)),
            models.CheckConstraint(
                name="gig_open_not_blocked", condition=~Q(status="open") | Q(screening_blocked=False)
            ),
            models.CheckConstraint(name="gig_risk_has_certificate", condition=Q(risk="") | ~Q(certificate="")),
        ]
        indexes = [models.Index(fields=["status", "date", "start_time"], name="gig_board")]

    def __str__(self):
        return f"{self.title} · {self.date:%Y-%m-%d} {self.start_time:%H:%M}"

    @property
    def places_left(self) -> int:
        return max(self.places - self.places_taken, 0)

    @property
    def pay_text(self) -> str:
        return f"{self.pay} {self.get_pay_unit_display()}"

    @property
    def screening_notes(self):
        from jobs.screening import describe_all

        return describe_all(self.screening_flags)


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class GigAvailability(models.Model):
    """Which odd work a resident takes, on which weekdays (0 = Monday), how far from home."""

    resident = models.OneToOneField(
        Resident, on_delete=models.PROTECT, related_name="gig_availability", verbose_name=_("resident")
    )
    kinds = models.JSONField(_("kinds of work"), default=list)
    weekdays = models.JSONField(_("days"), default=list)
    max_km = models.PositiveSmallIntegerField(_("how far (km)"), default=3)
    phone = models.CharField(_("phone for offers"), max_length=20, blank=True)
    active = models.BooleanField(_("taking odd work"), default=True)
    # Empty when the resident registered on their own page (/me/): their own
    # wish, saved at once, with no staff member to name.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    scope_paths = ScopePaths.via_community("resident__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("odd-work availability")
        verbose_name_plural = _("odd-work availabilities")

    def __str__(self):
        return str(self.resident)

    @property
    def kinds_text(self) -> str:
        return ", ".join(str(GigKind(k).label) for k in self.kinds or [] if k in GigKind.values)

    @property
    def weekdays_text(self) -> str:
        names = dict(WEEKDAYS)
        return ", ".join(str(names[d]) for d in self.weekdays or [] if d in names)


class OfferState(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    CHECKED_IN = "checked_in", _("Checked in")
    DONE = "done", _("Checked out")


# States that hold one of the gig's places.
HOLDS_PLACE = (OfferState.ACCEPTED, OfferState.CHECKED_IN, OfferState.DONE)


class GigOffer(models.Model):
    """A gig offered to one resident, and what became of it (the take-up)."""

    gig = models.ForeignKey(Gig, on_delete=models.PROTECT, related_name="offers", verbose_name=_("odd job"))
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="gig_offers", verbose_name=_("resident")
    )
    # The short code of the resident's link, /g/<token> (see new_code).
    token = models.CharField(max_length=40, unique=True, default=new_code, editable=False)
    state = models.CharField(_("state"), max_length=12, choices=OfferState, default=OfferState.OFFERED)
    offered_at = models.DateTimeField(auto_now_add=True)
    # The last text message about this offer, as the resident reads it, and
    # its delivery record (queued, sent, or not sent and why).
    message_text = models.CharField(max_length=300, blank=True, editable=False)
    text_message = models.ForeignKey(
        TextMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)
    waiting_since = models.DateTimeField(null=True, blank=True, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True, editable=False)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True, editable=False)
    pay_confirmed = models.PositiveIntegerField(_("pay confirmed (yuan)"), null=True, blank=True, editable=False)
    pay_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    unpaid_reported_at = models.DateTimeField(null=True, blank=True, editable=False)
    unpaid_note = models.CharField(_("not paid: what happened"), max_length=300, blank=True, editable=False)
    # 1-5. The worker's rating of the job, and the poster's of the worker: the
    # latter is about a resident and only station staff see it.
    worker_rating = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    poster_rating = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    scope_paths = ScopePaths.via_community("gig__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["gig", "offered_at", "pk"]
        verbose_name = _("odd-job offer")
        verbose_name_plural = _("odd-job offers")
        constraints = [
            models.UniqueConstraint(fields=["gig", "resident"], name="one_offer_per_gig_and_resident"),
            models.CheckConstraint(
                name="gig_offer_out_after_in",
                condition=Q(checked_out_at__isnull=True)
                | (Q(checked_in_at__isnull=False) & Q(checked_out_at__gte=F("checked_in_at"))),
            ),
            models.CheckConstraint(
                name="gig_offer_ratings_1_to_5",
                condition=(Q(worker_rating__isnull=True) | Q(worker_rating__gte=1, worker_rating__lte=5))
                & (Q(poster_rating__isnull=True) | Q(poster_rating__gte=1, poster_rating__lte=5)),
            ),
        ]
        indexes = [models.Index(fields=["gig", "state"], name="gig_offer_state")]

    def __str__(self):
        return f"{self.resident} → {self.gig.title}"

    @property
    def hours_worked(self) -> float | None:
        if self.checked_in_at and self.checked_out_at:
            return round((self.checked_out_at - self.checked_in_at).total_seconds() / 3600, 2)
        return None


class EmployerGigLink(models.Model):
    """A registered employer's private link for posting odd jobs without a
    staff account (/g/<code>): issued by the station and texted to the
    employer's contact mobile, expiring, revocable. One live link per employer:
    issuing a new one revokes the last. Posts through it are screened and
    flagged as every odd job is."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="gig_links", verbose_name=_("employer")
    )
    code = models.CharField(max_length=16, unique=True, default=new_code, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    text_message = models.ForeignKey(
        TextMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    scope_paths = ScopePaths.via_community("employer__community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("employer's odd-job posting link")
        verbose_name_plural = _("employers' odd-job posting links")

    def __str__(self):
        return f"{self.employer} · {self.expires_at:%Y-%m-%d}"

    def is_live(self, now=None) -> bool:
        return self.revoked_at is None and (now or timezone.now()) < self.expires_at
