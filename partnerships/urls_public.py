"""Public pages (no account), mounted under /stories/: published typical examples."""

from .views import examples_public

app_name = "partnerships_public"

urlpatterns = examples_public.urlpatterns
