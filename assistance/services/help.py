"""Help requests (/assistance/): a resident without an account asks for help,
the community's staff answer, and the answer goes back by text message.

    help_request_submit()  ─ the public form: one row, due in N days (policy)
        ▼
    help_request_answer()  ─ staff: the reply (≤ 20 characters, one template
                              parameter), optionally linked to the resident
                              found by mobile and a 12333 case opened; the
                              reply is queued as a `help_request_answer` text
                              when the resident agreed to one

Limits and the challenge against automated sending are the public view's
(assistance/views/public.py); this module trusts nothing else of it.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.models import AidType, HelpRequest
from assistance.selectors.help import open_case_of
from assistance.services.cases import case_open
from stations.audit import audit_record
from stations.messaging.templates import HELP_REQUEST_ANSWER, PARAM_MAX_LENGTH
from stations.models import AuditAction, Community, Resident, User
from stations.policy import policy_value
from stations.services.common import require
from stations.services.messaging import text_message_queue
from stations.validators import normalize_mobile

ANSWER_DAYS_KEY = "assistance.help_request_answer_days"
ANSWER_DAYS_DEFAULT = 3
# A station phone as people write it: digits, spaces, dashes, an extension.
_PHONE = re.compile(r"^[0-9][0-9 \-()转]{4,19}$")


def help_request_submit(
    *,
    community: Community,
    need: str,
    name: str,
    mobile: str,
    note: str = "",
    text_consent: bool = False,
    request=None,
    now: dt.datetime | None = None,
) -> HelpRequest:
    """Record a resident's request for the community's staff, due in the
    policy's number of days. No account: the audit entry has no actor and
    names no personal data (the row holds it)."""
    now = now or timezone.now()
    try:
        mobile = normalize_mobile(mobile)
    except ValidationError as exc:
        raise ValidationError({"mobile": exc.messages}) from None
    days = policy_value(ANSWER_DAYS_KEY, on=timezone.localdate(now))
    help_request = HelpRequest(
        community=community,
        need=need,
        name=name,
        mobile=mobile,
        note=(note or "").strip(),
        text_consent=bool(text_consent),
        due_on=timezone.localdate(now) + dt.timedelta(days=days),
    )
    help_request.full_clean()
    with transaction.atomic():
        help_request.save()
        audit_record(
            actor=None,
            action=AuditAction.CREATE,
            obj=help_request,
            request=request,
            changes={"need": need, "text_consent": help_request.text_consent},
        )
    return help_request


def _clean_reply(reply: str) -> str:
    reply = " ".join((reply or "").split())
    if not reply:
        raise ValidationError({"reply": _("Write the answer the resident will read.")})
    if len(reply) > PARAM_MAX_LENGTH:
        raise ValidationError(
            {
                "reply": _(
                    "At most %(max)d characters (you wrote %(count)d): the text message carries the answer "
                    "as one part of an approved template."
                )
                % {"max": PARAM_MAX_LENGTH, "count": len(reply)}
            }
        )
    return reply


def _clean_phone(phone: str) -> str:
    phone = " ".join((phone or "").split())
    if not _PHONE.match(phone):
        raise ValidationError({"phone": _("Enter the phone number the resident can call, up to 20 characters.")})
    return phone


def help_request_answer(
    *,
    actor: User,
    help_request: HelpRequest,
    reply: str,
    phone: str,
    resident: Resident | None = None,
    open_case: bool = False,
    request=None,
    now: dt.datetime | None = None,
) -> HelpRequest:
    """Answer a request once, under lock: record the reply, optionally link
    the resident found by the request's mobile (in the actor's scope) and
    open a 12333 case for them (or link the one already open), and queue the
    reply as a text message when the resident agreed to one. A second answer
    (two staff at once) is refused."""
    require(actor, "assistance.answer_help_request")
    now = now or timezone.now()
    reply = _clean_reply(reply)
    phone = _clean_phone(phone)
    if not HelpRequest.objects.visible_to(actor).filter(pk=help_request.pk).exists():
        raise PermissionDenied("help request out of scope")
    answer: dict = {}

    def check(locked: HelpRequest) -> list[str]:
        if resident is not None and not (
            Resident.objects.visible_to(actor).filter(pk=resident.pk, mobile=locked.mobile).exists()
        ):
            raise ValidationError({"resident": _("Choose a resident of your area with the request's mobile number.")})
        if open_case and resident is None:
            raise ValidationError({"open_case": _("Link the request to the resident's record to open a case.")})
        case = None
        if open_case and resident is not None:
            case = open_case_of(resident=resident) or case_open(
                actor=actor, resident=resident, assigned_to=actor, aid_type=AidType.BASIC_SERVICE, request=request
            )
        locked.reply, locked.answered_at, locked.answered_by = reply, now, actor
        locked.resident, locked.case = resident, case
        if locked.text_consent:
            locked.text_message = text_message_queue(
                resident=resident,
                number=locked.mobile,
                template=HELP_REQUEST_ANSWER,
                params={"ref": locked.reference, "reply": reply, "phone": phone},
                key=f"assistance.help_request:{locked.pk}",
                asked_by_recipient=True,  # the consent given with the request
                now=now,
            )
        locked.full_clean(validate_constraints=False)
        answer.update(
            resident=resident.pk if resident else None,
            case=case.pk if case else None,
            text_message=locked.text_message_id,
        )
        return ["reply", "answered_at", "answered_by", "resident", "case", "text_message"]

    return HelpRequest.workflow.apply(
        queryset=HelpRequest.objects,
        obj=help_request,
        step="answer",
        actor=actor,
        check=check,
        audit_changes=answer,
        request=request,
    )
