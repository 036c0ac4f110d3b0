from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from stations.audit import audit_record
from stations.forms.errors import add_service_errors
from stations.models import AuditAction
from stations.permissions import BUREAUS, user_can
from stations.scoping import get_visible_or_404
from stations.views.mixins import StaffRequiredMixin

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


class BusinessCreateView(StaffRequiredMixin, FormView):
    permission = "entrepreneurship.manage_business"
    template_name = "entrepreneurship/business_form.html"
    form_class = BusinessForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        business = form.save(commit=False)
        try:
            services.business_register(
                actor=self.request.user,
                business=business,
                founders=list(form.cleaned_data["founders"]),
                request=self.request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Business registered: %(name)s") % {"name": business.name})
        return redirect("entrepreneurship:business_detail", pk=business.pk)


class BusinessDetailView(StaffRequiredMixin, TemplateView):
    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/business_detail.html"
    model = Business

    def get_context_data(self, **kwargs):
        business = get_visible_or_404(
            Business.objects.prefetch_related("founders"), self.request.user, pk=self.kwargs["pk"]
        )
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


class ApplicationCreateView(StaffRequiredMixin, FormView):
    permission = "entrepreneurship.file_application"
    template_name = "entrepreneurship/application_form.html"
    form_class = ApplicationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
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
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Draft saved. Check the eligibility results, then submit."))
        return redirect("entrepreneurship:application_detail", pk=application.pk)


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


class ApplicationDetailView(StaffRequiredMixin, TemplateView):
    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/application_detail.html"
    model = SubsidyApplication

    def get_application(self):
        return get_visible_or_404(
            SubsidyApplication.objects.select_related("resident", "business", "community"),
            self.request.user,
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        application = kwargs.pop("application", None) or self.get_application()
        allowed = application.allowed_transitions(self.request.user.role)
        earlier = None
        if application.status not in (ApplicationStatus.REJECTED,):
            earlier = slot_holders(application).first()
        return super().get_context_data(
            application=application,
            slot_taken=slot_taken_message(application, earlier) if earlier else "",
            events=application.events.select_related("actor"),
            allowed=allowed,
            transition_form=kwargs.pop("transition_form", None) or TransitionForm(),
            Transition=Transition,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        application = self.get_application()
        form = TransitionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.subsidy_application_transition(
                    actor=request.user,
                    application=application,
                    transition=data["transition"],
                    note=data["note"],
                    approved_amount=data["approved_amount"],
                    rejection_reason=data["rejection_reason"],
                    paid_on=data["paid_on"],
                    payment_reference=data["payment_reference"],
                    request=request,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Done: %(step)s") % {"step": Transition(data["transition"]).label})
                return redirect("entrepreneurship:application_detail", pk=application.pk)
        application.refresh_from_db()
        return self.render_to_response(self.get_context_data(application=application, transition_form=form))


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


class LoanCreateView(StaffRequiredMixin, FormView):
    permission = "entrepreneurship.manage_loan"
    template_name = "entrepreneurship/loan_form.html"
    form_class = LoanForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        loan = form.save(commit=False)
        try:
            services.guarantee_loan_record(actor=self.request.user, loan=loan, request=self.request)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Loan recorded."))
        return redirect("entrepreneurship:loan_list")


class SpaceListView(StaffRequiredMixin, TemplateView):
    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/space_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(spaces=selectors.space_list(user=self.request.user), **kwargs)


class SpaceCreateView(StaffRequiredMixin, FormView):
    permission = "entrepreneurship.manage_space"
    template_name = "entrepreneurship/space_form.html"
    form_class = SpaceForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        space = form.save(commit=False)
        try:
            services.incubation_space_save(actor=self.request.user, space=space, request=self.request)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        return redirect("entrepreneurship:space_detail", pk=space.pk)


class SpaceDetailView(StaffRequiredMixin, FormView):
    permission = "entrepreneurship.view"
    template_name = "entrepreneurship/space_detail.html"
    form_class = OccupancyForm
    model = IncubationSpace

    def get_space(self):
        return get_visible_or_404(IncubationSpace.objects, self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        space = self.get_space()
        return super().get_context_data(space=space, occupancy=space.occupancy.all()[:24], **kwargs)

    def form_valid(self, form):
        try:
            services.space_occupancy_record(actor=self.request.user, space=self.get_space(), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Occupancy recorded."))
        return redirect("entrepreneurship:space_detail", pk=self.kwargs["pk"])
