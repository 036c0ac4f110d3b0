"""Views: examples_public (to be written)."""

urlpatterns = []
