"""Pages of the day-labour corner (零工).

Staff (/staff/jobs/gigs/, `staff`): the day's and tomorrow's odd jobs in the
area, posting on someone's behalf, registering who takes odd work, acting by
phone for residents without smartphones. Public (/gigs/, `public`): the
board, and the pages a resident or a poster reaches by the short link in their
message (/g/<code>); no account and no JavaScript needed. Wrong codes are
counted per address and stop being looked up past a limit (`codes`), so codes
cannot be guessed by trying.
"""

from django.urls import path

from jobs.views.gigs.public import BoardView, CheckView, EmployerPostView, OfferView, PosterView, ShortLinkView
from jobs.views.gigs.staff import (
    AvailabilityView,
    EmployerLinkView,
    GigCreateView,
    GigDayView,
    GigDetailView,
    GigOfferActionView,
    GigStepView,
)

staff_urlpatterns = [
    path("gigs/", GigDayView.as_view(), name="gig_day"),
    path("gigs/new/", GigCreateView.as_view(), name="gig_create"),
    path("gigs/available/", AvailabilityView.as_view(), name="gig_availability"),
    path("gigs/<int:pk>/", GigDetailView.as_view(), name="gig_detail"),
    path("gigs/<int:pk>/step/", GigStepView.as_view(), name="gig_step"),
    path("gigs/offers/<int:pk>/accept/", GigOfferActionView.as_view(action="accept"), name="gig_offer_accept"),
    path("gigs/offers/<int:pk>/cancel/", GigOfferActionView.as_view(action="cancel"), name="gig_offer_cancel"),
    path("gigs/offers/<int:pk>/check/", GigOfferActionView.as_view(action="check"), name="gig_offer_check"),
    path("gigs/employers/<int:pk>/link/", EmployerLinkView.as_view(), name="gig_employer_link"),
    path("gigs/offers/<int:pk>/flexible/", GigOfferActionView.as_view(action="flexible"), name="gig_offer_flexible"),
]

public_urlpatterns = [
    path("", BoardView.as_view(), name="board"),
    path("o/<str:token>/", OfferView.as_view(), name="offer"),
    path("check/<str:check_token>/", CheckView.as_view(), name="check"),
    path("poster/<str:poster_token>/", PosterView.as_view(), name="poster"),
    path("post/<str:code>/", EmployerPostView.as_view(), name="employer_post"),
]

# /g/<code>: the short link text messages carry (no trailing slash, as sent).
short_urlpatterns = [
    path("<str:code>", ShortLinkView.as_view(), name="go"),
    path("<str:code>/", ShortLinkView.as_view()),
]
