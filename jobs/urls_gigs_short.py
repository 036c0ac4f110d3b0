"""The short links of the day-labour corner's text messages, mounted at /g/."""

from jobs.views import gigs

app_name = "gigs_short"

urlpatterns = [*gigs.short_urlpatterns]
