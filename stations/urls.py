"""URL lists of the base app. Each view module owns its `urlpatterns`; the
public ones mount at the site root, the staff ones under /staff/."""

from stations.views import (
    audit,
    duplicates,
    notifications,
    policy,
    region,
    resident_io,
    residents,
    staff,
    staff_accounts,
    stations_admin,
)

app_name = "stations"

urlpatterns = [
    *staff.urlpatterns,
    *stations_admin.urlpatterns,
    *resident_io.urlpatterns,
    *duplicates.urlpatterns,
    *residents.urlpatterns,
    *audit.urlpatterns,
    *policy.urlpatterns,
    *region.urlpatterns,
    *notifications.urlpatterns,
    *staff_accounts.urlpatterns,
]
