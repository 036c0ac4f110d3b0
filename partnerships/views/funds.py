"""Views: funds (to be written)."""

urlpatterns = []
