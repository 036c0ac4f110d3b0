"""Staff pages of this app, mounted under /staff/training/."""

from training.views import staff

app_name = "training"

urlpatterns = [*staff.urlpatterns]
