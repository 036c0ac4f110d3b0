"""Public training pages: the published catalogue, open classes and the
"ask to join" form. No account, no personal data shown."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from training.forms import JoinRequestForm, PublicFilterForm
from training.models import TrainingClass
from training.selectors import public_class_get, public_class_list, public_course_list
from training.services import join_request_submit
from training.views.common import add_service_errors


@method_decorator(login_not_required, name="dispatch")
class CatalogueView(TemplateView):
    template_name = "training/catalogue_public.html"

    def get_context_data(self, **kwargs):
        form = PublicFilterForm(self.request.GET or None)
        courses = list(public_course_list(filters=form.filters() if form.is_bound else {}))
        return super().get_context_data(form=form, courses=courses, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class ClassListView(TemplateView):
    template_name = "training/class_public_list.html"

    def get_context_data(self, **kwargs):
        form = PublicFilterForm(self.request.GET or None)
        filters = form.filters() if form.is_bound else {}
        if self.request.GET.get("course", "").isdigit():
            filters["course"] = int(self.request.GET["course"])
        page = Paginator(public_class_list(filters=filters), 20).get_page(self.request.GET.get("page"))
        return super().get_context_data(form=form, page=page, classes=page.object_list, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class ClassDetailView(View):
    model = TrainingClass
    template_name = "training/class_public_detail.html"

    def _render(self, request, training_class, form):
        return render(request, self.template_name, {"training_class": training_class, "form": form})

    def get(self, request, pk):
        training_class = public_class_get(pk=pk)
        form = JoinRequestForm(district_id=training_class.community.street.district_id)
        return self._render(request, training_class, form)

    def post(self, request, pk):
        training_class = public_class_get(pk=pk)
        form = JoinRequestForm(request.POST, district_id=training_class.community.street.district_id)
        if form.is_valid():
            try:
                join_request_submit(training_class=training_class, request=request, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Thank you. Staff of %(community)s will call you about this class within two working days.")
                    % {"community": form.cleaned_data["community"]},
                )
                return redirect("training_public:class_detail", pk=training_class.pk)
        return self._render(request, training_class, form)


urlpatterns = [
    path("", CatalogueView.as_view(), name="catalogue"),
    path("classes/", ClassListView.as_view(), name="class_list"),
    path("classes/<int:pk>/", ClassDetailView.as_view(), name="class_detail"),
]
