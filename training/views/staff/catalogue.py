"""Staff pages of the district catalogue, its courses and the providers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView
from training import selectors, services
from training.forms import (
    CatalogueForm,
    CourseForm,
    ProviderForm,
)
from training.models import (
    Catalogue,
    Course,
    Provider,
)
from training.views.common import TrainingPage


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
