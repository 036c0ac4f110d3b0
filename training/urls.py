"""Staff pages of this app, mounted under /staff/training/."""

app_name = "training"

urlpatterns: list = []
