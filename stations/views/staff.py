from django.urls import path
from django.views.generic import TemplateView

from stations.dashboard import panels_for
from stations.selectors import dashboard_counts
from stations.views.mixins import StaffRequiredMixin


class DashboardView(StaffRequiredMixin, TemplateView):
    template_name = "stations/dashboard.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counts=dashboard_counts(user=self.request.user),
            panels=panels_for(self.request),
            **kwargs,
        )


urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
]
