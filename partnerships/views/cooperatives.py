"""Views: cooperatives (to be written)."""

urlpatterns = []
