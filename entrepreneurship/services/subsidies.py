"""Subsidy applications: apply, move through the declared transitions under
a lock (the event log, the service log, the applicant's text message) and
remind the reviewers of applications waiting for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entrepreneurship.services.businesses import _require_resident_in_scope
from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, Resident, Role, ServiceChannel, ServiceKind, User
from stations.permissions import user_can
from stations.policy import policy_value
from stations.services import NotificationItem, notifications_send_bulk, service_record_create
from stations.services.common import require

from ..eligibility import check_application
from ..models import LIVE_STATUSES, ApplicationStatus, Business, SubsidyApplication, SubsidyKind, Transition
from ..once import lock_slot, require_free_slot, slot_holders, slot_taken_error
from ..subsidy_kinds import policy_amount, spec_for


@transaction.atomic
def subsidy_application_create(
    *,
    actor: User,
    kind: SubsidyKind,
    resident: Resident,
    business: Business | None = None,
    requested_amount: Decimal | None = None,
    employer_name: str = "",
    contract_start: dt.date | None = None,
    contract_months: int | None = None,
    monthly_rent: Decimal | None = None,
    note: str = "",
    request=None,
) -> SubsidyApplication:
    """File a draft application. Where the policy fixes the amount, it is the default request.

    A kind awarded once per person or business is refused here already when a
    live application holds the slot, naming it; submission, approval and
    payment check again under lock."""
    require(actor, "entrepreneurship.file_application")
    _require_resident_in_scope(actor, resident)
    if business is not None and not Business.objects.visible_to(actor).filter(pk=business.pk).exists():
        raise ValidationError({"business": _("Choose a business registered in your area.")})
    today = timezone.localdate()
    if requested_amount is None:
        requested_amount = policy_amount(kind, business_kind=business.kind if business else None, on=today)
    if requested_amount is None:
        raise ValidationError({"requested_amount": _("Enter the amount requested.")})
    application = SubsidyApplication(
        kind=kind,
        community=resident.community,
        resident=resident,
        business=business,
        requested_amount=requested_amount,
        employer_name=employer_name,
        contract_start=contract_start,
        contract_months=contract_months,
        monthly_rent=monthly_rent,
        note=note,
        created_by=actor,
    )
    application.full_clean()
    require_free_slot(application)
    application.save()
    application.eligibility = [c.as_dict() for c in check_application(application, on=today)]
    application.save(update_fields=["eligibility"])
    audit_record(actor=actor, action=AuditAction.CREATE, obj=application, request=request)
    return application


# Named by its path before services became a package: stored corrections replay it by this name.
@closed_months.guard(
    label=gettext_lazy("Move a subsidy application on"), name="entrepreneurship.services.subsidy_application_transition"
)
@transaction.atomic
def subsidy_application_transition(
    *,
    actor: User,
    application: SubsidyApplication,
    transition: Transition,
    note: str = "",
    approved_amount: Decimal | None = None,
    rejection_reason: str = "",
    paid_on: dt.date | None = None,
    payment_reference: str = "",
    request=None,
) -> SubsidyApplication:
    """Move an application one step along its workflow.

    The row is locked first and its state re-read, so of two reviewers acting
    at once the second sees the first's decision and is refused. A step into a
    live state (submit, street check, approve, pay) also locks the person and
    business the once-only rule is about and is refused, naming the earlier
    application, while another one holds the slot at that stage or further
    (see `once.slot_holders`).
    """
    workflow = SubsidyApplication.workflow
    step = workflow.step(transition)
    if not step.open_to(actor):
        raise PermissionDenied(f"entrepreneurship.{transition}")
    # Another area's application is forbidden, not merely refused; apply
    # re-checks the scope under the lock.
    if not SubsidyApplication.objects.visible_to(actor).filter(pk=application.pk).exists():
        raise PermissionDenied("application out of scope")
    today = timezone.localdate()

    def check(locked) -> list[str]:
        fields = []
        if step.target in LIVE_STATUSES:
            lock_slot(locked)
            require_free_slot(locked, reaching=step.target)
            if locked.status not in LIVE_STATUSES and locked.legacy_duplicate:
                # Back from a draft, it is a new submission under the rule: the
                # per-person constraint covers it again.
                locked.legacy_duplicate = False
                fields.append("legacy_duplicate")
        fields += _STEP_RULES.get(step.name, _no_rule)(
            locked,
            today=today,
            approved_amount=approved_amount,
            rejection_reason=rejection_reason,
            paid_on=paid_on,
            payment_reference=payment_reference,
        )
        if note:
            locked.decision_note = note[:500]
            fields.append("decision_note")
        return fields

    def after(locked, previous: str) -> None:
        if step.name in (Transition.APPROVE, Transition.REJECT):
            _decision_text_message(locked, Transition(step.name))
        if step.name == Transition.SUBMIT and user_can(actor, "stations.record_service"):
            service_record_create(
                actor=actor,
                resident=locked.resident,
                kind=ServiceKind.SUBSIDY_CLAIM,
                served_on=today,
                channel=ServiceChannel.STATION,
                note=locked.get_kind_display(),
                concerns=locked,
            )

    workflow.apply(
        queryset=SubsidyApplication.objects,
        obj=application,
        step=step.name,
        actor=actor,
        note=note,
        check=check,
        after=after,
        conflict_error=_slot_conflict,
        request=request,
    )
    return application  # apply refreshes it from the database


def _no_rule(locked: SubsidyApplication, **_kwargs) -> list[str]:
    return []


def _submit(locked: SubsidyApplication, *, today: dt.date, **_kwargs) -> list[str]:
    """Every eligibility check passes, as recorded on the application."""
    checks = check_application(locked, on=today)
    locked.eligibility = [c.as_dict() for c in checks]
    failed = [c.message for c in checks if not c.passed]
    if failed:
        locked.save(update_fields=["eligibility"])
        failed_rules = ",".join(c.rule for c in checks if not c.passed)
        raise ValidationError([ValidationError(m, code=failed_rules) for m in failed])
    locked.submitted_at = timezone.now()
    return ["eligibility", "submitted_at"]


def _approve(locked: SubsidyApplication, *, today: dt.date, approved_amount: Decimal | None, **_kwargs) -> list[str]:
    """An amount within the kind's standard or ceiling on the day, kept with the figures applied."""
    spec = spec_for(locked.kind)
    standard = spec.standard_amount(business_kind=locked.business.kind if locked.business else None, on=today)
    ceiling = spec.ceiling_amount(on=today)
    amount = approved_amount if approved_amount is not None else locked.requested_amount
    if amount is None or amount <= 0:
        raise ValidationError({"approved_amount": _("Enter the amount approved.")})
    limit = standard if standard is not None else ceiling
    if limit is not None and amount > limit:
        raise ValidationError({"approved_amount": _("The policy allows at most %(limit)s yuan.") % {"limit": limit}})
    locked.approved_amount = amount
    locked.policy_snapshot = {
        "on": today.isoformat(),
        "standard": str(standard) if standard is not None else None,
        "ceiling": str(ceiling) if ceiling is not None else None,
    }
    return ["approved_amount", "policy_snapshot"]


def _reject(locked: SubsidyApplication, *, rejection_reason: str, **_kwargs) -> list[str]:
    if not rejection_reason:
        raise ValidationError({"rejection_reason": _("Choose the reason for rejecting.")})
    locked.rejection_reason = rejection_reason
    return ["rejection_reason"]


def _pay(
    locked: SubsidyApplication, *, today: dt.date, paid_on: dt.date | None, payment_reference: str, **_kwargs
) -> list[str]:
    errors = {}
    if not paid_on:
        errors["paid_on"] = [_("Enter the payment date.")]
    elif paid_on > today:
        errors["paid_on"] = [_("The payment date cannot be in the future.")]
    if not payment_reference.strip():
        errors["payment_reference"] = [_("Enter the payment reference.")]
    if errors:
        raise ValidationError(errors)
    assert paid_on is not None
    # A payment counts in the month of its payment date.
    closed_months.touch(communities=[locked.community_id], dates=[paid_on])
    locked.paid_on = paid_on
    locked.payment_reference = payment_reference.strip()
    return ["paid_on", "payment_reference"]


# What each step needs beyond the state change, checked under the row's lock.
_STEP_RULES: dict[str, Callable[..., list[str]]] = {
    Transition.SUBMIT: _submit,
    Transition.APPROVE: _approve,
    Transition.REJECT: _reject,
    Transition.PAY: _pay,
}


def _slot_conflict(locked) -> ValidationError:
    """The once-only constraints caught what the locked check could not see
    (a row written outside the services): name the application holding the slot."""
    earlier = slot_holders(locked).first()
    if earlier is not None:
        return slot_taken_error(locked, earlier)
    return ValidationError(_("An application of this kind already exists for this person or business."))


def _decision_text_message(application: SubsidyApplication, transition: Transition) -> None:
    """Tell the applicant the district's decision by text message (if they
    agreed to text messages; stations.services.messaging), once per decision."""
    from django.conf import settings
    from django.utils import translation

    from stations.messaging import templates
    from stations.services.messaging import text_message_queue

    if not spec_for(application.kind).resident_applies:
        return  # someone else applied (the employer, for the person hired)
    with translation.override(settings.LANGUAGE_CODE):
        kind = str(application.get_kind_display())
    if transition == Transition.APPROVE:
        template = templates.SUBSIDY_APPROVED
        params = {"kind": kind, "amount": f"{application.approved_amount:,.2f}".rstrip("0").rstrip(".")}
    else:
        template, params = templates.SUBSIDY_REJECTED, {"kind": kind}
    text_message_queue(
        resident=application.resident,
        template=template,
        params=params,
        key=f"entrepreneurship.decision:{application.pk}:{transition}:{application.status_changed_at.isoformat()}",
    )


def subsidy_reviewers_remind(*, today: dt.date | None = None) -> int:
    """Tell reviewers about applications waiting for them longer than the
    policy's reminder days: the street for submitted ones, the district for
    checked (to decide) and approved (to pay) ones. Set-based and idempotent:
    one notification per application, step and reviewer."""
    today = today or timezone.localdate()
    days = int(policy_value("entrepreneurship.review_reminder_days", on=today))
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time.max))
    waiting = list(
        SubsidyApplication.objects.filter(
            status__in=(ApplicationStatus.SUBMITTED, ApplicationStatus.STREET_CHECKED, ApplicationStatus.APPROVED),
            status_changed_at__lte=cutoff,
        )
        .annotate(street_id=F("community__street_id"), district_id=F("community__street__district_id"))
        .values("pk", "kind", "status", "street_id", "district_id", "status_changed_at")
    )
    if not waiting:
        return 0
    reviewers = User.objects.filter(is_active=True).filter(
        Q(role=Role.STREET_OFFICER, street_id__in={w["street_id"] for w in waiting})
        | Q(role=Role.DISTRICT_BUREAU, district_id__in={w["district_id"] for w in waiting})
    )
    by_street, by_district = {}, {}
    for user_id, role, street_id, district_id in reviewers.values_list("pk", "role", "street_id", "district_id"):
        (
            by_street.setdefault(street_id, [])
            if role == Role.STREET_OFFICER
            else by_district.setdefault(district_id, [])
        ).append(user_id)
    items = []
    for w in waiting:
        recipients = (
            by_street.get(w["street_id"], [])
            if w["status"] == ApplicationStatus.SUBMITTED
            else by_district.get(w["district_id"], [])
        )
        waited = (today - timezone.localtime(w["status_changed_at"]).date()).days
        for user_id in recipients:
            items.append(
                NotificationItem(
                    recipient_id=user_id,
                    kind="subsidy_review",
                    message=_("A %(kind)s application has waited %(days)d days for you (%(status)s).")
                    % {
                        "kind": SubsidyKind(w["kind"]).label,
                        "days": waited,
                        "status": ApplicationStatus(w["status"]).label,
                    },
                    link=f"/staff/startup/applications/{w['pk']}/",
                    dedupe_key=f"subsidy-review:{w['pk']}:{w['status']}:{user_id}",
                )
            )
    return notifications_send_bulk(items)
