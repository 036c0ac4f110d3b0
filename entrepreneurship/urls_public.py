"""Public pages of this app (no account)."""

app_name = "entrepreneurship_public"

urlpatterns: list = []
