"""Views: staff_training (to be written)."""

urlpatterns = []
