"""The residents' satisfaction survey, one form per station (linked by QR code)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "reports_public"

urlpatterns = [
    path("<int:pk>/", login_not_required(views.SurveyView.as_view()), name="survey"),
    path("<int:pk>/thanks/", login_not_required(views.SurveyThanksView.as_view()), name="survey_thanks"),
]
