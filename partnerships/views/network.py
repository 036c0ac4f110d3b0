"""Views: network (to be written)."""

urlpatterns = []
