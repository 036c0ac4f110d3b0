"""Staff pages of the hardship ledger (/staff/assistance/). Thin: selectors
read, services write, forms collect input."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from assistance import clock, exports, selectors, services
from assistance.forms import (
    AppointmentReminderForm,
    CaseCloseForm,
    CaseOpenForm,
    CaseReassignForm,
    CompliancePeriodForm,
    HouseholdCaseCloseForm,
    HouseholdCaseOpenForm,
    HouseholdServiceForm,
    ServiceRecordForm,
)
from assistance.models import AssistanceCase, CaseOrigin, CaseStatus, HouseholdCase, HouseholdCaseStatus
from assistance.schedule import COMPLIANCE_DEFINITION, COUNTED_KINDS, SCHEDULE_KEY, month_end
from stations.audit import audit_record
from stations.forms.errors import add_service_errors
from stations.models import AuditAction, ServiceKind
from stations.permissions import user_can
from stations.policy import get_parameter
from stations.views.mixins import StaffRequiredMixin


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def schedule_table(schedule) -> dict:
    """The schedule as rows for templates: month and the four minimums."""
    labels = {k: ServiceKind(k).label for k in COUNTED_KINDS}
    return {
        "kinds": [labels[k] for k in COUNTED_KINDS],
        "rows": [(p.month, [p.minimums[k] for k in COUNTED_KINDS]) for p in schedule],
        "label": get_parameter(SCHEDULE_KEY).label,
    }


def _ledger_filters(get) -> dict:
    filters = {
        "status": get.get("status", "open"),
        "assigned_to": get.get("assigned_to", ""),
        "due": get.get("due", ""),
        "overdue": get.get("overdue", ""),
        "q": get.get("q", "").strip(),
    }
    if filters["status"] == "all":
        filters["status"] = ""
    return filters


class CaseListView(StaffRequiredMixin, TemplateView):
    """The ledger: cases in scope with their progress; filters by status,
    staff, due this week, overdue."""

    permission = "assistance.view_case"
    template_name = "assistance/case_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = clock.today()
        get = self.request.GET
        filters = _ledger_filters(get)
        cases = selectors.case_list(user=user, filters=filters, today=today)
        page = Paginator(cases, 50).get_page(get.get("page"))
        schedule = selectors.current_schedule(on=today)
        rows = [(case, selectors.progress_of(case, schedule=schedule, today=today)) for case in page]
        staff_choices = selectors.assignable_staff_in_scope(user=user)
        return super().get_context_data(
            page=page,
            rows=rows,
            filters={**filters, "status": get.get("status", "open")},
            statuses=CaseStatus.choices,
            staff_choices=staff_choices,
            schedule=schedule_table(schedule),
            today=today,
            proposed_count=selectors.proposed_residents(user=user).count(),
            can_open=user_can(user, "assistance.open_case"),
            **kwargs,
        )


class ProposedListView(StaffRequiredMixin, TemplateView):
    """Residents (and zero-employment households) who should have a case
    and have none open, with a one-click "open" form each."""

    permission = "assistance.view_case"
    template_name = "assistance/proposed_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        residents = Paginator(selectors.proposed_residents(user=user).prefetch_related("target_groups"), 50).get_page(
            self.request.GET.get("page")
        )
        households = list(selectors.proposed_households(user=user)[:100])
        staff = selectors.staff_by_community(user=user)
        for row in [*residents, *households]:
            row.staff_options = staff.get(row.community_id, [])
        return super().get_context_data(
            residents=residents,
            households=households,
            today=clock.today(),
            can_open=user_can(user, "assistance.open_case"),
            **kwargs,
        )


class CaseOpenView(StaffRequiredMixin, TemplateView):
    permission = "assistance.open_case"
    template_name = "assistance/case_open.html"

    def _resident(self):
        return selectors.resident_get(user=self.request.user, pk=self.kwargs["resident_pk"])

    def _form(self, resident, data=None):
        return CaseOpenForm(
            data,
            staff_queryset=selectors.assignable_staff(community=resident.community),
            user=self.request.user,
            today=clock.today(),
        )

    def get(self, request, *args, **kwargs):
        resident = self._resident()
        return self.render_to_response(self.get_context_data(resident=resident, form=self._form(resident)))

    def post(self, request, *args, **kwargs):
        resident = self._resident()
        form = self._form(resident, request.POST)
        if form.is_valid():
            try:
                case = services.case_open(
                    actor=request.user,
                    resident=resident,
                    assigned_to=form.cleaned_data["assigned_to"],
                    aid_type=form.cleaned_data["aid_type"],
                    opened_on=form.cleaned_data["opened_on"],
                    origin=CaseOrigin.PROPOSED if request.POST.get("proposed") else CaseOrigin.STAFF,
                    request=request,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Case opened for %(name)s.") % {"name": resident.name})
                return redirect("assistance:case_detail", pk=case.pk)
        return self.render_to_response(self.get_context_data(resident=resident, form=form), status=400)


class CaseDetailView(StaffRequiredMixin, TemplateView):
    """One case: progress per count against the schedule, what is due next
    and by when, overdue in red, the service timeline from the log, and the
    one-click recording form."""

    permission = "assistance.view_case"
    template_name = "assistance/case_detail.html"
    model = AssistanceCase

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        case = selectors.case_get(user=user, pk=self.kwargs["pk"])
        today = clock.today()
        schedule = selectors.current_schedule(on=today)
        progress = selectors.progress_of(case, schedule=schedule, today=today)
        services_list = list(selectors.case_services(case=case)[:200])
        window_end = min(case.year_ends_on, case.closed_on) if case.closed_on else case.year_ends_on
        for record in services_list:
            record.counted = record.kind in COUNTED_KINDS and case.opened_on <= record.served_on <= window_end
        next_due = progress.next_due
        if form is None:
            form = ServiceRecordForm(today=today, kind=next_due.kind if next_due else None)
            form.fields["kind"].widget.attrs["autofocus"] = True
        checkpoints = [
            {"month": p.month, "due_on": month_end(case.opened_on, p.month), "minimums": p.minimums} for p in schedule
        ]
        # The page shows the resident's mobile so staff can call: a view of personal data.
        audit_record(actor=user, action=AuditAction.VIEW, obj=case, request=self.request)
        return super().get_context_data(
            case=case,
            resident=case.resident,
            progress=progress,
            checkpoints=checkpoints,
            services=services_list,
            assignments=selectors.case_assignments(case=case),
            schedule=schedule_table(schedule),
            form=form,
            today=today,
            can_record=case.is_open and user_can(user, "assistance.record_service"),
            can_manage=case.is_open and user_can(user, "assistance.close_case"),
            **kwargs,
        )


class CasePrintView(StaffRequiredMixin, TemplateView):
    """The case's 12333 service record as an A4 form for the resident and the
    staff member to sign: the counts against the first year's minimums and
    every service since the case opened."""

    permission = "assistance.view_case"
    template_name = "assistance/case_print.html"
    model = AssistanceCase

    def get_context_data(self, **kwargs):
        user = self.request.user
        case = selectors.case_get(user=user, pk=self.kwargs["pk"])
        today = clock.today()
        progress = selectors.progress_of(case, schedule=selectors.current_schedule(on=today), today=today)
        services_list = list(selectors.case_services(case=case).order_by("served_on", "pk"))
        window_end = min(case.year_ends_on, case.closed_on) if case.closed_on else case.year_ends_on
        for record in services_list:
            record.counted = record.kind in COUNTED_KINDS and case.opened_on <= record.served_on <= window_end
        # A printed form carries personal data out of the system.
        audit_record(actor=user, action=AuditAction.EXPORT, obj=case, request=self.request, changes={"format": "print"})
        return super().get_context_data(
            case=case, resident=case.resident, progress=progress, services=services_list, printed_on=today, **kwargs
        )


class CaseServiceCreateView(StaffRequiredMixin, TemplateView):
    """POST one service from the case page or the dashboard to-do."""

    permission = "assistance.record_service"
    template_name = "assistance/case_detail.html"
    http_method_names = ["post"]
    model = AssistanceCase

    def post(self, request, *args, **kwargs):
        case = selectors.case_get(user=request.user, pk=kwargs["pk"])
        form = ServiceRecordForm(request.POST, today=clock.today())
        if form.is_valid():
            try:
                services.case_service_record(actor=request.user, case=case, request=request, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(kind)s recorded for %(name)s.")
                    % {"kind": ServiceKind(form.cleaned_data["kind"]).label, "name": case.resident.name},
                )
                return redirect(_safe_next(request, reverse("assistance:case_detail", kwargs={"pk": case.pk})))
        view = CaseDetailView(request=request, kwargs=kwargs, args=args)
        return view.render_to_response(view.get_context_data(form=form), status=400)


class CaseReassignView(StaffRequiredMixin, TemplateView):
    permission = "assistance.reassign_case"
    template_name = "assistance/case_reassign.html"
    model = AssistanceCase

    def _form(self, case, data=None):
        return CaseReassignForm(data, staff_queryset=selectors.assignable_staff(community=case.resident.community))

    def get(self, request, *args, **kwargs):
        case = selectors.case_get(user=request.user, pk=kwargs["pk"])
        return self.render_to_response(self.get_context_data(case=case, form=self._form(case)))

    def post(self, request, *args, **kwargs):
        case = selectors.case_get(user=request.user, pk=kwargs["pk"])
        form = self._form(case, request.POST)
        if form.is_valid():
            try:
                services.case_reassign(actor=request.user, case=case, request=request, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Case reassigned."))
                return redirect("assistance:case_detail", pk=case.pk)
        return self.render_to_response(self.get_context_data(case=case, form=form), status=400)


class CaseCloseView(StaffRequiredMixin, TemplateView):
    permission = "assistance.close_case"
    template_name = "assistance/case_close.html"
    model = AssistanceCase

    def get(self, request, *args, **kwargs):
        case = selectors.case_get(user=request.user, pk=kwargs["pk"])
        return self.render_to_response(self.get_context_data(case=case, form=CaseCloseForm(today=clock.today())))

    def post(self, request, *args, **kwargs):
        case = selectors.case_get(user=request.user, pk=kwargs["pk"])
        form = CaseCloseForm(request.POST, today=clock.today())
        if form.is_valid():
            try:
                services.case_close(actor=request.user, case=case, request=request, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Case closed."))
                return redirect("assistance:case_detail", pk=case.pk)
        return self.render_to_response(self.get_context_data(case=case, form=form), status=400)


class CaseAppointmentView(StaffRequiredMixin, TemplateView):
    """Book a text message reminder of an appointment, sent the day before."""

    permission = "assistance.record_service"
    template_name = "assistance/case_appointment.html"
    model = AssistanceCase

    def get(self, request, *args, **kwargs):
        case = selectors.case_get(user=request.user, pk=kwargs["pk"])
        return self.render_to_response(self.get_context_data(case=case, form=AppointmentReminderForm()))

    def post(self, request, *args, **kwargs):
        case = selectors.case_get(user=request.user, pk=kwargs["pk"])
        form = AppointmentReminderForm(request.POST)
        if form.is_valid():
            try:
                message = services.case_appointment_remind(actor=request.user, case=case, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if message is None or message.status == "withheld":
                    messages.warning(
                        request,
                        _("No reminder will be sent: the resident has no mobile or has not agreed to text messages."),
                    )
                else:
                    messages.success(request, _("The reminder will be sent by text message the day before."))
                return redirect("assistance:case_detail", pk=case.pk)
        return self.render_to_response(self.get_context_data(case=case, form=form), status=400)


class ComplianceView(StaffRequiredMixin, TemplateView):
    """12333 compliance for any period and level, with the definition."""

    permission = "assistance.view_compliance"
    template_name = "assistance/compliance.html"

    def get_context_data(self, **kwargs):
        today = clock.today()
        data = self.request.GET.copy()
        data.setdefault("period_start", dt.date(today.year, 1, 1).isoformat())
        data.setdefault("period_end", today.isoformat())
        data.setdefault("level", "community")
        form = CompliancePeriodForm(data)
        rows, total = [], None
        if form.is_valid():
            rows = selectors.compliance_by_node(
                user=self.request.user,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                level=form.cleaned_data["level"],
                today=today,
            )
            rows.sort(key=lambda r: (r["rate"] is None, -(r["rate"] or 0), str(r["label"])))
            total = selectors.compliance_total(rows)
        return super().get_context_data(
            form=form,
            rows=rows,
            total=total,
            definition=COMPLIANCE_DEFINITION,
            schedule=schedule_table(selectors.current_schedule(on=today)),
            **kwargs,
        )


# --- zero-employment households ---------------------------------------------


class HouseholdCaseListView(StaffRequiredMixin, TemplateView):
    permission = "assistance.view_case"
    template_name = "assistance/householdcase_list.html"

    def get_context_data(self, **kwargs):
        today = clock.today()
        status = self.request.GET.get("status", "open")
        cases = selectors.household_case_list(
            user=self.request.user, filters={"status": "" if status == "all" else status}
        )
        page = Paginator(cases, 50).get_page(self.request.GET.get("page"))
        deadline_days = selectors.household_deadline_days(on=today)
        rows = [
            (case, selectors.household_progress_of(case, today=today, deadline_days=deadline_days)) for case in page
        ]
        return super().get_context_data(
            page=page,
            rows=rows,
            status=status,
            statuses=HouseholdCaseStatus.choices,
            today=today,
            deadline_days=deadline_days,
            **kwargs,
        )


class HouseholdCaseOpenView(StaffRequiredMixin, TemplateView):
    permission = "assistance.open_case"
    template_name = "assistance/householdcase_open.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        household = selectors.household_get(user=request.user, pk=kwargs["household_pk"])
        form = HouseholdCaseOpenForm(
            request.POST,
            staff_queryset=selectors.assignable_staff(community=household.community),
            user=request.user,
        )
        if form.is_valid():
            try:
                case = services.household_case_open(
                    actor=request.user,
                    household=household,
                    assigned_to=form.cleaned_data["assigned_to"],
                    request=request,
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Household case opened."))
                return redirect("assistance:household_detail", pk=case.pk)
        else:
            messages.error(request, _("Choose a staff member to assign the case to."))
        return redirect("assistance:proposed")


class HouseholdCaseDetailView(StaffRequiredMixin, TemplateView):
    permission = "assistance.view_case"
    template_name = "assistance/householdcase_detail.html"
    model = HouseholdCase

    def get_context_data(self, form=None, close_form=None, **kwargs):
        user = self.request.user
        case = selectors.household_case_get(user=user, pk=self.kwargs["pk"])
        today = clock.today()
        members = selectors.household_members(case=case)
        audit_record(actor=user, action=AuditAction.VIEW, obj=case, request=self.request)
        return super().get_context_data(
            case=case,
            progress=selectors.household_progress_of(case, today=today),
            members=members,
            services=selectors.household_services(case=case)[:200],
            form=form or HouseholdServiceForm(members=members, today=today),
            close_form=close_form or HouseholdCaseCloseForm(),
            today=today,
            can_record=case.is_open and user_can(user, "assistance.record_service"),
            can_manage=case.is_open and user_can(user, "assistance.close_case"),
            **kwargs,
        )


class HouseholdServiceCreateView(StaffRequiredMixin, TemplateView):
    permission = "assistance.record_service"
    template_name = "assistance/householdcase_detail.html"
    http_method_names = ["post"]
    model = HouseholdCase

    def post(self, request, *args, **kwargs):
        case = selectors.household_case_get(user=request.user, pk=kwargs["pk"])
        form = HouseholdServiceForm(request.POST, members=selectors.household_members(case=case), today=clock.today())
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.household_service_record(actor=request.user, case=case, request=request, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Service recorded."))
                return redirect("assistance:household_detail", pk=case.pk)
        view = HouseholdCaseDetailView(request=request, kwargs=kwargs, args=args)
        return view.render_to_response(view.get_context_data(form=form), status=400)


class HouseholdCaseCloseView(StaffRequiredMixin, TemplateView):
    permission = "assistance.close_case"
    template_name = "assistance/householdcase_detail.html"
    http_method_names = ["post"]
    model = HouseholdCase

    def post(self, request, *args, **kwargs):
        case = selectors.household_case_get(user=request.user, pk=kwargs["pk"])
        form = HouseholdCaseCloseForm(request.POST)
        if form.is_valid():
            try:
                services.household_case_close(actor=request.user, case=case, request=request, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Household case closed."))
                return redirect("assistance:household_detail", pk=case.pk)
        view = HouseholdCaseDetailView(request=request, kwargs=kwargs, args=args)
        return view.render_to_response(view.get_context_data(close_form=form), status=400)


class CaseLedgerExportView(StaffRequiredMixin, View):
    """The 12333 ledger (就业援助台账) as xlsx, with the list's filters: one row per
    case with its counts against the year's minimums and what is overdue. ID
    numbers are masked and every download is written to the audit log."""

    permission = "assistance.view_case"

    def get(self, request):
        return exports.case_ledger_export(user=request.user, filters=_ledger_filters(request.GET), request=request)
