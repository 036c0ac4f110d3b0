"""Staff pages of a person's 12333 case: the ledger and its download, the
proposed residents, opening a case, the case page and its print, and the
forms on it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from assistance import clock, exports, selectors, services
from assistance.forms import (
    AppointmentReminderForm,
    CaseCloseForm,
    CaseOpenForm,
    CaseReassignForm,
    ServiceRecordForm,
)
from assistance.models import AssistanceCase, CaseOrigin, CaseStatus
from assistance.schedule import COUNTED_KINDS, SCHEDULE_KEY, month_end
from stations.audit import audit_record
from stations.models import AuditAction, ServiceKind
from stations.permissions import user_can
from stations.policy import get_parameter
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView


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


class CaseOpenView(ServiceFormView):
    permission = "assistance.open_case"
    template_name = "assistance/case_open.html"
    form_class = CaseOpenForm
    invalid_status = 400

    def load(self):
        self.resident = selectors.resident_get(user=self.request.user, pk=self.kwargs["resident_pk"])

    def get_form_kwargs(self):
        return {
            "staff_queryset": selectors.assignable_staff(community=self.resident.community),
            "user": self.request.user,
            "today": clock.today(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(resident=self.resident, **kwargs)

    def perform(self, form):
        case = services.case_open(
            actor=self.request.user,
            resident=self.resident,
            assigned_to=form.cleaned_data["assigned_to"],
            aid_type=form.cleaned_data["aid_type"],
            opened_on=form.cleaned_data["opened_on"],
            origin=CaseOrigin.PROPOSED if self.request.POST.get("proposed") else CaseOrigin.STAFF,
            request=self.request,
        )
        return reverse("assistance:case_detail", kwargs={"pk": case.pk})

    def get_success_message(self, result):
        return _("Case opened for %(name)s.") % {"name": self.resident.name}


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


class CaseServiceCreateView(ServiceFormView):
    """POST one service from the case page or the dashboard to-do."""

    permission = "assistance.record_service"
    template_name = "assistance/case_detail.html"
    http_method_names = ["post"]
    model = AssistanceCase
    form_class = ServiceRecordForm
    invalid_status = 400
    page_view = CaseDetailView

    def load(self):
        self.case = selectors.case_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {"today": clock.today()}

    def perform(self, form):
        services.case_service_record(actor=self.request.user, case=self.case, request=self.request, **form.cleaned_data)
        messages.success(
            self.request,
            _("%(kind)s recorded for %(name)s.")
            % {"kind": ServiceKind(form.cleaned_data["kind"]).label, "name": self.case.resident.name},
        )
        return _safe_next(self.request, reverse("assistance:case_detail", kwargs={"pk": self.case.pk}))


class CaseFormView(ServiceFormView):
    """A form about one case on a page of its own; back to the case when done."""

    model = AssistanceCase
    invalid_status = 400

    def load(self):
        self.case = selectors.case_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.case, **kwargs)

    def case_url(self) -> str:
        return reverse("assistance:case_detail", kwargs={"pk": self.case.pk})


class CaseReassignView(CaseFormView):
    permission = "assistance.reassign_case"
    template_name = "assistance/case_reassign.html"
    form_class = CaseReassignForm
    success_message = gettext_lazy("Case reassigned.")

    def get_form_kwargs(self):
        return {"staff_queryset": selectors.assignable_staff(community=self.case.resident.community)}

    def perform(self, form):
        services.case_reassign(actor=self.request.user, case=self.case, request=self.request, **form.cleaned_data)
        return self.case_url()


class CaseCloseView(CaseFormView):
    permission = "assistance.close_case"
    template_name = "assistance/case_close.html"
    form_class = CaseCloseForm
    success_message = gettext_lazy("Case closed.")

    def get_form_kwargs(self):
        return {"today": clock.today()}

    def perform(self, form):
        services.case_close(actor=self.request.user, case=self.case, request=self.request, **form.cleaned_data)
        return self.case_url()


class CaseAppointmentView(CaseFormView):
    """Book a text message reminder of an appointment, sent the day before."""

    permission = "assistance.record_service"
    template_name = "assistance/case_appointment.html"
    form_class = AppointmentReminderForm

    def perform(self, form):
        message = services.case_appointment_remind(actor=self.request.user, case=self.case, **form.cleaned_data)
        # Nothing to be sent is a warning, not a success.
        if message is None or message.status == "withheld":
            messages.warning(
                self.request,
                _("No reminder will be sent: the resident has no mobile or has not agreed to text messages."),
            )
        else:
            messages.success(self.request, _("The reminder will be sent by text message the day before."))
        return self.case_url()


class CaseLedgerExportView(StaffRequiredMixin, View):
    """The 12333 ledger (就业援助台账) as xlsx, with the list's filters: one row per
    case with its counts against the year's minimums and what is overdue. ID
    numbers are masked and every download is written to the audit log."""

    permission = "assistance.view_case"

    def get(self, request):
        return exports.case_ledger_export(user=request.user, filters=_ledger_filters(request.GET), request=request)
