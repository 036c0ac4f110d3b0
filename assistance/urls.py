"""Staff pages of this app, mounted under /staff/assistance/."""

app_name = "assistance"

urlpatterns: list = []
