"""Views: examples (to be written)."""

urlpatterns = []
