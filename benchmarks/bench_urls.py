"""URLs of a benchmark run: the product's own, plus one minimal view as the
reference every page is compared with. Used only by `manage.py bench` (in
process) and by the gunicorn it starts (benchmarks.bench_settings); the
product's URLs never include it."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path
from django.views.generic import TemplateView

from stations.views.mixins import StaffRequiredMixin

MINIMAL_PATH = "/__bench__/minimal/"
EMPTY_STAFF_PATH = "/__bench__/empty-staff/"


@login_not_required
def minimal(request):
    """The least a Django view can do: the same middleware, a fixed body."""
    return HttpResponse(b"ok", content_type="text/plain")


class EmptyStaffPage(StaffRequiredMixin, TemplateView):
    """The floor every staff page pays: the staff check, the staff layout
    (navigation, notifications badge, language switch) and no content."""

    template_name = "benchmarks/empty_staff.html"


urlpatterns = [
    path(MINIMAL_PATH.strip("/") + "/", minimal, name="bench_minimal"),
    path(EMPTY_STAFF_PATH.strip("/") + "/", EmptyStaffPage.as_view(), name="bench_empty_staff"),
    path("", include("config.urls")),
]
