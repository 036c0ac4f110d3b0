"""The public services the portal offers, as the province's 爱山东 platform
lists them (GET /api/v1/service-items/): name in Chinese and English, a
short description, the deep link the platform opens in its web view, and an
icon key the platform maps to its own icon set.

One list, in the order the platform shows it, like the text message templates
(stations/messaging/templates.py): what a site registers with the province is
an editorial decision reviewed in one place, not something each app adds on
its own. Entries name their page by URL name (a string: the base app imports
no feature app); an entry whose page is not installed is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ServiceItem:
    key: str
    name: object  # lazy text: rendered in each language
    description: object
    icon: str
    url_name: str = ""
    # A page addressed by a fixed path instead of a URL name (one that another
    # part of the portal provides under that path).
    path: str = ""
    # Placeholders the platform fills in the deep link, e.g. {station_id}.
    link_parameters: tuple[str, ...] = ()

    def resolve_path(self) -> str | None:
        if self.path:
            return self.path
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None

    def text(self, value, language: str) -> str:
        with translation.override(language):
            return str(value)


SERVICE_ITEMS: tuple[ServiceItem, ...] = (
    ServiceItem(
        key="find_job",
        name=_("Find a job"),
        description=_("Vacancies near your home, checked by your community's station."),
        icon="briefcase",
        url_name="jobs_public:posting_list",
    ),
    ServiceItem(
        key="odd_jobs",
        name=_("Odd jobs"),
        description=_("Hourly and daily work near home, posted and filled the same day."),
        icon="clock",
        url_name="gigs_public:board",
    ),
    ServiceItem(
        key="training",
        name=_("Free training courses"),
        description=_("Free skills classes in your district, evenings and weekends too."),
        icon="graduation-cap",
        url_name="training_public:catalogue",
    ),
    ServiceItem(
        key="ask_for_help",
        name=_("Ask for help"),
        description=_("Ask your community for help with work, training, starting a business or hardship."),
        icon="hand-heart",
        url_name="assistance_public:help_request",
    ),
    ServiceItem(
        key="station_finder",
        name=_("Find your employment station"),
        description=_("The station nearest your home, its opening hours and phone."),
        icon="map-pin",
        url_name="public:station_finder",
    ),
    ServiceItem(
        key="satisfaction_survey",
        name=_("Rate your station"),
        description=_("Tell us how your station served you. The link carries the station's number."),
        icon="star",
        path="/survey/{station_id}/",
        link_parameters=("station_id",),
    ),
    ServiceItem(
        key="my_page",
        name=_("My employment record"),
        description=_("Sign in with a code sent to your mobile: your record, services, messages and wishes."),
        icon="user",
        # The resident's own page, served under this path.
        path="/me/",
    ),
)


def service_items() -> list[ServiceItem]:
    """The items whose page exists here, in the platform's order."""
    return [item for item in SERVICE_ITEMS if item.resolve_path() is not None]
