"""Public training pages: the published catalogue, open classes and the
"ask to join" form. No account, no personal data shown."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from stations.views.service_form import BaseServiceFormView
from training.forms import JoinRequestForm, PublicFilterForm
from training.models import TrainingClass
from training.selectors import public_class_get, public_class_list, public_course_list
from training.services import join_request_submit


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
class ClassDetailView(BaseServiceFormView):
    model = TrainingClass
    template_name = "training/class_public_detail.html"
    form_class = JoinRequestForm

    def load(self):
        self.training_class = public_class_get(pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {"district_id": self.training_class.community.street.district_id}

    def get_context_data(self, **kwargs):
        return super().get_context_data(training_class=self.training_class, **kwargs)

    def perform(self, form):
        self.community = form.cleaned_data["community"]
        join_request_submit(training_class=self.training_class, request=self.request, **form.cleaned_data)
        return reverse("training_public:class_detail", kwargs={"pk": self.training_class.pk})

    def get_success_message(self, result):
        return _("Thank you. Staff of %(community)s will call you about this class within two working days.") % {
            "community": self.community
        }


urlpatterns = [
    path("", CatalogueView.as_view(), name="catalogue"),
    path("classes/", ClassListView.as_view(), name="class_list"),
    path("classes/<int:pk>/", ClassDetailView.as_view(), name="class_detail"),
]
