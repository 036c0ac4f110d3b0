"""The app's landing page for staff: the five areas with a count each."""

from django.urls import path
from django.views.generic import TemplateView

from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin

from ..selectors.common import home_counts


class HomeView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            counts=home_counts(user=user),
            can_manage_training=user_can(user, "partnerships.manage_staff_training"),
            **kwargs,
        )


urlpatterns = [path("", HomeView.as_view(), name="home")]
