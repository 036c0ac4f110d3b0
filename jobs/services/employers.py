"""Employers and labour surveys. Their Excel import is in employer_imports.py."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.models import Employer, LabourSurvey
from stations import closed_months
from stations.audit import audit_record, field_changes
from stations.models import AuditAction, User
from stations.services.common import require, require_community_in_scope

# The fields staff keep (form and API), in the order the form shows them.
EMPLOYER_FIELDS = (
    "name",
    "credit_code",
    "community",
    "legal_form",
    "industry",
    "size",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
)


def _first_survey(employer_ids) -> dict[int, dt.date]:
    rows = LabourSurvey.objects.filter(employer__in=employer_ids).values("employer").annotate(first=Min("surveyed_on"))
    return {row["employer"]: row["first"] for row in rows.order_by()}


@closed_months.guard(label=gettext_lazy("Save an employer"))
@transaction.atomic
def employer_save(*, actor: User, employer: Employer, request=None) -> Employer:
    """Create or edit an employer in the actor's area; staff saving it marks it checked."""
    require(actor, "jobs.manage_employer")
    require_community_in_scope(actor, employer.community_id and employer.community)
    creating = employer.pk is None
    before = {}
    if not creating:
        old = Employer.objects.visible_to(actor).filter(pk=employer.pk).first()
        if old is None:
            raise ValidationError(_("This employer is outside your area."))
        before = {name: getattr(old, name) for name in EMPLOYER_FIELDS}
        if old.community_id != employer.community_id:
            # Its labour surveys count for its community: they move with it.
            closed_months.touch(
                communities=[old.community_id, employer.community_id], dates=_first_survey([old.pk]).values()
            )
    employer.verified = True
    employer.full_clean()
    employer.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=employer,
        request=request,
        changes={} if creating else field_changes(before, employer, EMPLOYER_FIELDS),
    )
    return employer


@closed_months.guard(label=gettext_lazy("Record a labour survey"))
@transaction.atomic
def labour_survey_save(*, actor: User, survey: LabourSurvey, request=None) -> LabourSurvey:
    require(actor, "jobs.manage_employer")
    if not Employer.objects.visible_to(actor).filter(pk=survey.employer_id).exists():
        raise ValidationError({"employer": _("You can only survey an employer in your own area.")})
    if survey.surveyed_on and survey.surveyed_on > dt.date.today():
        raise ValidationError({"surveyed_on": _("A survey cannot be dated in the future.")})
    if survey.shortage is not None and survey.headcount is not None and survey.shortage > survey.headcount + 10000:
        raise ValidationError({"shortage": _("The shortage is implausibly large.")})
    creating = survey.pk is None
    if creating:
        survey.recorded_by = actor
    # A survey counts for its employer's community in the month of its date;
    # an edit may move it from one date or employer to another.
    stored = LabourSurvey.objects.filter(pk=survey.pk).values("surveyed_on", "employer__community").first()
    closed_months.touch(
        communities=[
            Employer.objects.filter(pk=survey.employer_id).values_list("community_id", flat=True).first(),
            stored and stored["employer__community"],
        ],
        dates=[survey.surveyed_on, stored and stored["surveyed_on"]],
    )
    survey.full_clean()
    survey.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=survey,
        request=request,
        changes={"headcount": survey.headcount, "shortage": survey.shortage},
    )
    return survey
