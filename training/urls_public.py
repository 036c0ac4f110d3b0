"""Public pages of this app (no account), mounted at /training/."""

from training.views import public

app_name = "training_public"

urlpatterns = [*public.urlpatterns]
