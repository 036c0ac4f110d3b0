"""Staff pages of this app, mounted under /staff/jobs/."""

app_name = "jobs"

urlpatterns: list = []
