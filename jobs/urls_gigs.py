"""Public pages of the day-labour corner, mounted at /gigs/."""

from jobs.views import gigs

app_name = "gigs_public"

urlpatterns = [*gigs.public_urlpatterns]
