"""Staff pages of the job market, mounted under /staff/jobs/."""

from jobs.views import gigs, staff

app_name = "jobs"

urlpatterns = [*staff.urlpatterns, *gigs.staff_urlpatterns]
