from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView


@method_decorator(login_not_required, name="dispatch")
class HomeView(TemplateView):
    template_name = "stations/home.html"


urlpatterns = [
    path("", HomeView.as_view(), name="home"),
]
