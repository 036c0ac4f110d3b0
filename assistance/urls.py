"""Staff pages of this app, mounted under /staff/assistance/."""

from django.urls import path

from assistance.views import cases, compliance, help, households

app_name = "assistance"

urlpatterns = [
    path("", cases.CaseListView.as_view(), name="case_list"),
    path("ledger.xlsx", cases.CaseLedgerExportView.as_view(), name="ledger_export"),
    path("proposed/", cases.ProposedListView.as_view(), name="proposed"),
    path("open/<int:resident_pk>/", cases.CaseOpenView.as_view(), name="case_open"),
    path("compliance/", compliance.ComplianceView.as_view(), name="compliance"),
    path("<int:pk>/", cases.CaseDetailView.as_view(), name="case_detail"),
    path("<int:pk>/print/", cases.CasePrintView.as_view(), name="case_print"),
    path("<int:pk>/services/", cases.CaseServiceCreateView.as_view(), name="case_service"),
    path("<int:pk>/reassign/", cases.CaseReassignView.as_view(), name="case_reassign"),
    path("<int:pk>/close/", cases.CaseCloseView.as_view(), name="case_close"),
    path("<int:pk>/appointment/", cases.CaseAppointmentView.as_view(), name="case_appointment"),
    path("help/", help.HelpRequestListView.as_view(), name="help_request_list"),
    path("help/<int:pk>/", help.HelpRequestDetailView.as_view(), name="help_request_detail"),
    path("households/", households.HouseholdCaseListView.as_view(), name="household_list"),
    path("households/open/<int:household_pk>/", households.HouseholdCaseOpenView.as_view(), name="household_open"),
    path("households/<int:pk>/", households.HouseholdCaseDetailView.as_view(), name="household_detail"),
    path("households/<int:pk>/services/", households.HouseholdServiceCreateView.as_view(), name="household_service"),
    path("households/<int:pk>/close/", households.HouseholdCaseCloseView.as_view(), name="household_close"),
]
