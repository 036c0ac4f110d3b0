"""Public pages of this app (no account)."""

app_name = "training_public"

urlpatterns: list = []
