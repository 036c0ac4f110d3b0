from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.services import dashboard_trends_warm


def test_warming_computes_twelve_months_and_a_year_before_once_for_every_node(db, district, other_district):
    cache.clear()

    computed = dashboard_trends_warm()

    assert computed == 13


def test_a_warmed_city_dashboard_builds_no_monthly_table(client, city_bureau, community):
    cache.clear()
    client.force_login(city_bureau)
    with CaptureQueriesContext(connection) as cold:
        client.get(reverse("reports:dashboard"))
    dashboard_trends_warm()

    with CaptureQueriesContext(connection) as warm:
        response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 200
    # Cold, the page computes 12 months city-wide (the trend's 11 before the
    # chosen month, the month a year before for 同比) and builds the chosen
    # month live; warm, only the chosen month's table.
    assert len(warm) < len(cold) / 4


def test_after_the_warm_up_a_streets_first_dashboard_computes_no_month(client, street_officer, community, monkeypatch):
    from reports import selectors

    cache.clear()
    dashboard_trends_warm()
    computed = []
    original = selectors.month_headline_values
    monkeypatch.setattr(selectors, "month_headline_values", lambda period: computed.append(period) or original(period))
    client.force_login(street_officer)

    response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 200
    assert computed == []
