import secrets

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from stations import ratelimit
from stations.audit import audit_record
from stations.models import AuditAction, Station
from stations.permissions import user_can
from stations.selectors import public_station_get
from stations.services.background import handoffs_waiting
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

from . import charts, selectors, services
from .assemble import build_table
from .forms import ReportRequestForm, SatisfactionForm
from .models import ReportRequest, ReportStatus
from .nodes import node_visible_to, parse_node, user_home_node
from .periods import parse_period, previous_month
from .ranking import figure_value, rank_rows


class ReportListView(ServiceFormView):
    permission = "reports.view"
    template_name = "reports/report_list.html"
    form_class = ReportRequestForm

    def get_initial(self):
        return {"node": user_home_node(self.request.user).code, "period": previous_month(timezone.localdate()).label}

    def get_form_kwargs(self):
        return {"node_choices": selectors.node_choices(user=self.request.user)}

    def get_context_data(self, **kwargs):
        reports = list(selectors.report_list(user=self.request.user)[:50])
        busy = any(r.status in (ReportStatus.QUEUED, ReportStatus.RUNNING) for r in reports)
        waiting = handoffs_waiting(keys=[r.handoff_key for r in reports if r.status == ReportStatus.QUEUED])
        for report in reports:
            report.waiting_for_worker = report.handoff_key in waiting
        # A community has no children to rank: its staff get no bulletin link.
        has_bulletin = user_home_node(self.request.user).level != "community"
        return super().get_context_data(reports=reports, busy=busy, has_bulletin=has_bulletin, **kwargs)

    def perform(self, form):
        report = services.report_request_create(
            actor=self.request.user,
            node_code=form.cleaned_data["node"],
            period_text=form.cleaned_data["period"],
            request=self.request,
        )
        return reverse("reports:report_detail", kwargs={"pk": report.pk})


class ReportDetailView(StaffRequiredMixin, TemplateView):
    permission = "reports.view"
    template_name = "reports/report_detail.html"
    model = ReportRequest

    def get_context_data(self, **kwargs):
        report = selectors.report_get(user=self.request.user, pk=self.kwargs["pk"])
        report.waiting_for_worker = report.status == ReportStatus.QUEUED and bool(
            handoffs_waiting(keys=[report.handoff_key])
        )
        return super().get_context_data(report=report, can_retry=user_can(self.request.user, "reports.build"), **kwargs)


class ReportRetryView(StaffRequiredMixin, View):
    """ "Try again" on a workbook whose build failed."""

    permission = "reports.build"
    model = ReportRequest

    def post(self, request, pk):
        report = selectors.report_get(user=request.user, pk=pk)
        try:
            services.report_retry(actor=request.user, report=report, request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("reports:report_detail", pk=report.pk)


class ReportDownloadView(StaffRequiredMixin, View):
    permission = "reports.view"
    model = ReportRequest

    def get(self, request, pk):
        report = selectors.report_get(user=request.user, pk=pk)
        if report.status != ReportStatus.DONE or not report.file:
            raise Http404
        audit_record(actor=request.user, action=AuditAction.EXPORT, obj=report, request=request)
        return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.filename)


def _node_and_period(request):
    user = request.user
    try:
        node = parse_node(request.GET.get("node") or user_home_node(user).code)
        period = parse_period(request.GET.get("period") or previous_month(timezone.localdate()).label)
    except ValidationError as exc:
        raise Http404(" ".join(exc.messages)) from None
    if not node_visible_to(user, node):
        raise Http404
    return node, period


class DashboardView(StaffRequiredMixin, TemplateView):
    permission = "reports.view_dashboard"
    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        node, period = _node_and_period(self.request)
        table, months, comparison = selectors.dashboard_figures(node, period)
        series = []
        for figure in table.headline():
            points = [(p.label, figure_value(figure, t.total)) for p, t in months]
            svg = charts.line_svg(points, percent=figure.kind == "rate", title=str(figure.label))
            series.append(
                {
                    "figure": figure,
                    "value": figure_value(figure, table.total),
                    "svg": svg,
                    "previous": comparison.on_previous(figure, table.total),
                    "last_year": comparison.on_last_year(figure, table.total),
                }
            )
        links = _record_links(node, table)
        rows = [
            {
                "row": row,
                "code": row.key,
                "drill": node.level != "community",
                "cells": [(f, figure_value(f, row), links.get(row.key, {}).get(f.key)) for f in table.headline()],
            }
            for row in table.rows
        ]
        # A community's rows are its stations; its own figures, and the links
        # to the records behind them, are in the total row.
        total_links = links.get(node.code, {}) if node.level == "community" else {}
        total_cells = [(f, figure_value(f, table.total), total_links.get(f.key)) for f in table.headline()]
        return super().get_context_data(
            node=node,
            period=period,
            table=table,
            headline=table.headline(),
            rows=rows,
            total_cells=total_cells,
            series=series,
            comparison=comparison,
            **kwargs,
        )


def _record_links(node, table) -> dict[str, dict[str, str]]:
    """Where a row (or a community's total) is a community, each figure with a
    `records` list links to the staff list of the records behind it (scoped
    there as everywhere)."""
    from urllib.parse import urlencode

    if node.level not in ("street", "community"):
        return {}
    keys = [node.code] if node.level == "community" else [r.key for r in table.rows]
    pks = selectors.community_pks_by_code(codes=keys)
    links: dict[str, dict[str, str]] = {}
    for key in keys:
        for figure in table.figures():
            if figure.records is None or key not in pks:
                continue
            url_name, query = figure.records
            params = {k: str(v).replace("{community}", str(pks[key])) for k, v in query.items()}
            links.setdefault(key, {})[figure.key] = reverse(url_name) + ("?" + urlencode(params) if params else "")
    return links


class BulletinView(StaffRequiredMixin, TemplateView):
    """The progress bulletin (通报): child nodes ranked on each headline figure."""

    permission = "reports.view_dashboard"
    template_name = "reports/bulletin.html"

    def get_context_data(self, **kwargs):
        node, period = _node_and_period(self.request)
        if node.level == "community":
            raise Http404
        table = build_table(node, period)
        comparison = selectors.comparison(node, period)
        rankings = [
            {
                "figure": figure,
                "rows": [
                    (item, comparison.on_previous(figure, item.row), comparison.on_last_year(figure, item.row))
                    for item in rank_rows(figure, table.rows)
                ],
                "total": (
                    figure_value(figure, table.total),
                    comparison.on_previous(figure, table.total),
                    comparison.on_last_year(figure, table.total),
                ),
            }
            for figure in table.headline()
        ]
        return super().get_context_data(
            node=node, period=period, table=table, rankings=rankings, comparison=comparison, **kwargs
        )


# --- the public satisfaction survey -------------------------------------------

SURVEY_LIMIT_PER_HOUR = 10


def _client_key(request) -> str:
    return f"survey:{request.META.get('REMOTE_ADDR', '')}"


def _new_challenge() -> tuple[str, str]:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"sum": a + b, "at": timezone.now().timestamp()}, salt="survey")
    return _("What is %(a)d plus %(b)d? (to keep robots out)") % {"a": a, "b": b}, token


class SurveyView(FormView):
    template_name = "reports/survey_form.html"
    form_class = SatisfactionForm

    def dispatch(self, request, *args, **kwargs):
        self.station = public_station_get(pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        question, token = _new_challenge()
        form.fields["answer"].label = question
        if not form.is_bound:
            form.initial["challenge"] = token
        else:
            self.fresh_token = token
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(station=self.station, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        if data.get("website"):
            return redirect("reports_public:survey_thanks", pk=self.station.pk)
        try:
            expected = signing.loads(data["challenge"], salt="survey", max_age=3600)["sum"]
        except signing.BadSignature:
            expected = None
        if expected is None or data["answer"] != expected:
            form.add_error("answer", _("That sum is not right. Please try the new question."))
            return self._invalid_with_new_challenge(form)
        if not ratelimit.hit(_client_key(self.request), limit=SURVEY_LIMIT_PER_HOUR, window=3600):
            form.add_error(None, _("Many answers came from this connection in the last hour. Please try later."))
            return self._invalid_with_new_challenge(form)
        services.satisfaction_response_create(station=self.station, rating=data["rating"], comment=data["comment"])
        messages.success(self.request, _("Thank you. Your rating helps the station serve you better."))
        return redirect("reports_public:survey_thanks", pk=self.station.pk)

    def form_invalid(self, form):
        return self._invalid_with_new_challenge(form)

    def _invalid_with_new_challenge(self, form):
        data = form.data.copy()
        data["challenge"] = getattr(self, "fresh_token", _new_challenge()[1])
        data["answer"] = ""
        form.data = data
        return self.render_to_response(self.get_context_data(form=form))


class SurveyThanksView(TemplateView):
    template_name = "reports/survey_thanks.html"

    def get_context_data(self, **kwargs):
        station = public_station_get(pk=self.kwargs["pk"])
        return super().get_context_data(station=station, **kwargs)


class PeriodCloseView(StaffRequiredMixin, TemplateView):
    """Community staff close their months; street officers review them."""

    permission = "reports.view"
    template_name = "reports/period_close.html"

    def get_context_data(self, **kwargs):
        from stations.models import Role

        from .periods import last_months

        user = self.request.user
        months = list(reversed(last_months(previous_month(timezone.localdate()), 6)))
        closes = selectors.period_close_list(user=user, since=months[-1].start)
        by_key = {(c.community_id, c.month): c for c in closes}
        communities = selectors.period_close_communities(user=user)
        grid = [{"community": c, "cells": [(m, by_key.get((c.pk, m.start))) for m in months]} for c in communities]
        pending = selectors.correction_pending_count(user=user)
        return super().get_context_data(
            months=months,
            grid=grid,
            pending_corrections=pending,
            can_close=user.role == Role.COMMUNITY_STAFF,
            can_review=user.role == Role.STREET_OFFICER,
            **kwargs,
        )

    def post(self, request):
        from .periods import parse_period

        try:
            if "review" in request.POST:
                close = selectors.period_close_get(user=request.user, pk=request.POST.get("review"))
                services.period_close_review(actor=request.user, close=close, request=request)
                messages.success(request, _("Reviewed: %(name)s") % {"name": close})
            else:
                period = parse_period(request.POST.get("month", ""))
                services.period_close_submit(
                    actor=request.user, community=request.user.community, month=period.start, request=request
                )
                messages.success(request, _("%(month)s closed and locked.") % {"month": period.label})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("reports:period_close")


class SurveyResultsView(StaffRequiredMixin, TemplateView):
    """Satisfaction per station in scope, with the QR sheet to print for each."""

    permission = "reports.view"
    template_name = "reports/survey_results.html"

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        stations = selectors.survey_results(user=self.request.user)
        page = Paginator(stations, 50).get_page(self.request.GET.get("page"))
        return super().get_context_data(page=page, **kwargs)


class SurveySheetView(StaffRequiredMixin, TemplateView):
    """A printable sheet for the station's notice board: scan to rate the service."""

    permission = "reports.view"
    template_name = "reports/survey_sheet.html"
    model = Station

    def get_context_data(self, **kwargs):
        import segno
        from django.utils.safestring import mark_safe

        station = selectors.survey_station_get(user=self.request.user, pk=self.kwargs["pk"])
        url = self.request.build_absolute_uri(reverse("reports_public:survey", args=[station.pk]))
        qr = mark_safe(segno.make(url, error="m").svg_inline(scale=8, border=2))  # noqa: S308 - segno output
        return super().get_context_data(station=station, url=url, qr=qr, **kwargs)
