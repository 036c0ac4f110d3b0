"""The resident's session: who is signed in on /me/, kept apart from staff
accounts (a resident is no Django User and gets no staff permission).

A sign-in method (the text-message code here; an OpenID Connect provider
such as 爱山东 later) proves who the person is and calls
`resident_sign_in(request, resident=…, method=…)`; pages call
`signed_in_resident(request)`. The session ends after IDLE_MINUTES without
a page, after MAX_HOURS whatever happens, and on sign-out.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from stations.audit import audit_record
from stations.models import AuditAction, Resident

RESIDENT_ID = "resident_id"
AUTH_AT = "resident_auth_at"
SEEN_AT = "resident_seen_at"
METHOD = "resident_auth_method"
_KEYS = (RESIDENT_ID, AUTH_AT, SEEN_AT, METHOD)

# A page about one person, often opened on a shared or borrowed phone:
# 15 idle minutes is the usual figure for government self-service pages.
IDLE_MINUTES = 15
MAX_HOURS = 2


def resident_sign_in(request, *, resident: Resident, method: str) -> None:
    """Sign `resident` in on this browser: a new session key (no fixation),
    the time and the method, audited on the resident's record."""
    request.session.cycle_key()
    now = timezone.now().timestamp()
    request.session[RESIDENT_ID] = resident.pk
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now
    request.session[METHOD] = method
    audit_record(
        actor=None, action=AuditAction.LOGIN, obj=resident, request=request, changes={"resident_sign_in": method}
    )


def _clear(request) -> None:
    for key in _KEYS:
        request.session.pop(key, None)


def signed_in_resident(request, *, now: dt.datetime | None = None) -> Resident | None:
    """The resident signed in on this browser, or None (never signed in,
    idle too long, past the longest session, or their record was removed)."""
    resident_id = request.session.get(RESIDENT_ID)
    if resident_id is None:
        return None
    now_ts = (now or timezone.now()).timestamp()
    auth_at = request.session.get(AUTH_AT) or 0
    seen_at = request.session.get(SEEN_AT) or 0
    if now_ts - seen_at > IDLE_MINUTES * 60 or now_ts - auth_at > MAX_HOURS * 3600:
        _clear(request)
        return None
    resident = Resident.objects.active().select_related("community__street").filter(pk=resident_id).first()
    if resident is None:
        _clear(request)
        return None
    request.session[SEEN_AT] = now_ts
    return resident


def resident_sign_out(request) -> None:
    resident_id = request.session.get(RESIDENT_ID)
    _clear(request)
    request.session.cycle_key()
    if resident_id is not None:
        resident = Resident.objects.filter(pk=resident_id).first()
        if resident is not None:
            audit_record(
                actor=None,
                action=AuditAction.LOGOUT,
                obj=resident,
                request=request,
                changes={"resident_sign_out": True},
            )
