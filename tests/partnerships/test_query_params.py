"""Bad filter values in a query string are ignored: every list page, export and
API list of the app answers 200, never 500.

`²` passes str.isdigit() but not int(); twenty nines overflow SQLite's 64-bit
integers; fourteen nines are no year; five thousand digits exceed Python's
limit on converting text to int."""

import pytest
from django.urls import reverse

from stations.params import parse_pk, parse_year
from tests.factories.partnerships_funds import FundAllocationFactory
from tests.factories.partnerships_network import PartnerFactory

pytestmark = pytest.mark.django_db

BAD_VALUES = {
    "superscript": "²",
    "overflow": "9" * 20,
    "big": "9" * 14,
    "negative": "-1",
    "exponent": "1e5",
    "thousands_of_digits": "9" * 5000,
}

# (URL, the role that may read it, the filter parameters it reads).
STAFF_PAGES = [
    ("partnerships:partner_list", "community_staff", ["community", "page"]),
    ("partnerships:meeting_list", "community_staff", ["community", "date_from", "date_to", "page"]),
    ("partnerships:commitment_list", "community_staff", ["community", "partner", "page"]),
    ("partnerships:organisation_list", "community_staff", ["community", "page"]),
    ("partnerships:project_list", "community_staff", ["organisation", "community", "page"]),
    ("partnerships:project_create", "community_staff", ["organisation"]),
    (
        "partnerships:project_placement_list",
        "community_staff",
        ["project", "organisation", "community", "started_from", "started_to", "page"],
    ),
    ("partnerships:example_list", "community_staff", ["community", "page"]),
    ("partnerships:staff_training_list", "district_bureau", ["year", "community", "page"]),
    ("partnerships:allocation_list", "district_bureau", ["year", "community", "page"]),
    ("partnerships:allocation_export", "district_bureau", ["year", "community"]),
    ("partnerships:allocation_create", "district_bureau", ["community"]),
    ("partnerships_public:story_list", None, ["district", "page"]),
]
API_LISTS = [
    ("/api/v1/partners/members/", "community_staff", ["organisation"]),
    ("/api/v1/partners/placements/", "community_staff", ["project", "community", "open", "priority"]),
    ("/api/v1/partners/examples/", "community_staff", ["status", "kind", "queue"]),
    ("/api/v1/partners/stories/", None, ["district", "kind"]),
    ("/api/v1/partners/training/courses/", "district_bureau", ["year", "kind"]),
    ("/api/v1/partners/training/records/", "district_bureau", ["attendee"]),
    ("/api/v1/partners/fund-allocations/", "district_bureau", ["year", "community"]),
    ("/api/v1/partners/fund-spending/", "district_bureau", ["allocation"]),
    ("/api/v1/partners/fund-adjustments/", "district_bureau", ["allocation", "status"]),
]


def _cases(routes):
    for route, role, params in routes:
        for param in params:
            for label, value in BAD_VALUES.items():
                yield pytest.param(route, role, param, value, id=f"{route}?{param}={label}")


@pytest.fixture
def some_records(community):
    # Something to list, so each page renders its rows and not only its empty state.
    PartnerFactory(community=community)
    FundAllocationFactory(community=community)


def _client(client, request, role):
    if role:
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.mark.parametrize(("name", "role", "param", "value"), list(_cases(STAFF_PAGES)))
def test_a_bad_filter_value_on_a_page_is_ignored(client, request, some_records, name, role, param, value):
    response = _client(client, request, role).get(reverse(name), {param: value})
    assert response.status_code == 200


@pytest.mark.parametrize(("url", "role", "param", "value"), list(_cases(API_LISTS)))
def test_a_bad_filter_value_on_an_api_list_is_ignored(client, request, some_records, url, role, param, value):
    response = _client(client, request, role).get(url, {param: value})
    assert response.status_code == 200


@pytest.mark.parametrize("value", [*BAD_VALUES.values(), "0", "2147483648", "", None, " 12a"])
def test_parse_pk_refuses_what_is_no_row_id(value):
    assert parse_pk(value) is None


@pytest.mark.parametrize(("value", "expected"), [("7", 7), (" 42 ", 42), (42, 42), ("2147483647", 2**31 - 1)])
def test_parse_pk_reads_ascii_digits(value, expected):
    assert parse_pk(value) == expected


@pytest.mark.parametrize("value", [*BAD_VALUES.values(), "1999", "2101", "25", "２０２５", "", None])
def test_parse_year_refuses_what_is_no_budget_year(value):
    assert parse_year(value) is None


@pytest.mark.parametrize(("value", "expected"), [("2025", 2025), ("2000", 2000), (2100, 2100)])
def test_parse_year_reads_four_ascii_digits(value, expected):
    assert parse_year(value) == expected
