"""Public pages of this app (no account): the help request."""

from django.urls import path

from assistance.views import public

app_name = "assistance_public"

urlpatterns = [
    path("", public.HelpRequestView.as_view(), name="help_request"),
    path("sent/<str:token>/", public.HelpRequestSentView.as_view(), name="help_request_sent"),
]
