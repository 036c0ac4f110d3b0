"""Public pages of the job market (no account), mounted at /jobs/."""

from jobs.views import public

app_name = "jobs_public"

urlpatterns = [*public.urlpatterns]
