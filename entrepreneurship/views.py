from django.contrib import messages
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from stations.audit import audit_record
from stations.models import AuditAction
from stations.permissions import BUREAUS, user_can
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

from . import exports, selectors, services
from .forms import ApplicationForm, BusinessForm, LoanForm, OccupancyForm, SpaceForm, TransitionForm
from .models import (
    ApplicationStatus,
    Business,
    BusinessKind,
    IncubationSpace,
    SubsidyApplication,
    SubsidyKind,
    Transition,
)
from .once import slot_holders, slot_taken_message
from .views_catalogue import KIND_LABELS


class OverviewView(StaffRequiredMixin, TemplateView):
    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/overview.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        queue = [(a, selectors.waiting_days(a, today=today)) for a in selectors.review_queue(user=user)[:100]]
        return super().get_context_data(
            queue=queue,
            totals=selectors.award_totals(user=user),
            can_file=user_can(user, "entrepreneurship.file_application"),
            catalogue_waiting=[
                (KIND_LABELS[kind], kind, n) for kind, n in selectors.catalogue_waiting(user=user).items()
            ]
            if user.role in BUREAUS
            else [],
            breach_count=selectors.once_rule_breaches(user=user).count()
            if user_can(user, "entrepreneurship.view_breaches")
            else None,
            **kwargs,
        )


class BusinessListView(StaffRequiredMixin, TemplateView):
    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/business_list.html"

    def get_context_data(self, **kwargs):
        filters = {"kind": self.request.GET.get("kind", ""), "q": self.request.GET.get("q", "").strip()}
        page = Paginator(selectors.business_list(user=self.request.user, filters=filters), 50).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(page=page, filters=filters, kinds=BusinessKind.choices, **kwargs)


class UserFormView(ServiceFormView):
    """A form whose choices are the signed-in user's scope."""

    def get_form_kwargs(self):
        return {"user": self.request.user}


class BusinessCreateView(UserFormView):
    permission = "entrepreneurship.manage_business"
    template_name = "entrepreneurship/business_form.html"
    form_class = BusinessForm

    def perform(self, form):
        business = form.save(commit=False)
        services.business_register(
            actor=self.request.user,
            business=business,
            founders=list(form.cleaned_data["founders"]),
            request=self.request,
        )
        messages.success(self.request, _("Business registered: %(name)s") % {"name": business.name})
        return reverse("entrepreneurship:business_detail", kwargs={"pk": business.pk})


class BusinessDetailView(StaffRequiredMixin, TemplateView):
    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/business_detail.html"
    model = Business

    def get_context_data(self, **kwargs):
        business = selectors.business_get(user=self.request.user, pk=self.kwargs["pk"])
        return super().get_context_data(
            business=business,
            applications=business.subsidy_applications.select_related("resident"),
            loans=business.loans.all(),
            **kwargs,
        )


class ApplicationListView(StaffRequiredMixin, TemplateView):
    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/application_list.html"

    def get_context_data(self, **kwargs):
        filters = {"status": self.request.GET.get("status", ""), "kind": self.request.GET.get("kind", "")}
        page = Paginator(selectors.application_list(user=self.request.user, filters=filters), 50).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            page=page, filters=filters, statuses=ApplicationStatus.choices, kinds=SubsidyKind.choices, **kwargs
        )


class ApplicationCreateView(UserFormView):
    permission = "entrepreneurship.file_application"
    template_name = "entrepreneurship/application_form.html"
    form_class = ApplicationForm
    success_message = gettext_lazy("Draft saved. Check the eligibility results, then submit.")

    def perform(self, form):
        data = form.cleaned_data
        application = services.subsidy_application_create(
            actor=self.request.user,
            kind=data["kind"],
            resident=data["resident"],
            business=data.get("business"),
            requested_amount=data.get("requested_amount"),
            employer_name=data.get("employer_name", ""),
            contract_start=data.get("contract_start"),
            contract_months=data.get("contract_months"),
            monthly_rent=data.get("monthly_rent"),
            note=data.get("note", ""),
            request=self.request,
        )
        return reverse("entrepreneurship:application_detail", kwargs={"pk": application.pk})


class ApplicationPrintView(StaffRequiredMixin, TemplateView):
    """The application as an A4 form for the applicant and the reviewers to
    sign (print CSS; the browser prints it or saves it as PDF)."""

    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/application_print.html"
    model = SubsidyApplication

    def get_context_data(self, **kwargs):
        application = selectors.application_get(user=self.request.user, pk=self.kwargs["pk"])
        # A printed form carries personal data out of the system.
        audit_record(
            actor=self.request.user,
            action=AuditAction.EXPORT,
            obj=application,
            request=self.request,
            changes={"format": "print"},
        )
        return super().get_context_data(
            application=application,
            events=application.events.select_related("actor"),
            printed_on=timezone.localdate(),
            **kwargs,
        )


class ApplicationDetailView(ServiceFormView):
    """An application with its checks and history; takes the next workflow step by POST."""

    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/application_detail.html"
    model = SubsidyApplication
    form_class = TransitionForm
    form_context_name = "transition_form"

    def load(self):
        self.application = selectors.application_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        application = self.application
        earlier = None
        if application.status not in (ApplicationStatus.REJECTED,):
            earlier = slot_holders(application).first()
        return super().get_context_data(
            application=application,
            slot_taken=slot_taken_message(application, earlier) if earlier else "",
            events=application.events.select_related("actor"),
            **kwargs,
        )

    def perform(self, form):
        data = form.cleaned_data
        services.subsidy_application_transition(
            actor=self.request.user,
            application=self.application,
            transition=data["transition"],
            note=data["note"],
            approved_amount=data["approved_amount"],
            rejection_reason=data["rejection_reason"],
            paid_on=data["paid_on"],
            payment_reference=data["payment_reference"],
            request=self.request,
        )
        return reverse("entrepreneurship:application_detail", kwargs={"pk": self.application.pk})

    def get_success_message(self, result):
        return _("Done: %(step)s") % {"step": Transition(self.request.POST["transition"]).label}

    def form_invalid(self, form):
        # A refused step may have been taken halfway by someone else: show the stored state.
        self.application.refresh_from_db()
        return super().form_invalid(form)


class AwardRegisterExportView(StaffRequiredMixin, View):
    permission = "entrepreneurship.export_awards"

    def get(self, request):
        return exports.award_register_export(user=request.user, request=request)


class BreachListView(StaffRequiredMixin, TemplateView):
    """Payments that broke the once-only rule, for the bureau to recover.
    A list, not an action: nothing is changed from here."""

    permission = "entrepreneurship.view_breaches"
    template_name = "entrepreneurship/breach_list.html"

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.once_rule_breaches(user=self.request.user), 50).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(page=page, rows=selectors.once_rule_breach_rows(page.object_list), **kwargs)


class BreachExportView(StaffRequiredMixin, View):
    permission = "entrepreneurship.view_breaches"

    def get(self, request):
        return exports.once_rule_breach_export(user=request.user, request=request)


class LoanListView(StaffRequiredMixin, TemplateView):
    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/loan_list.html"

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.loan_list(user=self.request.user), 50).get_page(self.request.GET.get("page"))
        return super().get_context_data(page=page, **kwargs)


class LoanCreateView(UserFormView):
    permission = "entrepreneurship.manage_loan"
    template_name = "entrepreneurship/loan_form.html"
    form_class = LoanForm
    success_message = gettext_lazy("Loan recorded.")

    def perform(self, form):
        services.guarantee_loan_record(actor=self.request.user, loan=form.save(commit=False), request=self.request)
        return reverse("entrepreneurship:loan_list")


class SpaceListView(StaffRequiredMixin, TemplateView):
    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/space_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(spaces=selectors.space_list(user=self.request.user), **kwargs)


class SpaceCreateView(UserFormView):
    permission = "entrepreneurship.manage_space"
    template_name = "entrepreneurship/space_form.html"
    form_class = SpaceForm

    def perform(self, form):
        space = form.save(commit=False)
        services.incubation_space_save(actor=self.request.user, space=space, request=self.request)
        return reverse("entrepreneurship:space_detail", kwargs={"pk": space.pk})


class SpaceDetailView(ServiceFormView):
    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/space_detail.html"
    form_class = OccupancyForm
    model = IncubationSpace
    success_message = gettext_lazy("Occupancy recorded.")

    def load(self):
        self.space = selectors.space_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(space=self.space, occupancy=self.space.occupancy.all()[:24], **kwargs)

    def perform(self, form):
        services.space_occupancy_record(actor=self.request.user, space=self.space, **form.cleaned_data)
        return reverse("entrepreneurship:space_detail", kwargs={"pk": self.space.pk})
