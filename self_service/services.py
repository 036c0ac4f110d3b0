"""What a resident does on their own page, and what staff do with it.

Sign-in by code: `sign_in_code_request` and `sign_in_code_verify` answer in
exactly the same way whether or not the number is on a record: a code row
is made either way (for an unknown number it is never sent), the limits per
number and per address count the same, wrong tries lock the number out the
same. Change and data requests wait for the community's staff; confirming a
change goes through stations.services.resident_update (audited there).
docs/residents-own-page.md.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from self_service.models import (
    ChangeRequest,
    DataRequest,
    DataRequestKind,
    DataRequestOutcome,
    SignInCode,
)
from self_service.policy import data_request_days
from self_service.selectors import live_residents_with_mobile
from stations import ratelimit
from stations.audit import audit_record
from stations.messaging.templates import CHANGE_DECLINED, DATA_REQUEST_ANSWERED, SIGN_IN_CODE
from stations.models import AuditAction, Resident, User
from stations.services.common import lock_visible, require
from stations.services.messaging import text_message_queue, text_message_send_requested, text_messages_opt_out
from stations.services.residents import resident_update
from stations.validators import normalize_mobile

CODE_MINUTES = 5
# Asking for codes: a person who mistypes or whose message is slow asks two
# or three times; 5 an hour per number keeps a stranger from flooding a
# phone, 20 an hour per address allows a station's shared connection.
CODES_PER_NUMBER_PER_HOUR = 5
CODES_PER_ADDRESS_PER_HOUR = 20
# Guessing: 5 wrong codes for a number within 15 minutes lock it for the
# rest of those 15 minutes (a guess then succeeds once in 200,000); tries
# per address cap a guesser working through many numbers.
WRONG_TRIES_BEFORE_LOCKOUT = 5
LOCKOUT_MINUTES = 15
TRIES_PER_ADDRESS_PER_HOUR = 60

MASKED_CODE = "••••••"

# What a resident may ask to change: contact details and job wishes
# (the training wish and job direction of the four clears).
CHANGEABLE_FIELDS = (
    "mobile",
    "address",
    "wants_training",
    "wanted_course_types",
    "wanted_occupation",
    "wanted_work_pattern",
    "salary_expectation",
)


class SignInRefused(Exception):
    """A sign-in step refused, with the message the resident reads."""


def code_hash(number: str, code: str) -> str:
    """The code as kept: keyed with SECRET_KEY, so a copy of the database
    alone does not let anyone try the million codes offline."""
    return salted_hmac("self_service.sign_in_code", f"{number}:{code}", algorithm="sha256").hexdigest()


def _is_locked(number: str, now: dt.datetime) -> bool:
    since = now - dt.timedelta(minutes=LOCKOUT_MINUTES)
    wrong = SignInCode.objects.filter(number=number, created_at__gte=since).aggregate(n=Sum("wrong_tries"))["n"]
    return (wrong or 0) >= WRONG_TRIES_BEFORE_LOCKOUT


def _locked_message() -> str:
    return _("Too many wrong codes were typed for this number. Wait %(minutes)d minutes, then ask for a new code.") % {
        "minutes": LOCKOUT_MINUTES
    }


def sign_in_code_request(*, number: str, client: str, now: dt.datetime | None = None) -> str:
    """Make a six-digit code for `number` and send it when the number is on
    a live record; returns the normalised number. Raises ValidationError for
    a number that is no mobile number at all, SignInRefused over a limit or
    during a lockout; otherwise returns the same way for every number."""
    now = now or timezone.now()
    number = normalize_mobile(number)
    by_number = ratelimit.hit(f"me:code:number:{number}", limit=CODES_PER_NUMBER_PER_HOUR, window=3600)
    by_address = ratelimit.hit(f"me:code:address:{client}", limit=CODES_PER_ADDRESS_PER_HOUR, window=3600)
    if not (by_number and by_address):
        raise SignInRefused(
            _("Too many codes were asked for this number or from this connection. Try again in an hour.")
        )
    if _is_locked(number, now):
        raise SignInRefused(_locked_message())
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        # A new code replaces any earlier one: only the latest works.
        SignInCode.objects.filter(number=number, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
        row = SignInCode.objects.create(
            number=number, code_hash=code_hash(number, code), expires_at=now + dt.timedelta(minutes=CODE_MINUTES)
        )
    residents = live_residents_with_mobile(number=number)
    if residents:
        # Sent even without consent to messages and during quiet hours:
        # the resident is waiting for it (rules.REQUESTED_BY_RESIDENT).
        text_message_send_requested(
            number=number,
            resident=residents[0] if len(residents) == 1 else None,
            template=SIGN_IN_CODE,
            params={"code": code},
            recorded_params={"code": MASKED_CODE},
            key=f"self_service.sign_in_code:{row.pk}",
            now=now,
        )
    return number


def sign_in_code_verify(*, number: str, code: str, client: str, now: dt.datetime | None = None) -> list[Resident]:
    """Check the code typed for `number`: right, unexpired and unused, it is
    spent and the live residents with that mobile are returned (usually one;
    several when a household shares a phone). Raises SignInRefused when the
    code is wrong or expired (counted towards the lockout), during a
    lockout, or over the per-address limit."""
    now = now or timezone.now()
    number = normalize_mobile(number)
    code = "".join(str(code).split())
    if not ratelimit.hit(f"me:verify:address:{client}", limit=TRIES_PER_ADDRESS_PER_HOUR, window=3600):
        raise SignInRefused(_("Too many codes were typed from this connection. Try again in an hour."))
    right = False
    with transaction.atomic():
        if _is_locked(number, now):
            raise SignInRefused(_locked_message())
        row = SignInCode.objects.select_for_update().filter(number=number).order_by("-created_at", "-pk").first()
        if row is not None:
            right = (
                row.used_at is None
                and row.expires_at > now
                and len(code) == 6
                and constant_time_compare(row.code_hash, code_hash(number, code))
            )
            if right:
                row.used_at = now
                row.save(update_fields=["used_at"])
            else:
                SignInCode.objects.filter(pk=row.pk).update(wrong_tries=F("wrong_tries") + 1)
    residents = live_residents_with_mobile(number=number)
    if not right or not residents:
        if _is_locked(number, now):
            raise SignInRefused(_locked_message())
        raise SignInRefused(_("This code is wrong or has expired. Check the message, or ask for a new code."))
    return residents


def expired_sign_in_codes_purge(*, now: dt.datetime | None = None) -> int:
    """Codes are kept a day (for the lockout and for questions), then deleted."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=1)
    deleted, _ignored = SignInCode.objects.filter(created_at__lt=cutoff).delete()
    return deleted


# --- changes the resident asks for -------------------------------------------


def _same(old, new) -> bool:
    return old == new or (old in ("", None) and new in ("", None))


@transaction.atomic
def change_request_create(*, resident: Resident, data: dict, request=None) -> ChangeRequest:
    """Record the changes the resident asks for (fields of CHANGEABLE_FIELDS
    whose value differs from the record); nothing on the record changes
    until staff confirm. Raises ValidationError when nothing differs."""
    changes = {}
    for name in CHANGEABLE_FIELDS:
        if name in data and not _same(getattr(resident, name), data[name]):
            changes[name] = [getattr(resident, name), data[name]]
    if not changes:
        raise ValidationError(_("Nothing was changed: change a value before sending."))
    change = ChangeRequest.objects.create(resident=resident, changes=changes)
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        obj=change,
        request=request,
        changes={"asked_by_resident": sorted(changes)},
    )
    return change


def _require_decider(actor: User, change_request: ChangeRequest) -> None:
    """A request outside the actor's area is refused as before it is looked at."""
    require(actor, "self_service.decide_requests")
    if not ChangeRequest.objects.visible_to(actor).filter(pk=change_request.pk).exists():
        raise PermissionDenied("self_service.decide_requests")


def _decided(actor: User, **fields):
    def check(locked: ChangeRequest) -> list[str]:
        locked.decided_by, locked.decided_at = actor, timezone.now()
        for name, value in fields.items():
            setattr(locked, name, value)
        return ["decided_by", "decided_at", *fields]

    return check


_DECIDING = ChangeRequest.objects.select_related("resident")


@transaction.atomic
def change_request_confirm(*, actor: User, change_request: ChangeRequest, request=None) -> ChangeRequest:
    """Apply the asked-for values to the record through resident_update (its
    checks and its audit entry, old → new), then mark the request confirmed."""
    _require_decider(actor, change_request)

    def apply_changes(locked: ChangeRequest) -> None:
        resident_update(
            actor=actor,
            resident=locked.resident,
            data={name: values[1] for name, values in locked.changes.items()},
            request=request,
        )

    return ChangeRequest.workflow.apply(
        queryset=_DECIDING,
        obj=change_request,
        step="confirm",
        actor=actor,
        check=_decided(actor),
        before=apply_changes,
        request=request,
    )


@transaction.atomic
def change_request_decline(*, actor: User, change_request: ChangeRequest, reason: str, request=None) -> ChangeRequest:
    """Decline with a reason the resident reads on their page and by text
    message (if they agreed to messages); the record stays as it was."""
    reason = " ".join(str(reason).split())[:300]
    if not reason:
        raise ValidationError({"reason": _("Say why the change is declined: the resident is told.")})
    _require_decider(actor, change_request)

    def tell_resident(locked: ChangeRequest, previous: str) -> None:
        text_message_queue(
            resident=locked.resident,
            template=CHANGE_DECLINED,
            params={"reason": reason},
            key=f"self_service.change_declined:{locked.pk}",
        )

    return ChangeRequest.workflow.apply(
        queryset=_DECIDING,
        obj=change_request,
        step="decline",
        actor=actor,
        note=reason,
        check=_decided(actor, decision_reason=reason),
        after=tell_resident,
        audit_changes={"reason": reason},
        request=request,
    )


# --- requests about personal data (PIPL arts. 44-47) ------------------------


@transaction.atomic
def data_request_create(*, resident: Resident, kind: str, details: str, request=None) -> DataRequest:
    """A tracked request to correct or delete personal data, due within the
    policy's number of days (self_service.data_request_days)."""
    details = str(details).strip()
    errors = {}
    if kind not in DataRequestKind.values:
        errors["kind"] = _("Choose what you are asking for.")
    if not details:
        errors["details"] = _("Say what should be corrected or deleted.")
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    data_request = DataRequest.objects.create(
        resident=resident, kind=kind, details=details[:1000], due_on=today + dt.timedelta(days=data_request_days(today))
    )
    audit_record(actor=None, action=AuditAction.CREATE, obj=data_request, request=request, changes={"kind": kind})
    return data_request


@transaction.atomic
def data_request_answer(
    *, actor: User, data_request: DataRequest, outcome: str, answer: str, request=None
) -> DataRequest:
    """Answer the request (what was done, or the legal reason for refusing);
    the resident reads it on their page and is told by text message."""
    require(actor, "self_service.decide_requests")
    locked = lock_visible(
        DataRequest,
        actor=actor,
        pk=data_request.pk,
        error=PermissionDenied("self_service.decide_requests"),
        select_related=("resident",),
    )
    if not locked.is_open:
        raise ValidationError(_("This request has been answered already."))
    answer = str(answer).strip()
    errors = {}
    if outcome not in DataRequestOutcome.values:
        errors["outcome"] = _("Choose the outcome.")
    if not answer:
        errors["answer"] = _("Write the answer the resident will read.")
    if errors:
        raise ValidationError(errors)
    locked.outcome, locked.answer = outcome, answer[:1000]
    locked.answered_by, locked.answered_at = actor, timezone.now()
    locked.save(update_fields=["outcome", "answer", "answered_by", "answered_at"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=locked, request=request, changes={"outcome": outcome})
    text_message_queue(
        resident=locked.resident,
        template=DATA_REQUEST_ANSWERED,
        params={"kind": str(DataRequestKind(locked.kind).label)},
        key=f"self_service.data_request_answered:{locked.pk}",
    )
    return locked


def resident_messages_opt_out(*, resident: Resident) -> int:
    """The resident withdraws consent to text messages on their page: at
    once, for their number, through the same service as a 退订 reply."""
    if not resident.mobile:
        raise ValidationError(_("Your record has no mobile number."))
    return text_messages_opt_out(number=resident.mobile, how=_("Withdrawn on the resident's own page"))
