"""Staff report pages, mounted at /reports/."""

from django.urls import path

from . import views, views_corrections

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="report_list"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("<int:pk>/download/", views.ReportDownloadView.as_view(), name="report_download"),
    path("<int:pk>/retry/", views.ReportRetryView.as_view(), name="report_retry"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("bulletin/", views.BulletinView.as_view(), name="bulletin"),
    path("close/", views.PeriodCloseView.as_view(), name="period_close"),
    path("corrections/", views_corrections.CorrectionListView.as_view(), name="correction_list"),
    path("corrections/new/", views_corrections.CorrectionNewView.as_view(), name="correction_new"),
    path("corrections/<int:pk>/", views_corrections.CorrectionDetailView.as_view(), name="correction_detail"),
    path("surveys/", views.SurveyResultsView.as_view(), name="survey_results"),
    path("surveys/<int:pk>/sheet/", views.SurveySheetView.as_view(), name="survey_sheet"),
]
