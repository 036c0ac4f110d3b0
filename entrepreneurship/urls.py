"""Staff pages of this app, mounted under /staff/entrepreneurship/."""

app_name = "entrepreneurship"

urlpatterns: list = []
