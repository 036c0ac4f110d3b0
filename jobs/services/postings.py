"""Postings: staff entry, the employers' public form, review, expiry."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.models import Employer, Posting, PostingSource, PostingStatus
from jobs.screening import screen
from stations import closed_months
from stations.audit import audit_record, field_changes
from stations.models import AuditAction, Community, User
from stations.policy import policy_value
from stations.public_cache import public_pages_changed
from stations.services.common import require, require_community_in_scope

POSTING_FIELDS = (
    "employer",
    "community",
    "title",
    "occupation_category",
    "headcount",
    "salary_min",
    "salary_max",
    "work_pattern",
    "work_address",
    "working_hours",
    "description",
    "age_min",
    "age_max",
    "age_limit_reason",
    "education_min",
    "skill_min",
    "requirements",
    "suits_disabled",
    "suits_carers",
    "suits_older",
    "is_public_welfare",
    "is_community_worker",
    "valid_from",
    "valid_until",
    "contact_name",
    "contact_phone",
    "contact_email",
)
EDITABLE_STATUSES = (PostingStatus.DRAFT, PostingStatus.PENDING, PostingStatus.PUBLISHED, PostingStatus.REJECTED)


def _place_and_screen(posting: Posting) -> None:
    community = posting.community
    posting.latitude = float(community.latitude) if community.latitude is not None else None
    posting.longitude = float(community.longitude) if community.longitude is not None else None
    posting.screening_flags = [flag.as_dict() for flag in screen(posting)]
    posting.screened_at = timezone.now()


@closed_months.guard(label=gettext_lazy("Save a job posting"))
@transaction.atomic
def posting_save(*, actor: User, posting: Posting, request=None) -> Posting:
    """Create or edit a posting in the actor's area. It is screened again on every
    save; editing a published posting keeps it published (the flags are shown)."""
    require(actor, "jobs.manage_posting")
    require_community_in_scope(actor, posting.community_id and posting.community)
    if posting.employer_id and not Employer.objects.visible_to(actor).filter(pk=posting.employer_id).exists():
        raise ValidationError({"employer": _("You can only choose an employer in your own area.")})
    creating = posting.pk is None
    before = {}
    if not creating:
        old = Posting.objects.select_for_update().get(pk=posting.pk)
        if old.status not in EDITABLE_STATUSES:
            raise ValidationError(_("A filled or expired posting cannot be edited; copy it into a new one."))
        before = {name: getattr(old, name) for name in POSTING_FIELDS}
        # A published posting counts in the month it was published, for its
        # place of work: its headcount, flags and place are that month's.
        closed_months.touch(communities=[old.community_id, posting.community_id], dates=[old.published_at])
    else:
        posting.created_by = actor
        posting.source = PostingSource.STAFF
    posting.full_clean()
    _place_and_screen(posting)
    posting.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=posting,
        request=request,
        changes={"flags": [f["code"] for f in posting.screening_flags]}
        if creating
        else field_changes(before, posting, POSTING_FIELDS),
    )
    return posting


@transaction.atomic
def posting_submit_public(*, employer: Employer, posting: Posting, request=None) -> Posting:
    """An employer's vacancy from the public form, without an account.

    The employer is matched on its credit code (created, unchecked, if new) and
    the posting waits as pending review in the community's queue.
    """
    employer.full_clean(validate_unique=False)
    existing = Employer.objects.filter(credit_code=employer.credit_code).first()
    if existing is None:
        employer.verified = False
        employer.save()
    else:
        employer = existing
    posting.employer = employer
    posting.status = PostingStatus.PENDING
    posting.source = PostingSource.PUBLIC_FORM
    posting.full_clean()
    _place_and_screen(posting)
    posting.save()
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        obj=posting,
        request=request,
        changes={"source": PostingSource.PUBLIC_FORM, "flags": [f["code"] for f in posting.screening_flags]},
    )
    return posting


def _locked(actor: User, posting: Posting) -> Posting:
    """The posting re-read under a row lock, inside the actor's scope."""
    try:
        return Posting.objects.visible_to(actor).select_for_update(of=("self",)).get(pk=posting.pk)
    except Posting.DoesNotExist:
        raise ValidationError(_("This posting is outside your area.")) from None


@transaction.atomic
def posting_publish(*, actor: User, posting: Posting, note: str = "", request=None) -> Posting:
    """Approve a pending posting or publish a draft directly. A flagged posting
    needs a note saying why it may go out as it is."""
    require(actor, "jobs.review_posting")
    posting = _locked(actor, posting)
    if posting.status not in (PostingStatus.DRAFT, PostingStatus.PENDING, PostingStatus.REJECTED):
        raise ValidationError(_("Only a draft or a posting waiting for review can be published."))
    today = timezone.localdate()
    if posting.valid_until < today:
        raise ValidationError({"valid_until": _("The closing date has passed; move it before publishing.")})
    _place_and_screen(posting)
    if posting.screening_flags and not note.strip():
        raise ValidationError(
            {"note": _("The screening flagged this posting. Edit it, reject it, or say why it may be published.")}
        )
    old_status = posting.status
    now = timezone.now()
    posting.status = PostingStatus.PUBLISHED
    posting.published_at = now
    posting.reviewed_by = actor
    posting.reviewed_at = now
    posting.review_note = note.strip()[:300]
    posting.save(
        update_fields=[
            "status",
            "published_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "screening_flags",
            "screened_at",
            "latitude",
            "longitude",
            "updated_at",
        ]
    )
    if posting.employer.verified is False and posting.employer.community_id in set(
        Community.objects.visible_to(actor).values_list("pk", flat=True)
    ):
        Employer.objects.filter(pk=posting.employer_id).update(verified=True)
        public_pages_changed("jobs")
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=posting,
        request=request,
        changes={"status": [old_status, PostingStatus.PUBLISHED], "note": note},
    )
    return posting


@transaction.atomic
def posting_reject(*, actor: User, posting: Posting, reason: str, request=None) -> Posting:
    require(actor, "jobs.review_posting")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the posting is rejected; the employer will be told.")})
    posting = _locked(actor, posting)
    if posting.status not in (PostingStatus.DRAFT, PostingStatus.PENDING):
        raise ValidationError(_("Only a draft or a posting waiting for review can be rejected."))
    old_status = posting.status
    posting.status = PostingStatus.REJECTED
    posting.review_note = reason.strip()[:300]
    posting.reviewed_by = actor
    posting.reviewed_at = timezone.now()
    posting.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=posting,
        request=request,
        changes={"status": [old_status, PostingStatus.REJECTED], "reason": reason},
    )
    return posting


@transaction.atomic
def posting_mark_filled(*, actor: User, posting: Posting, request=None) -> Posting:
    require(actor, "jobs.manage_posting")
    posting = _locked(actor, posting)
    if posting.status != PostingStatus.PUBLISHED:
        raise ValidationError(_("Only a published posting can be marked filled."))
    posting.status = PostingStatus.FILLED
    posting.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=posting,
        request=request,
        changes={"status": [PostingStatus.PUBLISHED, PostingStatus.FILLED]},
    )
    return posting


@transaction.atomic
def postings_expire(*, today: dt.date | None = None) -> int:
    """Set-based: published postings whose window ended before `today` expire.
    Idempotent; returns how many changed."""
    today = today or timezone.localdate()
    count = Posting.objects.filter(status=PostingStatus.PUBLISHED, valid_until__lt=today).update(
        status=PostingStatus.EXPIRED, updated_at=timezone.now()
    )
    if count:
        public_pages_changed("jobs")
        audit_record(
            actor=None,
            action=AuditAction.UPDATE,
            object_repr="jobs:postings_expire",
            changes={"expired": count, "before": today},
        )
    return count


def postings_remind_expiry(*, today: dt.date | None = None) -> int:
    """E-mail each employer contact once, a few days (policy parameter) before
    a published posting closes. Idempotent via `expiry_reminded_at`."""
    today = today or timezone.localdate()
    days = int(policy_value("jobs.expiry_reminder_days", on=today))
    due = list(
        Posting.objects.filter(
            status=PostingStatus.PUBLISHED,
            valid_until__gte=today,
            valid_until__lte=today + dt.timedelta(days=days),
            expiry_reminded_at__isnull=True,
        )
        .exclude(contact_email="")
        .values_list("pk", "title", "valid_until", "contact_email")
    )
    sent = []
    for pk, title, until, email in due:
        send_mail(
            subject=_("Your vacancy “%(title)s” closes on %(date)s") % {"title": title, "date": until},
            message=_(
                "Your vacancy “%(title)s” will leave the doorstep job market after %(date)s. "
                "If you still need people, ask your community employment station to extend it."
            )
            % {"title": title, "date": until},
            from_email=None,
            recipient_list=[email],
            fail_silently=True,
        )
        sent.append(pk)
    Posting.objects.filter(pk__in=sent).update(expiry_reminded_at=timezone.now())
    return len(sent)
