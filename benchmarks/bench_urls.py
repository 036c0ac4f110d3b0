"""URLs of a benchmark run: the product's own, plus one minimal view as the
reference every page is compared with. Used only by `manage.py bench` (in
process) and by the gunicorn it starts (benchmarks.bench_settings); the
product's URLs never include it."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path

MINIMAL_PATH = "/__bench__/minimal/"


@login_not_required
def minimal(request):
    """The least a Django view can do: the same middleware, a fixed body."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path(MINIMAL_PATH.strip("/") + "/", minimal, name="bench_minimal"),
    path("", include("config.urls")),
]
