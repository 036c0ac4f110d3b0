"""Public pages of this app (no account)."""

app_name = "assistance_public"

urlpatterns: list = []
