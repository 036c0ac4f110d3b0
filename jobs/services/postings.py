"""Postings: staff entry, the employers' public form, review, expiry."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.models import Employer, Posting, PostingSource, PostingStatus
from jobs.screening import describe_all, minimum_pay, minimum_wages, screen
from jobs.selectors import posting_site_choices
from stations import closed_months
from stations.audit import audit_record, field_changes
from stations.models import AuditAction, Community, User
from stations.policy import policy_value
from stations.public_cache import public_pages_changed
from stations.services.common import require, require_community_in_scope

# What whoever offers the job fills in (an employer on the public form, or
# staff), in the order the forms show it.
POSTING_OFFER_FIELDS = (
    "title",
    "occupation_category",
    "community",
    "work_address",
    "headcount",
    "salary_min",
    "salary_max",
    "pay_unit",
    "work_pattern",
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
    "valid_from",
    "valid_until",
    "contact_name",
    "contact_phone",
    "contact_email",
)
# Staff also choose the employer and mark the posting's programme: the fields
# the staff form and the API write, and the audit log compares.
POSTING_FIELDS = ("employer", *POSTING_OFFER_FIELDS, "related_site", "is_public_welfare", "is_community_worker")
EDITABLE_STATUSES = (PostingStatus.DRAFT, PostingStatus.PENDING, PostingStatus.PUBLISHED, PostingStatus.REJECTED)


def _place_and_screen(posting: Posting) -> None:
    community = posting.community
    posting.latitude = float(community.latitude) if community.latitude is not None else None
    posting.longitude = float(community.longitude) if community.longitude is not None else None
    flags = screen(posting)
    posting.screening_flags = [flag.as_dict() for flag in flags]
    posting.screening_blocked = any(flag.blocking for flag in flags)
    posting.screened_at = timezone.now()


def _blocked_error(posting: Posting, *, fields: bool) -> ValidationError:
    """What the law forbids in the posting, each beside its field (`fields`)
    or as a list for a page without the form."""
    notes = [note for note in describe_all(posting.screening_flags) if note.blocking]
    if fields:
        errors: dict[str, list] = {}
        for note in notes:
            errors.setdefault(note.field or "__all__", []).append(ValidationError(note.message, code=note.code))
        return ValidationError(errors)
    intro = _("The law forbids what the screening found, so nobody can publish this posting until it is changed:")
    return ValidationError(
        [ValidationError(intro, code="blocked")] + [ValidationError(n.message, code=n.code) for n in notes]
    )


@closed_months.guard(label=gettext_lazy("Save a job posting"))
@transaction.atomic
def posting_save(*, actor: User, posting: Posting, request=None) -> Posting:
    """Create or edit a posting in the actor's area. It is screened again on every
    save. A draft, pending or rejected posting is saved with its flags, to be
    fixed before publication; an edit that would leave a published posting
    with a blocking flag is refused (the form keeps what was typed). A
    published posting edited into something that needs a reviewer's reason
    stays published with its flags shown."""
    require(actor, "jobs.manage_posting")
    require_community_in_scope(actor, posting.community_id and posting.community)
    if posting.employer_id and not Employer.objects.visible_to(actor).filter(pk=posting.employer_id).exists():
        raise ValidationError({"employer": _("You can only choose an employer in your own area.")})
    if posting.related_site_id and not posting_site_choices(user=actor).filter(pk=posting.related_site_id).exists():
        raise ValidationError({"related_site": _("Choose a site in your own area where the work is done.")})
    creating = posting.pk is None
    before, flags_before = {}, []
    if not creating:
        old = Posting.objects.select_for_update().get(pk=posting.pk)
        if old.status not in EDITABLE_STATUSES:
            raise ValidationError(_("A filled or expired posting cannot be edited; copy it into a new one."))
        before = {name: getattr(old, name) for name in POSTING_FIELDS}
        flags_before = [f.get("code") for f in old.screening_flags if isinstance(f, dict)]
        # A published posting counts in the month it was published, for its
        # place of work: its headcount, flags and place are that month's.
        closed_months.touch(communities=[old.community_id, posting.community_id], dates=[old.published_at])
    else:
        posting.created_by = actor
        posting.source = PostingSource.STAFF
    posting.full_clean()
    _place_and_screen(posting)
    if posting.status == PostingStatus.PUBLISHED and posting.screening_blocked:
        raise _blocked_error(posting, fields=True)
    posting.save()
    flags = [f["code"] for f in posting.screening_flags]
    changes = {} if creating else field_changes(before, posting, POSTING_FIELDS)
    if creating or flags != flags_before:
        changes["flags"] = flags
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=posting,
        request=request,
        changes=changes,
    )
    return posting


@transaction.atomic
def posting_submit_public(*, employer: Employer, posting: Posting, request=None) -> Posting:
    """An employer's vacancy from the public form, without an account.

    The employer is matched on its credit code (created, unchecked, if new) and
    the posting waits as pending review in the community's queue. What the
    law forbids is refused here already, beside the field that says it, so the
    employer can correct it; judgement calls wait for the reviewer.
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
    if posting.screening_blocked:
        raise _blocked_error(posting, fields=True)
    posting.save()
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        obj=posting,
        request=request,
        changes={"source": PostingSource.PUBLIC_FORM, "flags": [f["code"] for f in posting.screening_flags]},
    )
    return posting


def posting_step(*, actor: User, posting: Posting, step: str, note: str = "", request=None) -> Posting:
    """Take one review step on a posting (`POSTING_WORKFLOW`: publish, reject,
    filled), with the note the step takes (the review note, or the reason for
    rejecting). The one entry point of the staff page and the API."""
    if step == "publish":
        return posting_publish(actor=actor, posting=posting, note=note, request=request)
    if step == "reject":
        return posting_reject(actor=actor, posting=posting, reason=note, request=request)
    if step == "filled":
        return posting_mark_filled(actor=actor, posting=posting, request=request)
    raise ValidationError(_("Unknown step %(name)s.") % {"name": step}, code="unknown_step")


def _apply(*, actor: User, posting: Posting, step: str, request=None, **kwargs) -> Posting:
    """Take `step` under the row lock, inside the actor's scope, with the
    workflow's audit entry."""
    return Posting.workflow.apply(
        queryset=Posting.objects, obj=posting, step=step, actor=actor, request=request, **kwargs
    )


@transaction.atomic
def posting_publish(*, actor: User, posting: Posting, note: str = "", request=None) -> Posting:
    """Approve a pending posting or publish a draft directly, screened again
    with today's minimum wage. A blocking flag (what the law forbids) is
    refused for every role, note or not; an advisory flag (an age limit, a
    health requirement) needs the reviewer's reason, kept as the review note
    and in the audit trail."""
    require(actor, "jobs.review_posting")
    note = note.strip()
    changes: dict = {"note": note}

    def check(locked: Posting) -> list[str]:
        if locked.valid_until < timezone.localdate():
            raise ValidationError({"valid_until": _("The closing date has passed; move it before publishing.")})
        _place_and_screen(locked)
        if locked.screening_blocked:
            raise _blocked_error(locked, fields=False)
        if locked.screening_flags and not note:
            raise ValidationError(
                {
                    "note": _(
                        "The screening raised points that need your judgement: %(points)s. Record why the posting "
                        "may be published as it is, or edit or reject it."
                    )
                    % {"points": "; ".join(n.message for n in describe_all(locked.screening_flags))}
                }
            )
        # The flags the reviewer published despite go into the audit entry.
        changes["flags"] = [f["code"] for f in locked.screening_flags]
        now = timezone.now()
        locked.published_at = now
        locked.reviewed_by = actor
        locked.reviewed_at = now
        locked.review_note = note[:300]
        return [
            "published_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "screening_flags",
            "screening_blocked",
            "screened_at",
            "latitude",
            "longitude",
            "updated_at",
        ]

    def after(locked: Posting, previous: str) -> None:
        employer = locked.employer
        if employer.verified is False and employer.community_id in set(
            Community.objects.visible_to(actor).values_list("pk", flat=True)
        ):
            Employer.objects.filter(pk=employer.pk).update(verified=True)
            public_pages_changed("jobs")

    return _apply(
        actor=actor,
        posting=posting,
        step="publish",
        note=note,
        check=check,
        after=after,
        audit_changes=changes,
        request=request,
    )


@transaction.atomic
def posting_reject(*, actor: User, posting: Posting, reason: str, request=None) -> Posting:
    require(actor, "jobs.review_posting")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the posting is rejected; the employer will be told.")})

    def check(locked: Posting) -> list[str]:
        locked.review_note = reason[:300]
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        return ["review_note", "reviewed_by", "reviewed_at", "updated_at"]

    return _apply(
        actor=actor,
        posting=posting,
        step="reject",
        note=reason,
        check=check,
        audit_changes={"reason": reason},
        request=request,
    )


@transaction.atomic
def posting_mark_filled(*, actor: User, posting: Posting, request=None) -> Posting:
    require(actor, "jobs.manage_posting")
    return _apply(actor=actor, posting=posting, step="filled", check=lambda locked: ["updated_at"], request=request)


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


@transaction.atomic
def postings_withdraw_unlawful(*, today: dt.date | None = None) -> int:
    """Daily: a published posting whose pay fell below the minimum wage in
    force today (the city bureau raised it) leaves the public market and goes
    back to the review queue with its flags, one audit entry each. Idempotent;
    returns how many were withdrawn. The text rules only change with a
    release, whose migration screens every posting again."""
    today = today or timezone.localdate()
    monthly, hourly = minimum_wages(today)

    def least(unit, pattern=""):
        return minimum_pay(unit, pattern, monthly=monthly, hourly=hourly)[0]

    below = (
        Q(pay_unit="month", salary_min__lt=least("month"))
        | Q(pay_unit="hour", salary_min__lt=least("hour"))
        | Q(pay_unit="day", work_pattern="full_time", salary_min__lt=least("day", "full_time"))
        | (Q(pay_unit="day", salary_min__lt=least("day")) & ~Q(work_pattern="full_time"))
        | Q(work_pattern="part_time", pay_unit="month")
    )
    withdrawn = 0
    for posting in Posting.objects.filter(below, status=PostingStatus.PUBLISHED).select_for_update(of=("self",)):
        flags = screen(posting, wages=(monthly, hourly))
        if not any(flag.blocking for flag in flags):
            continue
        posting.screening_flags = [flag.as_dict() for flag in flags]
        posting.screening_blocked = True
        posting.screened_at = timezone.now()
        posting.status = PostingStatus.PENDING
        posting.save(update_fields=["screening_flags", "screening_blocked", "screened_at", "status", "updated_at"])
        audit_record(
            actor=None,
            action=AuditAction.UPDATE,
            obj=posting,
            changes={
                "status": [PostingStatus.PUBLISHED, PostingStatus.PENDING],
                "flags": [f["code"] for f in posting.screening_flags],
            },
        )
        withdrawn += 1
    if withdrawn:
        public_pages_changed("jobs")
    return withdrawn


def postings_remind_expiry(*, today: dt.date | None = None) -> int:
    """E-mail each employer contact once, a few days (policy parameter) before
    a published posting closes. Idempotent via `expiry_reminded_at`, which is
    set only when the e-mail went out: a failed send records its reason in
    `expiry_reminder_error`, and DeliveryFailed (raised after every posting
    was tried) makes the task retry it. Returns how many were sent."""
    from stations.background import DeliveryFailed
    from stations.services.background import describe_error
    from stations.services.notifications import email_send, lock_for_sending

    today = today or timezone.localdate()
    days = int(policy_value("jobs.expiry_reminder_days", on=today))
    unsent = Posting.objects.filter(
        status=PostingStatus.PUBLISHED,
        valid_until__gte=today,
        valid_until__lte=today + dt.timedelta(days=days),
        expiry_reminded_at__isnull=True,
    ).exclude(contact_email="")
    sent = failed = 0
    for pk in list(unsent.values_list("pk", flat=True)):
        with transaction.atomic():
            posting = lock_for_sending(unsent.filter(pk=pk)).only("pk", "title", "valid_until", "contact_email").first()
            if posting is None:  # reminded meanwhile, or another run holds it
                continue
            title, until = posting.title, posting.valid_until
            try:
                email_send(
                    subject=_("Your vacancy “%(title)s” closes on %(date)s") % {"title": title, "date": until},
                    body=_(
                        "Your vacancy “%(title)s” will leave the doorstep job market after %(date)s. "
                        "If you still need people, ask your community employment station to extend it."
                    )
                    % {"title": title, "date": until},
                    to=posting.contact_email,
                )
            except Exception as exc:
                failed += 1
                Posting.objects.filter(pk=pk).update(expiry_reminder_error=describe_error(exc)[:300])
            else:
                sent += 1
                Posting.objects.filter(pk=pk).update(expiry_reminded_at=timezone.now(), expiry_reminder_error="")
    if failed:
        raise DeliveryFailed(f"{failed} of {failed + sent} posting expiry reminders were not sent")
    return sent
