"""Staff pages of training (/staff/training/). Thin: forms collect, services
decide, selectors read within the user's scope."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView
from training import selectors, services
from training.forms import (
    CatalogueForm,
    CourseForm,
    EnrolForm,
    JoinRequestHandleForm,
    NeedForm,
    ProviderForm,
    PushForm,
    ResultForm,
    TrainingClassForm,
)
from training.models import (
    Catalogue,
    ClassStatus,
    Course,
    Enrolment,
    EnrolmentStatus,
    JoinRequest,
    JoinRequestStatus,
    Provider,
    TrainingClass,
)


class TrainingPage(StaffRequiredMixin, TemplateView):
    permission = "training.view"

    def can(self, rule: str) -> bool:
        return user_can(self.request.user, rule)


# --- home ------------------------------------------------------------------------------
class HomeView(TrainingPage):
    template_name = "training/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            counts=selectors.class_overview_counts(user=user),
            classes=selectors.class_list(user=user, filters={"status": ClassStatus.OPEN})[:10],
            **kwargs,
        )


def join_request_panel(request):
    """Dashboard panel: requests to join waiting in the user's communities."""
    if not user_can(request.user, "training.handle_join_request"):
        return None
    waiting = selectors.join_request_list(user=request.user)
    count = waiting.count()
    return {"count": count, "latest": list(waiting[:5])} if count else None


# --- catalogue ---------------------------------------------------------------------------
class CatalogueListView(TrainingPage):
    template_name = "training/catalogue_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            catalogues=selectors.catalogue_list(user=self.request.user),
            can_manage=self.can("training.manage_catalogue"),
            **kwargs,
        )


class CatalogueCreateView(TrainingPage, ServiceFormView):
    permission = "training.manage_catalogue"
    template_name = "training/catalogue_form.html"
    form_class = CatalogueForm
    success_message = gettext_lazy("Draft catalogue created. Add its courses, then publish it.")

    def perform(self, form):
        catalogue = services.catalogue_create(actor=self.request.user, request=self.request, **form.cleaned_data)
        return reverse("training:catalogue_detail", kwargs={"pk": catalogue.pk})


class CatalogueDetailView(TrainingPage, ServiceFormView):
    """A catalogue with its courses; a draft also shows the add-course form."""

    model = Catalogue
    template_name = "training/catalogue_detail.html"
    form_class = CourseForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.catalogue = selectors.catalogue_get(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            catalogue=self.catalogue,
            courses=self.catalogue.courses.all(),
            can_edit=self.catalogue.is_editable and self.can("training.manage_catalogue"),
            **kwargs,
        )

    def perform(self, form):
        services.course_save(
            actor=self.request.user, catalogue=self.catalogue, data=form.cleaned_data, request=self.request
        )
        messages.success(self.request, _("Course “%(name)s” added.") % {"name": form.cleaned_data["name"]})
        return reverse("training:catalogue_detail", kwargs={"pk": self.catalogue.pk}) + "#add-course"


class CataloguePublishView(StaffRequiredMixin, View):
    permission = "training.manage_catalogue"
    model = Catalogue

    def post(self, request, pk):
        catalogue = selectors.catalogue_get(user=request.user, pk=pk)
        try:
            services.catalogue_publish(actor=request.user, catalogue=catalogue, request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The catalogue is published: residents see it at /training/."))
        return redirect("training:catalogue_detail", pk=pk)


class CourseEditView(TrainingPage, ServiceFormView):
    permission = "training.manage_catalogue"
    model = Course
    template_name = "training/course_form.html"
    form_class = CourseForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.course = selectors.course_get(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        # A fresh copy: the form's changes must not show on the page's object.
        return {"instance": selectors.course_get(user=self.request.user, pk=self.course.pk)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(course=self.course, **kwargs)

    def perform(self, form):
        services.course_save(
            actor=self.request.user,
            catalogue=self.course.catalogue,
            course=self.course,
            data=form.cleaned_data,
            request=self.request,
        )
        messages.success(self.request, _("Course saved."))
        return reverse("training:catalogue_detail", kwargs={"pk": self.course.catalogue_id})


# --- providers -----------------------------------------------------------------------------
class ProviderListView(TrainingPage):
    template_name = "training/provider_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            providers=selectors.provider_list(user=self.request.user),
            can_manage=self.can("training.manage_provider"),
            **kwargs,
        )


class ProviderFormView(TrainingPage, ServiceFormView):
    permission = "training.manage_provider"
    model = Provider
    template_name = "training/provider_form.html"
    form_class = ProviderForm
    success_message = gettext_lazy("Provider saved.")

    def dispatch(self, request, *args, **kwargs):
        self.provider = None
        if request.user.is_authenticated and "pk" in kwargs:
            self.provider = selectors.provider_get(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            "user": self.request.user,
            "instance": self.provider and selectors.provider_get(user=self.request.user, pk=self.provider.pk),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(provider=self.provider, **kwargs)

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "served_communities"}
        services.provider_save(
            actor=self.request.user,
            provider=self.provider,
            data=data,
            served_communities=form.cleaned_data["served_communities"],
            request=self.request,
        )
        return reverse("training:provider_list")


# --- classes -----------------------------------------------------------------------------------
class ClassListView(TrainingPage):
    template_name = "training/class_list.html"

    def get_context_data(self, **kwargs):
        filters = {k: self.request.GET.get(k, "") for k in ("status", "schedule_type", "q")}
        page = Paginator(selectors.class_list(user=self.request.user, filters=filters), 50).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            page=page,
            classes=page.object_list,
            filters=filters,
            statuses=ClassStatus.choices,
            can_manage=self.can("training.manage_class"),
            **kwargs,
        )


class ClassFormView(TrainingPage, ServiceFormView):
    permission = "training.manage_class"
    model = TrainingClass
    template_name = "training/class_form.html"
    form_class = TrainingClassForm
    success_message = gettext_lazy("Class saved.")

    def dispatch(self, request, *args, **kwargs):
        self.training_class = None
        if request.user.is_authenticated and "pk" in kwargs:
            self.training_class = selectors.training_class_get(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            "user": self.request.user,
            "instance": self.training_class
            and selectors.training_class_get(user=self.request.user, pk=self.training_class.pk),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(training_class=self.training_class, **kwargs)

    def perform(self, form):
        training_class = services.training_class_save(
            actor=self.request.user, training_class=self.training_class, data=form.cleaned_data, request=self.request
        )
        return reverse("training:class_detail", kwargs={"pk": training_class.pk})


class ClassDetailView(TrainingPage):
    model = TrainingClass
    template_name = "training/class_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        training_class = selectors.training_class_get(user=user, pk=self.kwargs["pk"])
        from training.services.classes import TRANSITIONS

        next_statuses = [s for s, sources in TRANSITIONS.items() if training_class.status in sources]
        return super().get_context_data(
            training_class=training_class,
            roster=selectors.class_roster(user=user, training_class=training_class),
            next_statuses=[(s, ClassStatus(s).label) for s in next_statuses],
            can_manage=self.can("training.manage_class"),
            can_enrol=self.can("training.enrol"),
            rates=selectors.post_training_employment_rate(
                user=user, group_by="class", period_start=training_class.start_date, period_end=timezone.localdate()
            ),
            definition=selectors.RATE_DEFINITION,
            **kwargs,
        )


class ClassStatusView(StaffRequiredMixin, View):
    permission = "training.manage_class"
    model = TrainingClass

    def post(self, request, pk):
        training_class = selectors.training_class_get(user=request.user, pk=pk)
        status = request.POST.get("status", "")
        if status not in ClassStatus.values:
            raise Http404
        try:
            services.training_class_set_status(
                actor=request.user, training_class=training_class, status=status, request=request
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The class is now: %(status)s.") % {"status": ClassStatus(status).label})
        return redirect("training:class_detail", pk=pk)


# --- enrolments ------------------------------------------------------------------------------------
class EnrolView(TrainingPage, ServiceFormView):
    """Fast entry: choose the class once, then type ID numbers one after another."""

    permission = "training.enrol"
    template_name = "training/enrolment_form.html"
    form_class = EnrolForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        if self.request.GET.get("class", "").isdigit():
            return {"training_class": int(self.request.GET["class"])}
        return {}

    def perform(self, form):
        enrolment = services.enrolment_create(
            actor=self.request.user,
            resident=form.cleaned_data["resident"],
            training_class=form.cleaned_data["training_class"],
            note=form.cleaned_data["note"],
            request=self.request,
        )
        messages.success(
            self.request,
            _("%(name)s is enrolled in “%(cls)s”.")
            % {"name": enrolment.resident.name, "cls": enrolment.training_class},
        )
        return reverse("training:enrol") + "?" + urlencode({"class": enrolment.training_class_id})


class EnrolmentListView(TrainingPage):
    template_name = "training/enrolment_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        page = Paginator(selectors.enrolment_list(user=self.request.user, filters={"status": status}), 50).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            page=page, enrolments=page.object_list, status=status, statuses=EnrolmentStatus.choices, **kwargs
        )


class EnrolmentResultView(TrainingPage, ServiceFormView):
    permission = "training.record_result"
    model = Enrolment
    template_name = "training/enrolment_result.html"
    form_class = ResultForm
    success_message = gettext_lazy("Result saved.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.enrolment = selectors.enrolment_get(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        e = self.enrolment
        return {
            "status": e.status,
            "attended_hours": e.attended_hours,
            "completed_on": e.completed_on
            or (e.training_class.end_date if e.training_class.end_date <= timezone.localdate() else None),
            "certificate_number": e.certificate_number,
            "feedback_score": e.feedback_score,
            "note": e.note,
        }

    def get_context_data(self, **kwargs):
        outcome = None
        e = self.enrolment
        if e.completed_on:
            outcome = (
                selectors.completed_enrolments_with_outcome(
                    user=self.request.user, period_start=e.completed_on, period_end=e.completed_on
                )
                .filter(pk=e.pk)
                .values("employed_3m", "employed_6m")
                .first()
            )
        return super().get_context_data(enrolment=e, outcome=outcome, **kwargs)

    def perform(self, form):
        services.enrolment_record_result(
            actor=self.request.user, enrolment=self.enrolment, request=self.request, **form.cleaned_data
        )
        return (
            reverse("training:class_detail", kwargs={"pk": self.enrolment.training_class_id})
            if selectors.training_class_find(user=self.request.user, pk=self.enrolment.training_class_id)
            else reverse("training:enrolment_list")
        )


# --- needs ------------------------------------------------------------------------------------
class NeedListView(TrainingPage, ServiceFormView):
    """The needs list with a quick-entry form on top: the round date stays
    between entries, the cursor returns to the ID number field."""

    template_name = "training/need_list.html"
    form_class = NeedForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        round_date = parse_date(self.request.GET.get("round", "") or "")
        return {"round_date": round_date} if round_date else {}

    def get_context_data(self, **kwargs):
        filters = {"occupation": self.request.GET.get("occupation", "")}
        for_class = None
        if self.request.GET.get("for_class"):
            # A class out of scope answers like a missing one: no filter.
            for_class = selectors.training_class_find(user=self.request.user, pk=self.request.GET["for_class"])
            filters["for_class"] = for_class
        page = Paginator(selectors.need_list(user=self.request.user, filters=filters), 50).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            page=page,
            needs=page.object_list,
            for_class=for_class,
            filters=filters,
            can_record=self.can("training.record_need"),
            trades=selectors.published_trades(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.can("training.record_need"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("training.record_need")
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        need = services.training_need_record(actor=self.request.user, request=self.request, **data)
        messages.success(
            self.request,
            _("Recorded: %(name)s wants %(trade)s.") % {"name": need.resident.name, "trade": need.occupation},
        )
        return reverse("training:need_list") + "?" + urlencode({"round": data["round_date"].isoformat()})


def _period(request, default_days: int = 365) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    start = parse_date(request.GET.get("from", "") or "") or today - dt.timedelta(days=default_days)
    end = parse_date(request.GET.get("to", "") or "") or today
    return start, end


class NeedSummaryView(TrainingPage):
    template_name = "training/need_summary.html"

    def get_context_data(self, **kwargs):
        by = "district" if self.request.GET.get("by") == "district" else "community"
        start, end = _period(self.request)
        return super().get_context_data(
            rows=selectors.need_demand_summary(user=self.request.user, by=by, round_from=start, round_to=end),
            by=by,
            period_start=start,
            period_end=end,
            **kwargs,
        )


# --- push, join requests ------------------------------------------------------------------------------
class PushView(TrainingPage, ServiceFormView):
    permission = "training.push_class"
    template_name = "training/push_form.html"
    form_class = PushForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        data = form.cleaned_data
        services.class_push_to_resident(actor=self.request.user, request=self.request, **data)
        messages.success(
            self.request,
            _("Written to %(name)s's service log as training information.") % {"name": data["resident"].name},
        )
        return reverse("training:push")


class JoinRequestListView(TrainingPage):
    template_name = "training/joinrequest_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", JoinRequestStatus.NEW)
        return super().get_context_data(
            requests=selectors.join_request_list(user=self.request.user, status=status or None)[:200],
            status=status,
            statuses=JoinRequestStatus.choices,
            **kwargs,
        )


class JoinRequestHandleView(TrainingPage, ServiceFormView):
    permission = "training.handle_join_request"
    model = JoinRequest
    template_name = "training/joinrequest_handle.html"
    form_class = JoinRequestHandleForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.join_request = selectors.join_request_get(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(join_request=self.join_request, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        services.join_request_handle(
            actor=self.request.user,
            join_request=self.join_request,
            outcome=data["outcome"],
            resident=data["resident"],
            note=data["note"],
            request=self.request,
        )
        messages.success(self.request, _("Request handled."))
        return reverse("training:joinrequest_list")


# --- figures --------------------------------------------------------------------------------------
class RateView(TrainingPage):
    template_name = "training/rates.html"

    def get_context_data(self, **kwargs):
        group_by = self.request.GET.get("by", "district")
        if group_by not in selectors.RATE_GROUPS:
            group_by = "district"
        start, end = _period(self.request, default_days=730)
        rows = selectors.post_training_employment_rate(
            user=self.request.user, group_by=group_by, period_start=start, period_end=end
        )
        return super().get_context_data(
            rows=rows,
            total=selectors.rate_total(rows),
            group_by=group_by,
            groups=[
                ("district", _("District")),
                ("community", _("Community")),
                ("class", _("Class")),
                ("course", _("Course")),
                ("provider", _("Provider")),
            ],
            period_start=start,
            period_end=end,
            definition=selectors.RATE_DEFINITION,
            **kwargs,
        )


class LoopView(TrainingPage):
    template_name = "training/loop.html"

    def get_context_data(self, **kwargs):
        start, end = _period(self.request, default_days=730)
        return super().get_context_data(
            rows=selectors.training_loop_by_district(user=self.request.user, round_from=start, round_to=end),
            period_start=start,
            period_end=end,
            definition=selectors.LOOP_DEFINITION,
            **kwargs,
        )


urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("catalogues/", CatalogueListView.as_view(), name="catalogue_list"),
    path("catalogues/new/", CatalogueCreateView.as_view(), name="catalogue_create"),
    path("catalogues/<int:pk>/", CatalogueDetailView.as_view(), name="catalogue_detail"),
    path("catalogues/<int:pk>/publish/", CataloguePublishView.as_view(), name="catalogue_publish"),
    path("courses/<int:pk>/edit/", CourseEditView.as_view(), name="course_edit"),
    path("providers/", ProviderListView.as_view(), name="provider_list"),
    path("providers/new/", ProviderFormView.as_view(), name="provider_create"),
    path("providers/<int:pk>/edit/", ProviderFormView.as_view(), name="provider_edit"),
    path("classes/", ClassListView.as_view(), name="class_list"),
    path("classes/new/", ClassFormView.as_view(), name="class_create"),
    path("classes/<int:pk>/", ClassDetailView.as_view(), name="class_detail"),
    path("classes/<int:pk>/edit/", ClassFormView.as_view(), name="class_edit"),
    path("classes/<int:pk>/status/", ClassStatusView.as_view(), name="class_status"),
    path("enrol/", EnrolView.as_view(), name="enrol"),
    path("enrolments/", EnrolmentListView.as_view(), name="enrolment_list"),
    path("enrolments/<int:pk>/", EnrolmentResultView.as_view(), name="enrolment_result"),
    path("needs/", NeedListView.as_view(), name="need_list"),
    path("needs/summary/", NeedSummaryView.as_view(), name="need_summary"),
    path("push/", PushView.as_view(), name="push"),
    path("requests/", JoinRequestListView.as_view(), name="joinrequest_list"),
    path("requests/<int:pk>/", JoinRequestHandleView.as_view(), name="joinrequest_handle"),
    path("rates/", RateView.as_view(), name="rates"),
    path("loop/", LoopView.as_view(), name="loop"),
]
