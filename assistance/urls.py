"""Staff pages of this app, mounted under /staff/assistance/."""

from django.urls import path

from assistance import views, views_help

app_name = "assistance"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="case_list"),
    path("ledger.xlsx", views.CaseLedgerExportView.as_view(), name="ledger_export"),
    path("proposed/", views.ProposedListView.as_view(), name="proposed"),
    path("open/<int:resident_pk>/", views.CaseOpenView.as_view(), name="case_open"),
    path("compliance/", views.ComplianceView.as_view(), name="compliance"),
    path("<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("<int:pk>/print/", views.CasePrintView.as_view(), name="case_print"),
    path("<int:pk>/services/", views.CaseServiceCreateView.as_view(), name="case_service"),
    path("<int:pk>/reassign/", views.CaseReassignView.as_view(), name="case_reassign"),
    path("<int:pk>/close/", views.CaseCloseView.as_view(), name="case_close"),
    path("<int:pk>/appointment/", views.CaseAppointmentView.as_view(), name="case_appointment"),
    path("help/", views_help.HelpRequestListView.as_view(), name="help_request_list"),
    path("help/<int:pk>/", views_help.HelpRequestDetailView.as_view(), name="help_request_detail"),
    path("households/", views.HouseholdCaseListView.as_view(), name="household_list"),
    path("households/open/<int:household_pk>/", views.HouseholdCaseOpenView.as_view(), name="household_open"),
    path("households/<int:pk>/", views.HouseholdCaseDetailView.as_view(), name="household_detail"),
    path("households/<int:pk>/services/", views.HouseholdServiceCreateView.as_view(), name="household_service"),
    path("households/<int:pk>/close/", views.HouseholdCaseCloseView.as_view(), name="household_close"),
]
