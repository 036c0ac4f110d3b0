"""Staff pages of training (/staff/training/). Thin: forms collect, services
decide, selectors read within the user's scope.

The home page and the dashboard panel are here; the pages of each concern
in the module of that name.
"""

from __future__ import annotations

from django.urls import path

from stations.permissions import user_can
from training import selectors
from training.models import ClassStatus
from training.views.common import TrainingPage
from training.views.staff.catalogue import (
    CatalogueCreateView,
    CatalogueDetailView,
    CatalogueListView,
    CataloguePublishView,
    CourseEditView,
    ProviderFormView,
    ProviderListView,
)
from training.views.staff.classes import ClassDetailView, ClassFormView, ClassListView, ClassStepView
from training.views.staff.enrolments import EnrolmentListView, EnrolmentResultView, EnrolView, PushView
from training.views.staff.needs import JoinRequestHandleView, JoinRequestListView, NeedListView, NeedSummaryView
from training.views.staff.outcomes import LoopView, RateView


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
    path("classes/<int:pk>/step/", ClassStepView.as_view(), name="class_step"),
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
