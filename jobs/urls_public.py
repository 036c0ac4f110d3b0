"""Public pages of this app (no account)."""

app_name = "jobs_public"

urlpatterns: list = []
