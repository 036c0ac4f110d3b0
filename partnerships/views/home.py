"""The app's landing page for staff: the five areas with a count each."""

from django.urls import path
from django.views.generic import TemplateView

from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin

from ..models import FundAllocation, JointMeeting, LabourOrganisation, Partner, TypicalExample


class HomeView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        counts = {
            "partners": Partner.objects.visible_to(user).filter(ended_on__isnull=True).count(),
            "meetings": JointMeeting.objects.visible_to(user).count(),
            "organisations": LabourOrganisation.objects.visible_to(user).filter(is_active=True).count(),
            "examples": TypicalExample.objects.visible_to(user).count(),
            "allocations": FundAllocation.objects.visible_to(user).count(),
        }
        return super().get_context_data(
            counts=counts, can_manage_training=user_can(user, "partnerships.manage_staff_training"), **kwargs
        )


urlpatterns = [path("", HomeView.as_view(), name="home")]
