"""Staff pages of this app, mounted under /staff/startup/."""

from django.urls import path

from . import views, views_catalogue

app_name = "entrepreneurship"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("businesses/", views.BusinessListView.as_view(), name="business_list"),
    path("businesses/new/", views.BusinessCreateView.as_view(), name="business_create"),
    path("businesses/<int:pk>/", views.BusinessDetailView.as_view(), name="business_detail"),
    path("applications/", views.ApplicationListView.as_view(), name="application_list"),
    path("applications/new/", views.ApplicationCreateView.as_view(), name="application_create"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application_detail"),
    path("applications/<int:pk>/print/", views.ApplicationPrintView.as_view(), name="application_print"),
    path("awards.xlsx", views.AwardRegisterExportView.as_view(), name="award_export"),
    path("breaches/", views.BreachListView.as_view(), name="breach_list"),
    path("breaches.xlsx", views.BreachExportView.as_view(), name="breach_export"),
    path("loans/", views.LoanListView.as_view(), name="loan_list"),
    path("loans/new/", views.LoanCreateView.as_view(), name="loan_create"),
    path("spaces/", views.SpaceListView.as_view(), name="space_list"),
    path("spaces/new/", views.SpaceCreateView.as_view(), name="space_create"),
    path("spaces/<int:pk>/", views.SpaceDetailView.as_view(), name="space_detail"),
    path("catalogue/", views_catalogue.CatalogueListView.as_view(), name="catalogue"),
]

# The public catalogue as staff keep it: the same views for each kind.
for kind in ("projects", "stars", "events"):
    urlpatterns += [
        path(
            f"catalogue/{kind}/new/", views_catalogue.CatalogueFormView.as_view(kind=kind), name=f"catalogue_{kind}_new"
        ),
        path(
            f"catalogue/{kind}/<int:pk>/",
            views_catalogue.CatalogueDetailView.as_view(kind=kind),
            name=f"catalogue_{kind}_detail",
        ),
        path(
            f"catalogue/{kind}/<int:pk>/edit/",
            views_catalogue.CatalogueFormView.as_view(kind=kind),
            name=f"catalogue_{kind}_edit",
        ),
        path(
            f"catalogue/{kind}/<int:pk>/step/",
            views_catalogue.CatalogueStepView.as_view(kind=kind),
            name=f"catalogue_{kind}_step",
        ),
    ]
