"""Public startup pages (no account): project catalogue and guide, stars, events."""

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from . import selectors


@method_decorator(login_not_required, name="dispatch")
class StartupHomeView(TemplateView):
    template_name = "entrepreneurship/public_home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            projects=selectors.public_projects()[:50],
            stars=selectors.public_stars()[:12],
            events=selectors.public_events(upcoming_only=True)[:12],
            **kwargs,
        )


@method_decorator(login_not_required, name="dispatch")
class ProjectDetailView(TemplateView):
    template_name = "entrepreneurship/public_project.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(project=selectors.public_project_get(pk=self.kwargs["pk"]))


@method_decorator(login_not_required, name="dispatch")
class StarDetailView(TemplateView):
    template_name = "entrepreneurship/public_star.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(star=selectors.public_star_get(pk=self.kwargs["pk"]))


@method_decorator(login_not_required, name="dispatch")
class EventDetailView(TemplateView):
    template_name = "entrepreneurship/public_event.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=selectors.public_event_get(pk=self.kwargs["pk"]))
