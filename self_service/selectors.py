"""Reads of the resident's own page (the signed-in resident's rows only)
and of the staff to-do (scoped to the staff member's node)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from entrepreneurship.models import SubsidyApplication
from jobs.models import Recommendation
from jobs.selectors import gigs as gig_selectors
from self_service.models import ChangeRequest, DataRequest, RequestStatus
from stations.messaging.templates import TEMPLATES
from stations.models import Resident, TextMessage
from stations.scoping import get_visible_or_404
from training.models import Enrolment

# The page lists the latest of each kind; the download has everything.
PAGE_ROWS = 20


def live_residents_with_mobile(*, number: str) -> list[Resident]:
    """The live records with this mobile: whom a code sent to it signs in."""
    return list(Resident.objects.active().filter(mobile=number).select_related("community").order_by("pk"))


def live_residents_with_id_number(*, id_number: str) -> list[Resident]:
    """The live records with this (normalised) ID number: whom an identity
    proven by the province's sign-in is. One at most, save a pair still
    waiting to be merged (`shares_id_number`)."""
    return list(Resident.objects.active().filter(id_number=id_number).select_related("community").order_by("pk"))


def resident_overview(*, resident: Resident) -> dict:
    """What the page shows about the signed-in resident: only rows of their
    own record, never another's (no staff scope applies to a resident)."""
    return {
        "services": list(resident.services.order_by("-served_on", "-pk")[:PAGE_ROWS]),
        "recommendations": list(
            Recommendation.objects.filter(resident=resident)
            .select_related("posting__employer")
            .order_by("-recommended_on", "-pk")[:PAGE_ROWS]
        ),
        "enrolments": list(
            Enrolment.objects.filter(resident=resident)
            .select_related("training_class__course")
            .order_by("-enrolled_on", "-pk")[:PAGE_ROWS]
        ),
        "applications": list(SubsidyApplication.objects.filter(resident=resident).order_by("-pk")[:PAGE_ROWS]),
        "messages_sent": _with_text(
            TextMessage.objects.filter(resident=resident).order_by("-created_at", "-pk")[:PAGE_ROWS]
        ),
        "change_requests": list(ChangeRequest.objects.filter(resident=resident).order_by("-created_at", "-pk")[:10]),
        "data_requests": list(DataRequest.objects.filter(resident=resident).order_by("-created_at", "-pk")[:10]),
        **resident_odd_work(resident=resident),
    }


def resident_odd_work(*, resident: Resident) -> dict:
    """The resident's odd work (零工): their availability, the jobs offered to
    them, and the jobs they posted for their household. Their own rows only."""
    return {
        "gig_availability": gig_selectors.own_availability(resident=resident),
        "gig_offers": gig_selectors.own_offers(resident=resident),
        "gigs_posted": gig_selectors.own_gigs_posted(resident=resident),
    }


def gig_offer_count(*, gig) -> int:
    """How many residents a job just posted was offered to (the poster is told)."""
    return gig.offers.count()


def household_gig_communities(*, resident: Resident):
    """Where the resident may post an odd job: the communities of their street."""
    return gig_selectors.street_communities(community=resident.community)


def _with_text(messages) -> list[TextMessage]:
    """Each message with the text it carried, in the reader's language."""
    language = get_language() or "zh-hans"
    rows = list(messages)
    for message in rows:
        template = TEMPLATES.get(message.template)
        message.text = template.render(message.params, language=language) if template else message.template
    return rows


def _date(value) -> str | None:
    return value.isoformat() if value else None


def resident_data_copy(*, resident: Resident) -> dict:
    """A copy of everything the portal keeps about the resident (PIPL art.
    45): the record with its identifiers in full (it is their own), and
    every service, recommendation, class, application, message and request."""
    from self_service.services import CHANGEABLE_FIELDS  # the same field list the page offers

    record_fields = (
        "name",
        "id_number",
        "birth_date",
        "sex",
        "address",
        "education",
        "is_graduate",
        "graduation_school",
        "employment_status",
        "skill_level",
        "skills",
        "wanted_job_categories",
        "registered_on",
        "text_consent",
        *CHANGEABLE_FIELDS,
    )
    record = {}
    for name in dict.fromkeys(record_fields):
        value = getattr(resident, name)
        record[name] = value.isoformat() if isinstance(value, dt.date) else value
    record["community"] = resident.community.name
    record["target_groups"] = [str(g) for g in resident.target_groups.all()]
    return {
        "made_at": timezone.now().isoformat(timespec="seconds"),
        "record": record,
        "services": [
            {
                "date": _date(s.served_on),
                "service": s.get_kind_display(),
                "channel": s.get_channel_display(),
                "note": s.note,
            }
            for s in resident.services.order_by("served_on", "pk")
        ],
        "job_recommendations": [
            {
                "date": _date(r.recommended_on),
                "job": r.posting.title,
                "employer": r.posting.employer.name,
                "outcome": r.get_state_display(),
            }
            for r in Recommendation.objects.filter(resident=resident).select_related("posting__employer").order_by("pk")
        ],
        "training": [
            {
                "class": e.training_class.title,
                "course": e.training_class.course.name,
                "enrolled_on": _date(e.enrolled_on),
                "status": e.get_status_display(),
                "completed_on": _date(e.completed_on),
                "certificate": e.certificate_number,
            }
            for e in Enrolment.objects.filter(resident=resident).select_related("training_class__course").order_by("pk")
        ],
        "subsidy_applications": [
            {
                "subsidy": a.get_kind_display(),
                "status": a.get_status_display(),
                "amount_requested": str(a.requested_amount),
            }
            for a in SubsidyApplication.objects.filter(resident=resident).order_by("pk")
        ],
        "text_messages": [
            {
                "queued_at": m.created_at.isoformat(timespec="seconds"),
                "template": m.template,
                "status": m.get_status_display(),
            }
            for m in TextMessage.objects.filter(resident=resident).order_by("pk")
        ],
        "change_requests": [
            {
                "asked_at": c.created_at.isoformat(timespec="seconds"),
                "changes": c.changes,
                "status": c.get_status_display(),
                "reason": c.decision_reason,
            }
            for c in ChangeRequest.objects.filter(resident=resident).order_by("pk")
        ],
        "data_requests": [
            {
                "asked_at": d.created_at.isoformat(timespec="seconds"),
                "request": d.get_kind_display(),
                "details": d.details,
                "due_on": _date(d.due_on),
                "answer": d.answer,
            }
            for d in DataRequest.objects.filter(resident=resident).order_by("pk")
        ],
        "odd_work": _odd_work_copy(resident),
    }


def _odd_work_copy(resident: Resident) -> dict:
    availability = gig_selectors.own_availability(resident=resident)
    return {
        "availability": availability
        and {
            "taking_odd_work": availability.active,
            "kinds": availability.kinds_text,
            "days": availability.weekdays_text,
            "max_km": availability.max_km,
        },
        "offers": [
            {
                "job": o.gig.title,
                "date": _date(o.gig.date),
                "state": o.get_state_display(),
                "checked_in": o.checked_in_at and o.checked_in_at.isoformat(timespec="minutes"),
                "checked_out": o.checked_out_at and o.checked_out_at.isoformat(timespec="minutes"),
                "pay_confirmed": o.pay_confirmed,
                "not_paid_reported": o.unpaid_reported_at is not None,
            }
            for o in reversed(gig_selectors.own_offers(resident=resident, limit=None))
        ],
        "jobs_posted": [
            {"job": g.title, "date": _date(g.date), "places": g.places, "status": g.get_status_display()}
            for g in reversed(gig_selectors.own_gigs_posted(resident=resident, limit=None))
        ],
    }


# --- staff --------------------------------------------------------------------


def change_request_list(*, user, pending: bool = True) -> QuerySet[ChangeRequest]:
    rows = ChangeRequest.objects.visible_to(user).select_related("resident__community", "decided_by")
    if pending:
        return rows.filter(status=RequestStatus.PENDING).order_by("created_at", "pk")
    return rows.exclude(status=RequestStatus.PENDING).order_by("-decided_at", "-pk")


def change_request_get(*, user, pk: int) -> ChangeRequest:
    """404 for a missing request and one outside the user's area alike."""
    return get_visible_or_404(ChangeRequest.objects.select_related("resident"), user, pk=pk)


def data_request_list(*, user, open_only: bool = True) -> QuerySet[DataRequest]:
    rows = DataRequest.objects.visible_to(user).select_related("resident__community", "answered_by")
    if open_only:
        return rows.filter(answered_at__isnull=True).order_by("due_on", "pk")
    return rows.filter(answered_at__isnull=False).order_by("-answered_at", "-pk")


def data_request_get(*, user, pk: int) -> DataRequest:
    return get_visible_or_404(DataRequest.objects.select_related("resident"), user, pk=pk)


def todo_counts(*, user, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    open_requests = data_request_list(user=user)
    return {
        "changes": change_request_list(user=user).count(),
        "data_requests": open_requests.count(),
        "overdue": open_requests.filter(due_on__lt=today).count(),
    }
