"""Public pages of this app (no account), mounted under /startup/."""

from django.urls import path

from . import views_public

app_name = "entrepreneurship_public"

urlpatterns = [
    path("", views_public.StartupHomeView.as_view(), name="home"),
    path("projects/<int:pk>/", views_public.ProjectDetailView.as_view(), name="project"),
    path("stars/<int:pk>/", views_public.StarDetailView.as_view(), name="star"),
    path("events/<int:pk>/", views_public.EventDetailView.as_view(), name="event"),
]
