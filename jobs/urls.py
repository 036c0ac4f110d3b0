"""Staff pages of the job market, mounted under /staff/jobs/."""

from jobs.views import employer_imports, gigs, staff

app_name = "jobs"

urlpatterns = [*employer_imports.urlpatterns, *staff.urlpatterns, *gigs.staff_urlpatterns]
