"""Recommendations through their states, placements, and saved job alerts.

A recommendation writes one entry to the resident's service log (the 12333
ledger counts it) through stations.services.service_record_create; a hire
changes employment status only through resident_employment_status_change.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs import placements
from jobs.geo import bounding_box, haversine_km
from jobs.models import (
    JobAlert,
    JobAlertMatch,
    Placement,
    Posting,
    PostingStatus,
    Recommendation,
    RecommendationState,
    RecommendationTransition,
    monthly_pay,
)
from jobs.models.recommendations import RECOMMENDATION_WORKFLOW
from stations import closed_months
from stations.audit import audit_record
from stations.models import (
    AuditAction,
    EmploymentStatus,
    Resident,
    Role,
    ServiceChannel,
    ServiceKind,
    User,
)
from stations.policy import policy_value
from stations.public_cache import public_pages_changed
from stations.services import (
    NotificationItem,
    notifications_send_bulk,
    resident_employment_status_change,
    service_record_create,
)
from stations.services.common import require


@closed_months.guard(label=gettext_lazy("Recommend a job"))
@transaction.atomic
def recommendation_create(
    *,
    actor: User,
    resident: Resident,
    posting: Posting,
    recommended_on: dt.date | None = None,
    channel: ServiceChannel = ServiceChannel.STATION,
    note: str = "",
    request=None,
) -> Recommendation:
    """Recommend a live posting to a resident in the actor's scope. Writes the
    one service-log entry (job recommendation) that concerns the posting."""
    require(actor, "jobs.recommend")
    recommended_on = recommended_on or timezone.localdate()
    posting = Posting.objects.select_related("employer").get(pk=posting.pk)
    if posting.status != PostingStatus.PUBLISHED or not (posting.valid_from <= recommended_on <= posting.valid_until):
        raise ValidationError({"posting": _("Only a published posting that is open on that date can be recommended.")})
    if Recommendation.objects.filter(resident=resident, posting=posting).exists():
        raise ValidationError({"posting": _("This posting was already recommended to this resident.")})
    recommendation = Recommendation(
        resident=resident, posting=posting, recommended_on=recommended_on, staff=actor, note=note[:300]
    )
    recommendation.full_clean(validate_unique=False)
    closed_months.touch(communities=[resident.community_id], dates=[recommended_on])
    # The service log checks scope and the record_service rule, and refuses removed records.
    service_record_create(
        actor=actor,
        resident=resident,
        kind=ServiceKind.JOB_RECOMMENDATION,
        served_on=recommended_on,
        channel=channel,
        note=note[:500],
        concerns=posting,
        request=request,
    )
    recommendation.save()
    RecommendationTransition.objects.create(
        recommendation=recommendation,
        name="recommend",
        from_state="",
        to_state=RecommendationState.RECOMMENDED,
        user=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=recommendation,
        request=request,
        changes={"posting": posting.pk, "recommended_on": recommended_on},
    )
    return recommendation


@closed_months.guard(label=gettext_lazy("Record a recommendation's outcome"))
@transaction.atomic
def recommendation_transition(
    *,
    actor: User,
    recommendation: Recommendation,
    transition: str,
    reason: str = "",
    note: str = "",
    started_on: dt.date | None = None,
    contract_months: int | None = None,
    request=None,
) -> Recommendation:
    """Take one step of RECOMMENDATION_WORKFLOW, under the row lock so a
    decision happens once. A hire records the placement, updates employment
    status and history and ends the unemployment registration."""
    require(actor, "jobs.recommend")
    step = RECOMMENDATION_WORKFLOW.step(transition)
    rejected = step.target == RecommendationState.REJECTED
    hired = step.target == RecommendationState.HIRED
    reason = reason if rejected else ""

    def check(rec: Recommendation) -> list[str]:
        errors = {}
        if rejected and not reason:
            errors["reason"] = _("Choose the reason.")
        if hired:
            if started_on is None:
                errors["started_on"] = _("Enter the start date.")
            elif started_on > timezone.localdate():
                errors["started_on"] = _("Record the hire on or after the start date.")
            elif started_on < rec.recommended_on:
                errors["started_on"] = _("The start date cannot be before the recommendation.")
            if not contract_months or contract_months < 1:
                errors["contract_months"] = _("Enter the contract length in whole months (at least 1).")
        if errors:
            raise ValidationError(errors)
        if hired:
            # The placement, the move into work and the registration it ends count from the start date.
            closed_months.touch(communities=[rec.resident.community_id], dates=[started_on])
        rec.rejection_reason = reason
        if note:
            rec.note = note[:300]
        # The state goes with the reason for full_clean: a constraint ties a reason to a rejection.
        rec.state = step.target
        rec.full_clean(validate_unique=False)
        return ["rejection_reason", "note"]

    def after(rec: Recommendation, _previous: str) -> None:
        if hired:
            _hire(actor=actor, rec=rec, started_on=started_on, contract_months=contract_months, request=request)

    RECOMMENDATION_WORKFLOW.apply(
        queryset=Recommendation.objects,
        obj=recommendation,
        step=step.name,
        actor=actor,
        note=note,
        check=check,
        after=after,
        event_fields={"reason": reason},
        audit_changes={"reason": reason},
        request=request,
    )
    return recommendation  # apply refreshes it from the database


def _hire(*, actor: User, rec: Recommendation, started_on, contract_months, request) -> None:
    placement = Placement.objects.create(
        resident=rec.resident,
        employer=rec.posting.employer,
        posting=rec.posting,
        recommendation=rec,
        started_on=started_on,
        contract_months=contract_months,
        recorded_by=actor,
    )
    placements.placement_made(placement)
    resident_employment_status_change(
        actor=actor,
        resident=rec.resident,
        status=EmploymentStatus.EMPLOYED,
        changed_on=started_on,
        note=_("Hired: %(posting)s") % {"posting": str(rec.posting)[:150]},
        request=request,
    )
    hires = Placement.objects.filter(posting=rec.posting).count()
    if hires >= rec.posting.headcount and rec.posting.status == PostingStatus.PUBLISHED:
        Posting.objects.filter(pk=rec.posting_id).update(status=PostingStatus.FILLED, updated_at=timezone.now())
        public_pages_changed("jobs")


def recommendations_flag_no_answer(*, today: dt.date | None = None) -> int:
    """Tell the recommending staff member about each recommendation still
    waiting for an answer after N days (policy parameter). One notification per
    recommendation ever (stable dedupe key); set-based."""
    today = today or timezone.localdate()
    days = int(policy_value("jobs.recommendation_answer_days", on=today))
    cutoff = today - dt.timedelta(days=days)
    due = list(
        Recommendation.objects.filter(
            state__in=(RecommendationState.RECOMMENDED, RecommendationState.INTERVIEW),
            recommended_on__lte=cutoff,
            no_answer_flagged_at__isnull=True,
        ).values_list("pk", "staff_id", "resident__name", "posting__title", "recommended_on")
    )
    if not due:
        return 0
    notifications_send_bulk(
        NotificationItem(
            recipient_id=staff_id,
            kind="jobs.recommendation_no_answer",
            message=_("No answer yet on %(posting)s recommended to %(name)s on %(date)s.")
            % {"posting": title, "name": name, "date": on},
            link=reverse("jobs:recommendation_detail", kwargs={"pk": pk}),
            dedupe_key=f"jobs.rec-no-answer:{pk}",
        )
        for pk, staff_id, name, title, on in due
    )
    Recommendation.objects.filter(pk__in=[row[0] for row in due]).update(no_answer_flagged_at=timezone.now())
    return len(due)


@transaction.atomic
def job_alert_save(*, actor: User, alert: JobAlert, request=None) -> JobAlert:
    require(actor, "jobs.manage_alert")
    if not Resident.objects.visible_to(actor).filter(pk=alert.resident_id).exists():
        raise ValidationError({"resident": _("This resident is outside your area.")})
    if alert.email and not alert.email_consent:
        raise ValidationError(
            {"email_consent": _("E-mail alerts need the resident's consent; tick the box or clear the address.")}
        )
    creating = alert.pk is None
    alert.full_clean()
    alert.save()
    audit_record(actor=actor, action=AuditAction.CREATE if creating else AuditAction.UPDATE, obj=alert, request=request)
    return alert


def _alert_matches(alert: JobAlert, live: list[tuple]) -> list[int]:
    box = None
    if alert.near_id and alert.near.latitude is not None:
        lat0, lng0 = float(alert.near.latitude), float(alert.near.longitude)
        box = bounding_box(lat0, lng0, alert.radius_km)
    hits = []
    for pk, category, pattern, monthly_max, lat, lng in live:
        if alert.occupation_category and category != alert.occupation_category:
            continue
        if alert.work_pattern and pattern != alert.work_pattern:
            continue
        if alert.salary_floor and monthly_max < alert.salary_floor:
            continue
        if box is not None:
            if lat is None or not (box[0] <= lat <= box[1] and box[2] <= lng <= box[3]):
                continue
            if haversine_km(lat0, lng0, lat, lng) > alert.radius_km:
                continue
        hits.append(pk)
    return hits


def job_alerts_run(*, today: dt.date | None = None) -> int:
    """Daily: find live postings published since yesterday for every active
    alert, record each (alert, posting) once, tell the community's staff whom
    to call, and e-mail residents who consented. Expired or filled postings
    are never sent: only live ones are considered. Returns matches found."""
    today = today or timezone.localdate()
    since = timezone.now() - dt.timedelta(days=2)
    live = list(
        Posting.objects.live(on=today)
        .filter(published_at__gte=since)
        # The alert's floor is a month's pay: hourly and daily postings compare as a month's.
        .annotate(monthly_max=monthly_pay("salary_max"))
        .values_list("pk", "occupation_category", "work_pattern", "monthly_max", "latitude", "longitude")
    )
    if not live:
        return 0
    alerts = list(
        JobAlert.objects.filter(is_active=True, resident__removed_at__isnull=True).select_related(
            "near", "resident__community"
        )
    )
    new_matches = []
    for alert in alerts:
        new_matches.extend(
            JobAlertMatch(alert=alert, posting_id=pk, found_on=today) for pk in _alert_matches(alert, live)
        )
    JobAlertMatch.objects.bulk_create(new_matches, ignore_conflicts=True)
    todays = list(JobAlertMatch.objects.filter(found_on=today).select_related("alert__resident", "posting"))
    per_community: dict[int, set[int]] = {}
    sent = failed = 0
    for match in todays:
        per_community.setdefault(match.alert.resident.community_id, set()).add(match.alert.resident_id)
        alert = match.alert
        if (
            alert.email
            and alert.email_consent
            and match.emailed_at is None
            and match.posting.status == PostingStatus.PUBLISHED
        ):
            if _alert_email_send(match):
                sent += 1
            else:
                failed += 1
    _alert_text_messages(todays, today)
    staff = User.objects.filter(role=Role.COMMUNITY_STAFF, is_active=True, community_id__in=per_community).values_list(
        "pk", "community_id"
    )
    # Through the notification service, like every other staff to-do: the
    # digest also goes by the channels each clerk has (e-mail, text).
    notifications_send_bulk(
        NotificationItem(
            recipient_id=user_pk,
            kind="jobs.alert_digest",
            message=_("%(n)d residents have new jobs matching their saved searches today: call them.")
            % {"n": len(per_community[community_id])},
            link=reverse("jobs:alert_matches") + f"?day={today.isoformat()}",
            dedupe_key=f"jobs.alert-digest:{user_pk}:{today.isoformat()}",
        )
        for user_pk, community_id in staff
    )
    if failed:
        from stations.background import DeliveryFailed

        raise DeliveryFailed(f"{failed} of {failed + sent} job alert e-mails were not sent")
    return len(new_matches)


def _alert_text_messages(matches: list[JobAlertMatch], today: dt.date) -> None:
    """One text message a day to each resident with new matches (the first
    published posting), if they agreed to text messages; the daily cap and
    quiet hours apply (stations.services.messaging). Once per resident and day."""
    from stations.messaging.templates import JOB_ALERT
    from stations.services.messaging import text_message_queue

    first: dict[int, JobAlertMatch] = {}
    for match in sorted(matches, key=lambda m: m.pk):
        if match.posting.status == PostingStatus.PUBLISHED and match.alert.is_active:
            first.setdefault(match.alert.resident_id, match)
    for resident_id, match in first.items():
        with translation.override(settings.LANGUAGE_CODE):
            pay = match.posting.pay_text
        text_message_queue(
            resident=match.alert.resident,
            template=JOB_ALERT,
            params={"title": match.posting.title, "pay": pay},
            key=f"jobs.alert:{resident_id}:{today.isoformat()}",
        )


def _alert_email_send(match: JobAlertMatch) -> bool:
    """E-mail one match and record the outcome: `emailed_at` only when it went
    out, otherwise the reason in `email_error` (the task retries it)."""
    from stations.services.background import describe_error
    from stations.services.notifications import email_send, lock_for_sending

    with transaction.atomic():
        if not lock_for_sending(JobAlertMatch.objects.filter(pk=match.pk, emailed_at__isnull=True)).exists():
            return True  # sent by a run at the same time
        posting = match.posting
        try:
            email_send(
                subject=_("New job near you: %(title)s") % {"title": posting.title},
                body=_("%(title)s, %(pay)s. Ask your community employment station for details.")
                % {"title": posting.title, "pay": posting.pay_text},
                to=match.alert.email,
            )
        except Exception as exc:
            JobAlertMatch.objects.filter(pk=match.pk).update(email_error=describe_error(exc)[:300])
            return False
        JobAlertMatch.objects.filter(pk=match.pk).update(emailed_at=timezone.now(), email_error="")
        return True
