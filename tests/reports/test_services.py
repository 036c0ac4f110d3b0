from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.services import dashboard_trends_warm


def test_warming_builds_twelve_months_and_a_year_before_for_the_city_and_each_district(db, district, other_district):
    cache.clear()

    built = dashboard_trends_warm()

    assert built == 13 * 3


def test_a_warmed_city_dashboard_builds_no_monthly_table(client, city_bureau, community):
    cache.clear()
    client.force_login(city_bureau)
    with CaptureQueriesContext(connection) as cold:
        client.get(reverse("reports:dashboard"))
    dashboard_trends_warm()

    with CaptureQueriesContext(connection) as warm:
        response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 200
    # Cold, the page builds 14 tables (the trend's 12, the month a year
    # before for 同比, the chosen month live); warm, only the chosen month's.
    assert len(warm) < len(cold) / 4


def test_warm_dashboards_command_reports_what_it_built(db, district, capsys):
    cache.clear()

    call_command("warm_dashboards")

    assert "26 monthly table(s) built." in capsys.readouterr().out
