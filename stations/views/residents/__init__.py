"""The resident registry pages under /staff/residents/, one module per
concern: the list and its search (`lists`), the record (`records`), the
record page's actions (`actions`) and transfers (`transfers`).

Views stay thin: reads through stations.selectors, writes through
stations.services.residents.
"""

from django.urls import path

from stations.views.residents.actions import (
    ResidentActionView,
    ResidentHouseholdView,
    ResidentRemoveView,
    ResidentServiceView,
    ResidentStatusView,
    ResidentTextConsentView,
)
from stations.views.residents.lists import FourClearsSummaryView, ResidentListView, ResidentSearchView
from stations.views.residents.records import (
    ResidentCreateView,
    ResidentDetailView,
    ResidentEditView,
    ResidentRecordMixin,
)
from stations.views.residents.transfers import TransferDecideView, TransferListView

__all__ = [
    "FourClearsSummaryView",
    "ResidentActionView",
    "ResidentCreateView",
    "ResidentDetailView",
    "ResidentEditView",
    "ResidentHouseholdView",
    "ResidentListView",
    "ResidentRecordMixin",
    "ResidentRemoveView",
    "ResidentSearchView",
    "ResidentServiceView",
    "ResidentStatusView",
    "ResidentTextConsentView",
    "TransferDecideView",
    "TransferListView",
    "urlpatterns",
]

urlpatterns = [
    path("residents/", ResidentListView.as_view(), name="resident_list"),
    path("residents/search/", ResidentSearchView.as_view(), name="resident_search"),
    path("residents/new/", ResidentCreateView.as_view(), name="resident_create"),
    path("residents/four-clears/", FourClearsSummaryView.as_view(), name="resident_four_clears"),
    path("residents/transfers/", TransferListView.as_view(), name="resident_transfer_list"),
    path("residents/transfers/<int:pk>/decide/", TransferDecideView.as_view(), name="resident_transfer_decide"),
    path("residents/<int:pk>/", ResidentDetailView.as_view(), name="resident_detail"),
    path("residents/<int:pk>/edit/", ResidentEditView.as_view(), name="resident_edit"),
    path("residents/<int:pk>/status/", ResidentStatusView.as_view(), name="resident_status"),
    path("residents/<int:pk>/service/", ResidentServiceView.as_view(), name="resident_service"),
    path("residents/<int:pk>/household/", ResidentHouseholdView.as_view(), name="resident_household"),
    path("residents/<int:pk>/remove/", ResidentRemoveView.as_view(), name="resident_remove"),
    path("residents/<int:pk>/text-consent/", ResidentTextConsentView.as_view(), name="resident_text_consent"),
]
