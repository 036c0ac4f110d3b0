"""A registered employer's private link for posting odd jobs: issued (and
texted to its contact) or revoked by the station."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jobs.models import Employer, EmployerGigLink
from stations.audit import audit_record
from stations.messaging import templates as text_templates
from stations.models import AuditAction, User
from stations.services.common import require
from stations.services.messaging import text_message_queue

# How long a link works: long enough for a season's odd jobs, short enough
# that a forgotten one dies (the station issues a new one in a click).
EMPLOYER_LINK_DAYS = 30


@transaction.atomic
def employer_gig_link_issue(
    *, actor: User, employer: Employer, days: int = EMPLOYER_LINK_DAYS, request=None
) -> EmployerGigLink:
    """Issue a registered employer's private link for posting odd jobs and text
    it to the employer's contact mobile (template gig_employer_link; the
    contact asked for it at the station, which the staff member confirms by
    issuing). The employer's earlier live link stops working."""
    require(actor, "jobs.manage_posting")
    if not Employer.objects.visible_to(actor).filter(pk=employer.pk).exists():
        raise PermissionDenied("employer")
    now = timezone.now()
    EmployerGigLink.objects.filter(employer=employer, revoked_at__isnull=True, expires_at__gt=now).update(
        revoked_at=now
    )
    link = EmployerGigLink.objects.create(
        employer=employer, created_by=actor, expires_at=now + dt.timedelta(days=max(1, min(days, 90)))
    )
    link.text_message = text_message_queue(
        resident=None,
        number=employer.contact_phone,
        template=text_templates.GIG_EMPLOYER_LINK,
        params={"employer": employer.name, "until": f"{timezone.localtime(link.expires_at):%m-%d}", "code": link.code},
        key=f"jobs.gig.employer_link:{link.pk}",
        asked_by_recipient=True,
    )
    link.save(update_fields=["text_message"])
    audit_record(actor=actor, action=AuditAction.CREATE, obj=link, request=request, changes={"employer": employer.pk})
    return link


@transaction.atomic
def employer_gig_link_revoke(*, actor: User, employer: Employer, request=None) -> int:
    """Stop the employer's live posting link at once. Returns how many stopped."""
    require(actor, "jobs.manage_posting")
    if not Employer.objects.visible_to(actor).filter(pk=employer.pk).exists():
        raise PermissionDenied("employer")
    now = timezone.now()
    stopped = EmployerGigLink.objects.filter(employer=employer, revoked_at__isnull=True, expires_at__gt=now).update(
        revoked_at=now
    )
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=employer, request=request, changes={"revoked": stopped})
    return stopped
