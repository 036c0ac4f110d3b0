"""Building progress workbooks: asked for in the browser, by the monthly
schedule, or from the shell. Long builds run in Celery and record progress."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.audit import audit_record
from stations.models import AuditAction, Community, District, User
from stations.permissions import user_can

from .assemble import build_table
from .comparison import build_comparison
from .models import ReportOrigin, ReportRequest, ReportStatus, SatisfactionResponse
from .nodes import Node, node_visible_to, parse_node
from .periods import parse_period, previous_month
from .workbook import write_workbook

log = logging.getLogger(__name__)


def _node_fields(node: Node) -> dict:
    district = street = community = None
    if node.level == "district":
        district = node.obj
    elif node.level == "street":
        street, district = node.obj, node.obj.district
    elif node.level == "community":
        community, street, district = node.obj, node.obj.street, node.obj.street.district
    return {
        "node_code": node.code,
        "node_name": node.name,
        "district": district,
        "street": street,
        "community": community,
    }


def workbook_bytes(*, node_code: str, period_text: str) -> bytes:
    """Build a workbook synchronously (the shell command and tests use this)."""
    node, period = parse_node(node_code), parse_period(period_text)
    return write_workbook(build_table(node, period), comparison=build_comparison(node, period))


@transaction.atomic
def report_request_create(*, actor: User, node_code: str, period_text: str, request=None) -> ReportRequest:
    """Queue a workbook for a node inside the actor's scope; a worker builds it."""
    if not user_can(actor, "reports.build"):
        raise PermissionDenied("reports.build")
    errors = {}
    try:
        node = parse_node(node_code)
    except ValidationError as exc:
        errors["node"] = exc.messages
    try:
        period = parse_period(period_text)
    except ValidationError as exc:
        errors["period"] = exc.messages
    if errors:
        raise ValidationError(errors)
    if not node_visible_to(actor, node):
        raise ValidationError({"node": _("You can only build reports for your own area.")})
    report = ReportRequest.objects.create(
        **_node_fields(node),
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        origin=ReportOrigin.REQUEST,
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=report,
        request=request,
        changes={"node": node.code, "period": period.label},
    )
    report_queue(report=report)
    return report


def report_queue(*, report: ReportRequest) -> None:
    """Hand the workbook to a worker once the caller's transaction commits."""
    from stations.services.background import task_hand_off

    task_hand_off(task="reports.tasks.build_report", key=report.handoff_key, kwargs={"report_id": report.pk})


@transaction.atomic
def report_retry(*, actor: User, report: ReportRequest, request=None) -> ReportRequest:
    """Ask again for a workbook whose build failed."""
    if not user_can(actor, "reports.build"):
        raise PermissionDenied("reports.build")
    locked = ReportRequest.objects.visible_to(actor).select_for_update().filter(pk=report.pk).first()
    if locked is None:
        raise PermissionDenied("report out of scope")
    if locked.status != ReportStatus.FAILED:
        raise ValidationError(_("Only a workbook that could not be built can be tried again."))
    locked.status, locked.progress, locked.error, locked.finished_at = ReportStatus.QUEUED, 0, "", None
    locked.save(update_fields=["status", "progress", "error", "finished_at"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=locked, request=request, changes={"retry": True})
    report_queue(report=locked)
    return locked


def report_build(*, report_id: int) -> ReportRequest:
    """Build one queued workbook. Idempotent: a finished report is left alone.
    On an error the report goes back to the queue for the task's retry; when
    the task gives up, report_build_failed records it."""
    report = ReportRequest.objects.get(pk=report_id)
    if report.status == ReportStatus.DONE:
        return report
    ReportRequest.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, progress=1, error="")

    def progress(percent: int) -> None:
        ReportRequest.objects.filter(pk=report.pk).update(progress=max(1, min(percent, 99)))

    try:
        node = parse_node(report.node_code)
        period = parse_period(report.period_label)
        table = build_table(node, period, progress=progress)
        progress(85)
        # The summary sheet compares with the previous period and last year.
        comparison = build_comparison(node, period)
        progress(95)
        content = write_workbook(table, comparison=comparison)
        report.refresh_from_db()
        report.file.save(report.filename, ContentFile(content), save=False)
    except Exception:
        log.exception("report %s failed", report.pk)
        ReportRequest.objects.filter(pk=report.pk, status=ReportStatus.RUNNING).update(
            status=ReportStatus.QUEUED, progress=0
        )
        raise
    report.status, report.progress, report.finished_at = ReportStatus.DONE, 100, timezone.now()
    report.save(update_fields=["file", "status", "progress", "finished_at"])
    return report


def report_build_failed(*, report_id: int, reason: str) -> None:
    """The build task gave up: the report page says so, with "try again"."""
    ReportRequest.objects.filter(pk=report_id).exclude(status=ReportStatus.DONE).update(
        status=ReportStatus.FAILED, error=reason[:500], finished_at=timezone.now()
    )


@transaction.atomic
def monthly_reports_schedule(*, today: dt.date | None = None) -> list[ReportRequest]:
    """On the first of the month: last month's workbook for the city and each
    district, built once and kept for download, however often this runs."""
    period = previous_month(today or timezone.localdate())
    nodes = [Node("city", None), *(Node("district", d) for d in District.objects.order_by("code"))]
    created = []
    for node in nodes:
        report, was_created = ReportRequest.objects.get_or_create(
            node_code=node.code,
            period_label=period.label,
            origin=ReportOrigin.SCHEDULE,
            defaults={**_node_fields(node), "period_start": period.start, "period_end": period.end},
        )
        if was_created or report.status == ReportStatus.FAILED:
            if not was_created:
                ReportRequest.objects.filter(pk=report.pk).update(
                    status=ReportStatus.QUEUED, progress=0, error="", finished_at=None
                )
            created.append(report)
            report_queue(report=report)
    return created


def dashboard_trends_warm(*, today: dt.date | None = None) -> int:
    """Compute again the kept months behind every dashboard, ending last month
    (the dashboard's default): the trend's twelve months and the same month a
    year before them (同比), each once for the whole city, which serves the
    city's, every district's, street's and community's dashboard alike.
    Returns the number of months computed."""
    from .periods import last_months
    from .selectors import month_values

    end_month = previous_month(today or timezone.localdate())
    return len(month_values(last_months(end_month, 13), refresh=True))


@transaction.atomic
def period_close_submit(*, actor: User, community, month: dt.date, request=None):
    """Lock a community's month: its figures and its station rows as they
    stand now are kept."""
    from .assemble import STATIONS_AT_CLOSE, community_station_rows, community_values
    from .models import PeriodClose
    from .periods import month_period

    if not user_can(actor, "reports.close_period") or actor.community_id != community.pk:
        raise PermissionDenied("reports.close_period")
    period = month_period(month.year, month.month)
    if period.end >= timezone.localdate():
        raise ValidationError(_("A month can be closed once it has ended."))
    # A back-dated write into this month locks the community row too
    # (reports.services_corrections.closed_months_of): it lands before the
    # figures are measured, or after the close exists and is refused.
    list(Community.objects.select_for_update().filter(pk=community.pk).values_list("pk"))
    if PeriodClose.objects.filter(community=community, month=period.start).exists():
        raise ValidationError(_("%(month)s is already closed for this community.") % {"month": period.label})
    figures = community_values(period, [community.pk]).get(community.pk, {})
    figures[STATIONS_AT_CLOSE] = community_station_rows(period, community)
    close = PeriodClose.objects.create(community=community, month=period.start, figures=figures, submitted_by=actor)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=close, request=request, changes={"closed": period.label})
    return close


@transaction.atomic
def period_close_review(*, actor: User, close, request=None):
    from .models import PeriodClose, PeriodCloseStatus

    if not user_can(actor, "reports.review_period"):
        raise PermissionDenied("reports.review_period")
    locked = PeriodClose.objects.visible_to(actor).select_for_update().filter(pk=close.pk).first()
    if locked is None:
        raise PermissionDenied("period close out of scope")
    if locked.status == PeriodCloseStatus.REVIEWED:
        raise ValidationError(_("This month has already been reviewed."))
    locked.status, locked.reviewed_by, locked.reviewed_at = PeriodCloseStatus.REVIEWED, actor, timezone.now()
    locked.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=locked, request=request)
    return locked


def period_close_remind_late(*, today: dt.date | None = None) -> int:
    """From the 5th of the month, remind the staff of communities that have not
    closed last month. One notification per community staff member and month."""
    from stations.models import Community, Role
    from stations.services import NotificationItem, notifications_send_bulk

    from .models import PeriodClose

    today = today or timezone.localdate()
    if today.day < 5:
        return 0
    period = previous_month(today)
    closed = PeriodClose.objects.filter(month=period.start).values("community_id")
    late = Community.objects.exclude(pk__in=closed).values("pk")
    staff = User.objects.filter(role=Role.COMMUNITY_STAFF, is_active=True, community__in=late)
    items = [
        NotificationItem(
            recipient_id=user_id,
            kind="period_close",
            message=_("Please close %(month)s for your community: check the figures and lock them.")
            % {"month": period.label},
            link="/reports/close/",
            dedupe_key=f"period-close:{period.label}:{user_id}",
        )
        for user_id in staff.values_list("pk", flat=True)
    ]
    return notifications_send_bulk(items)


def satisfaction_response_create(*, station, rating: int, comment: str = "") -> SatisfactionResponse:
    response = SatisfactionResponse(station=station, rating=rating, comment=comment.strip()[:500])
    response.full_clean()
    response.save()
    return response
