"""Staff pages of zero-employment household cases."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from assistance import clock, selectors, services
from assistance.forms import (
    HouseholdCaseCloseForm,
    HouseholdCaseOpenForm,
    HouseholdServiceForm,
)
from assistance.models import HouseholdCase, HouseholdCaseStatus
from stations.audit import audit_record
from stations.models import AuditAction
from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView


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
            **kwargs,
        )


class HouseholdCaseActionView(ServiceFormView):
    """A POST from one of the household case page's forms."""

    template_name = "assistance/householdcase_detail.html"
    http_method_names = ["post"]
    model = HouseholdCase
    invalid_status = 400
    page_view = HouseholdCaseDetailView

    def load(self):
        self.case = selectors.household_case_get(user=self.request.user, pk=self.kwargs["pk"])

    def case_url(self) -> str:
        return reverse("assistance:household_detail", kwargs={"pk": self.case.pk})


class HouseholdServiceCreateView(HouseholdCaseActionView):
    permission = "assistance.record_service"
    form_class = HouseholdServiceForm
    success_message = gettext_lazy("Service recorded.")

    def get_form_kwargs(self):
        return {"members": selectors.household_members(case=self.case), "today": clock.today()}

    def perform(self, form):
        services.household_service_record(
            actor=self.request.user, case=self.case, request=self.request, **form.cleaned_data
        )
        return self.case_url()


class HouseholdCaseCloseView(HouseholdCaseActionView):
    permission = "assistance.close_case"
    form_class = HouseholdCaseCloseForm
    form_context_name = "close_form"
    success_message = gettext_lazy("Household case closed.")

    def perform(self, form):
        services.household_case_close(
            actor=self.request.user, case=self.case, request=self.request, **form.cleaned_data
        )
        return self.case_url()
