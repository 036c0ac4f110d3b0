"""Staff pages of the job market (/staff/jobs/). Thin: forms parse, selectors
read within scope, services write. The pages of each concern are in the
module of that name."""

from django.urls import path

from jobs.views.staff.employers import EmployerDetailView, EmployerExportView, EmployerFormView, EmployerListView
from jobs.views.staff.fairs import FairDetailView, FairFormView, FairListView
from jobs.views.staff.postings import (
    PostingActionView,
    PostingDetailView,
    PostingFormView,
    PostingListView,
    ReviewQueueView,
)
from jobs.views.staff.recommendations import (
    AlertMatchesView,
    JobAlertCreateView,
    RecommendationDetailView,
    RecommendationListView,
    ResidentMatchesView,
)
from jobs.views.staff.targets import PostTargetsView

urlpatterns = [
    path("", PostingListView.as_view(), name="posting_list"),
    path("review/", ReviewQueueView.as_view(), name="review_queue"),
    path("postings/new/", PostingFormView.as_view(), name="posting_create"),
    path("postings/<int:pk>/", PostingDetailView.as_view(), name="posting_detail"),
    path("postings/<int:pk>/edit/", PostingFormView.as_view(), name="posting_edit"),
    path("postings/<int:pk>/publish/", PostingActionView.as_view(action="publish"), name="posting_publish"),
    path("postings/<int:pk>/reject/", PostingActionView.as_view(action="reject"), name="posting_reject"),
    path(
        "postings/<int:pk>/filled/",
        PostingActionView.as_view(action="filled", permission="jobs.manage_posting"),
        name="posting_filled",
    ),
    path("employers/", EmployerListView.as_view(), name="employer_list"),
    path("employers/new/", EmployerFormView.as_view(), name="employer_create"),
    path("employers/export.xlsx", EmployerExportView.as_view(), name="employer_export"),
    path("employers/<int:pk>/", EmployerDetailView.as_view(), name="employer_detail"),
    path("employers/<int:pk>/edit/", EmployerFormView.as_view(), name="employer_edit"),
    path("fairs/", FairListView.as_view(), name="fair_list"),
    path("fairs/new/", FairFormView.as_view(), name="fair_create"),
    path("fairs/<int:pk>/", FairDetailView.as_view(), name="fair_detail"),
    path("fairs/<int:pk>/edit/", FairFormView.as_view(), name="fair_edit"),
    path("recommendations/", RecommendationListView.as_view(), name="recommendation_list"),
    path("recommendations/<int:pk>/", RecommendationDetailView.as_view(), name="recommendation_detail"),
    path("residents/<int:resident_pk>/matches/", ResidentMatchesView.as_view(), name="resident_matches"),
    path("residents/<int:resident_pk>/alerts/new/", JobAlertCreateView.as_view(), name="jobalert_create"),
    path("alerts/", AlertMatchesView.as_view(), name="alert_matches"),
    path("targets/", PostTargetsView.as_view(), name="post_targets"),
]
