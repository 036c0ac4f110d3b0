"""Job fairs and residents' sign-ups."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jobs.models import Employer, FairSignUp, JobFair, Posting
from stations.audit import audit_record
from stations.models import AuditAction, User
from stations.services.common import require, require_community_in_scope
from stations.validators import normalize_mobile

# What a fair tells everybody (its public page and the API), in the order shown.
FAIR_PUBLIC_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "online_link",
    "description",
    "employers",
    "postings",
)


@transaction.atomic
def job_fair_save(*, actor: User, fair: JobFair, employers=None, postings=None, request=None) -> JobFair:
    require(actor, "jobs.manage_fair")
    require_community_in_scope(actor, fair.community_id and fair.community)
    if employers is not None:
        visible = set(Employer.objects.visible_to(actor).values_list("pk", flat=True))
        if any(e.pk not in visible for e in employers):
            raise ValidationError({"employers": _("You can only add employers in your own area.")})
    creating = fair.pk is None
    fair.full_clean()
    fair.save()
    if employers is not None:
        fair.employers.set(employers)
    if postings is not None:
        # Any published posting may take part; fairs often gather a whole district.
        fair.postings.set([p for p in postings if isinstance(p, Posting)])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=fair,
        request=request,
        changes={"title": fair.title, "starts_at": fair.starts_at},
    )
    return fair


def fair_signup_create(*, fair: JobFair, name: str, phone: str, request=None) -> FairSignUp:
    """A resident signs up from the public page. Signing up twice with the same
    phone is refused with a message, not an error page."""
    try:
        phone = normalize_mobile(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from None
    if FairSignUp.objects.filter(fair=fair, phone=phone).exists():
        raise ValidationError({"phone": _("This phone number is already signed up for this fair.")})
    signup = FairSignUp(fair=fair, name=name, phone=phone)
    signup.full_clean()
    try:
        with transaction.atomic():
            signup.save()
            audit_record(actor=None, action=AuditAction.CREATE, obj=signup, request=request, object_repr="fair sign-up")
    except IntegrityError:
        raise ValidationError({"phone": _("This phone number is already signed up for this fair.")}) from None
    return signup
