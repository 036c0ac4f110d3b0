"""URL lists of the base app. Each view module owns its `urlpatterns`; the
public ones mount at the site root, the staff ones under /staff/."""

from stations.views import staff

app_name = "stations"

urlpatterns = [*staff.urlpatterns]
