"""Staff pages of the community funds: the district allocates and decides
adjustments, the community records spending and asks for adjustments."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from stations.params import parse_pk, pk_text, year_text
from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

from .. import exports
from ..forms.funds import AdjustmentDecisionForm, AdjustmentRequestForm, AllocationForm, SpendingForm
from ..models import AdjustmentStatus, FundAdjustment, FundAllocation
from ..selectors import funds as selectors
from ..selectors.common import community_choices
from ..services import funds as services

PAGE_SIZE = 50


def _may_request_adjustment(user) -> bool:
    return user_can(user, "partnerships.spend_funds") or user_can(user, "partnerships.allocate_funds")


class AllocationListView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/funds_allocation_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filters = {
            "year": year_text(self.request.GET.get("year")),
            "community": pk_text(self.request.GET.get("community")),
        }
        allocations = selectors.allocation_list(user=user, filters=filters)
        page = Paginator(allocations, PAGE_SIZE).get_page(self.request.GET.get("page"))
        for allocation in page:
            allocation.used_percent = selectors.used_percent(allocation)
        can_allocate = user_can(user, "partnerships.allocate_funds")
        return super().get_context_data(
            page=page,
            filters=filters,
            query_string=urlencode({k: v for k, v in filters.items() if v}),
            totals=selectors.allocation_totals(allocations),
            years=selectors.allocation_years(user=user),
            communities=community_choices(user=user),
            can_allocate=can_allocate,
            waiting=selectors.adjustments_waiting(user=user)[:20] if can_allocate else [],
            **kwargs,
        )


class AllocationCreateView(ServiceFormView):
    permission = "partnerships.allocate_funds"
    template_name = "partnerships/funds_allocation_form.html"
    form_class = AllocationForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        if community := parse_pk(self.request.GET.get("community")):
            return {"community": community}
        return {}

    def perform(self, form):
        data = form.cleaned_data
        allocation = services.fund_allocation_create(
            actor=self.request.user,
            community=data["community"],
            year=data["year"],
            title=data["title"],
            document_number=data.get("document_number", ""),
            amount=data["amount"],
            allocated_on=data["allocated_on"],
            note=data.get("note", ""),
            request=self.request,
        )
        messages.success(
            self.request,
            _("¥%(amount)s allocated to %(community)s.")
            % {"amount": services.yuan(allocation.amount), "community": allocation.community.name},
        )
        return reverse("partnerships:allocation_detail", kwargs={"pk": allocation.pk})


class AllocationDetailView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/funds_allocation_detail.html"
    model = FundAllocation

    def get_context_data(self, **kwargs):
        user = self.request.user
        allocation = selectors.allocation_get(user=user, pk=self.kwargs["pk"])
        ledger = Paginator(
            allocation.spending.select_related("recorded_by").order_by("-spent_on", "-pk"), PAGE_SIZE
        ).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            allocation=allocation,
            by_category=selectors.spending_by_category(allocation),
            ledger=ledger,
            adjustments=allocation.adjustments.select_related("requested_by", "decided_by").order_by(
                "-requested_at", "-pk"
            ),
            can_spend=user_can(user, "partnerships.spend_funds"),
            can_request=_may_request_adjustment(user),
            AdjustmentStatus=AdjustmentStatus,
            **kwargs,
        )


class SpendingCreateView(ServiceFormView):
    permission = "partnerships.spend_funds"
    template_name = "partnerships/funds_spending_form.html"
    form_class = SpendingForm
    model = FundAllocation

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_can(request.user, self.permission):
            self.allocation = selectors.allocation_get(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(allocation=self.allocation, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        try:
            spending = services.fund_spending_record(
                actor=self.request.user,
                allocation=self.allocation,
                category=data["category"],
                spent_on=data["spent_on"],
                amount=data["amount"],
                payee=data["payee"],
                purpose=data["purpose"],
                voucher_number=data.get("voucher_number", ""),
                request=self.request,
            )
        except ValidationError:
            # The balance may have changed since the page was opened: show it as it is now.
            self.allocation = selectors.allocation_get(user=self.request.user, pk=self.allocation.pk)
            raise
        messages.success(
            self.request,
            _("Spending of ¥%(amount)s recorded: %(purpose)s.")
            % {"amount": services.yuan(spending.amount), "purpose": spending.purpose},
        )
        name = (
            "partnerships:fund_spending_create" if "another" in self.request.POST else "partnerships:allocation_detail"
        )
        return reverse(name, kwargs={"pk": self.allocation.pk})


class AdjustmentRequestView(ServiceFormView):
    permission = "partnerships.view"
    template_name = "partnerships/funds_adjustment_form.html"
    form_class = AdjustmentRequestForm
    model = FundAllocation

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not _may_request_adjustment(request.user):
                raise PermissionDenied("partnerships.spend_funds")
            self.allocation = selectors.allocation_get(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(allocation=self.allocation, **kwargs)

    success_message = gettext_lazy("Adjustment requested. The district has been told.")

    def perform(self, form):
        services.fund_adjustment_request(
            actor=self.request.user,
            allocation=self.allocation,
            amount=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
            request=self.request,
        )
        return reverse("partnerships:allocation_detail", kwargs={"pk": self.allocation.pk})


class AdjustmentDetailView(ServiceFormView):
    """One adjustment; the district decides it here."""

    permission = "partnerships.view"
    template_name = "partnerships/funds_adjustment_detail.html"
    form_class = AdjustmentDecisionForm
    model = FundAdjustment

    def get_adjustment(self) -> FundAdjustment:
        return selectors.adjustment_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        adjustment = self.get_adjustment()
        allocation = selectors.allocation_get(user=self.request.user, pk=adjustment.allocation_id)
        may_decide = (
            user_can(self.request.user, "partnerships.allocate_funds")
            and adjustment.status == AdjustmentStatus.REQUESTED
        )
        own_request = adjustment.requested_by_id == self.request.user.pk
        return super().get_context_data(
            adjustment=adjustment,
            allocation=allocation,
            own_request_note=services.OWN_REQUEST if may_decide and own_request else "",
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not user_can(request.user, "partnerships.allocate_funds"):
            raise PermissionDenied("partnerships.allocate_funds")
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        adjustment = self.get_adjustment()
        approve = form.cleaned_data["decision"] == "approve"
        services.fund_adjustment_decide(
            actor=self.request.user,
            adjustment=adjustment,
            approve=approve,
            note=form.cleaned_data["decision_note"],
            request=self.request,
        )
        messages.success(self.request, _("Adjustment approved.") if approve else _("Adjustment rejected."))
        return reverse("partnerships:allocation_detail", kwargs={"pk": adjustment.allocation_id})


class AllocationLedgerExportView(StaffRequiredMixin, View):
    """The allocation ledger of the user's scope: allocations with their figures,
    and every spending line on a second sheet."""

    permission = "partnerships.view"

    def get(self, request):
        filters = {"year": request.GET.get("year", ""), "community": request.GET.get("community", "")}
        return exports.allocation_ledger_export(user=request.user, filters=filters, request=request)


urlpatterns = [
    path("funds/", AllocationListView.as_view(), name="allocation_list"),
    path("funds/new/", AllocationCreateView.as_view(), name="allocation_create"),
    path("funds/ledger.xlsx", AllocationLedgerExportView.as_view(), name="allocation_export"),
    path("funds/<int:pk>/", AllocationDetailView.as_view(), name="allocation_detail"),
    path("funds/<int:pk>/spending/new/", SpendingCreateView.as_view(), name="fund_spending_create"),
    path("funds/<int:pk>/adjustments/new/", AdjustmentRequestView.as_view(), name="fund_adjustment_create"),
    path("funds/adjustments/<int:pk>/", AdjustmentDetailView.as_view(), name="fund_adjustment_detail"),
]
