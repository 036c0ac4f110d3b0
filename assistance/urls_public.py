"""Public pages of this app (no account): the help request."""

from django.urls import path

from assistance import views_public

app_name = "assistance_public"

urlpatterns = [
    path("", views_public.HelpRequestView.as_view(), name="help_request"),
    path("sent/<str:token>/", views_public.HelpRequestSentView.as_view(), name="help_request_sent"),
]
