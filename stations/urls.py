"""URL lists of the base app. Each view module owns its `urlpatterns`; the
public ones mount at the site root, the staff ones under /staff/."""

from stations.views import resident_io, residents, staff, stations_admin

app_name = "stations"

urlpatterns = [*staff.urlpatterns, *stations_admin.urlpatterns, *resident_io.urlpatterns, *residents.urlpatterns]
