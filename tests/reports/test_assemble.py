"""Assembling the tables. A community's workbook has a row per station: the
per-station figures against independent counts, the rest blank, and the
community's own figures in the total row. The tables kept in the cache carry
no labels, and the dashboard built from them takes a fixed number of queries
and computes each month once."""

import datetime as dt
import io
import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from reports.assemble import build_table
from reports.models import SatisfactionResponse
from reports.nodes import Node, parse_node
from reports.periods import parse_period, previous_month
from reports.services import period_close_submit, workbook_bytes
from stations.figures import sources
from stations.models import StationService, StationStatus
from tests.factories import ResidentFactory, ServiceRecordFactory, StationFactory
from tests.factories.region import CommunityFactory
from tests.factories.reports import SatisfactionResponseFactory

pytestmark = pytest.mark.django_db

# Factory records are created today, so a whole-year period holds them all.
PERIOD = str(timezone.localdate().year)


@pytest.fixture
def stations(community, sibling_community):
    """Two stations in the community (one offering all nine services), ratings
    and services with known counts, and a station next door that must not show."""
    north = StationFactory(community=community, name="北门驿站")
    north.services.set(StationService.objects.all())
    south = StationFactory(community=community, name="南门驿站")
    for rating in (5, 4, 2):
        SatisfactionResponseFactory(station=north, rating=rating)
    SatisfactionResponseFactory(station=south, rating=1)
    for _i in range(3):
        ServiceRecordFactory(resident=ResidentFactory(community=community), served_on=timezone.localdate())
    neighbour = StationFactory(community=sibling_community, name="隔壁驿站")
    SatisfactionResponseFactory(station=neighbour, rating=5)
    return {"north": north, "south": south}


def _community_table(community, period=PERIOD):
    return build_table(parse_node(community.code), parse_period(period) if isinstance(period, str) else period)


def _rows(table):
    return {row.station_id: row for row in table.rows}


def test_community_table_has_one_row_per_station_of_the_community(stations, community):
    rows = _community_table(community).rows
    assert sorted((row.station_id, row.name) for row in rows) == sorted(
        (s.pk, s.name) for s in (stations["north"], stations["south"])
    )


def test_station_satisfaction_matches_an_independent_count_of_its_responses(stations, community):
    rows = _rows(_community_table(community))
    for station in stations.values():
        responses = SatisfactionResponse.objects.filter(station=station)
        values = rows[station.pk].values
        assert values["satisfaction_responses"] == responses.count()
        assert values["satisfaction_satisfied"] == responses.filter(rating__gte=4).count()
        assert values["satisfaction_points"] == sum(responses.values_list("rating", flat=True))


def test_station_rates_are_computed_from_the_stations_own_parts(stations, community):
    rows = _rows(_community_table(community))
    assert rows[stations["north"].pk].values["satisfaction_rate"] == round(2 * 100 / 3, 1)
    assert rows[stations["north"].pk].values["satisfaction_average"] == round(11 / 3, 1)
    assert rows[stations["south"].pk].values["satisfaction_rate"] == 0.0


def test_station_counts_say_whether_each_station_is_open_and_offers_all_services(stations, community):
    StationFactory(community=community, name="暂停驿站", status=StationStatus.PAUSED)
    rows = {row.name: row.values for row in _community_table(community).rows}
    assert (rows["北门驿站"]["stations_open"], rows["北门驿站"]["stations_all_services"]) == (1, 1)
    assert (rows["南门驿站"]["stations_open"], rows["南门驿站"]["stations_all_services"]) == (1, 0)
    assert (rows["暂停驿站"]["stations_open"], rows["暂停驿站"]["stations_all_services"]) == (0, 0)


def test_station_rows_leave_the_community_only_figures_blank(stations, community):
    table = _community_table(community)
    for row in table.rows:
        assert not row.holds("services_given") and "services_given" not in row.values
        assert not row.holds("residents_registered") and "residents_registered" not in row.values
        assert row.holds("satisfaction_rate")
    assert table.total.values["services_given"] == 3


def test_station_rows_add_up_to_the_community_total(stations, community):
    table = _community_table(community)
    for key in ("stations_open", "stations_all_services", "satisfaction_responses", "satisfaction_points"):
        assert sum(row.values[key] for row in table.rows) == table.total.values[key]


def test_total_row_holds_the_figures_of_the_communitys_row_in_its_streets_table(stations, community):
    street_table = build_table(parse_node(community.street.code), parse_period(PERIOD))
    community_row = next(row for row in street_table.rows if row.key == community.code)
    assert _community_table(community).total.values == community_row.values


def test_a_closed_station_is_listed_only_when_it_has_figures_in_the_period(stations, community):
    rated = StationFactory(community=community, name="已关闭有评价", status=StationStatus.CLOSED)
    SatisfactionResponseFactory(station=rated, rating=4)
    StationFactory(community=community, name="已关闭无数据", status=StationStatus.CLOSED)
    names = {row.name for row in _community_table(community).rows}
    assert "已关闭有评价" in names and "已关闭无数据" not in names


def test_query_count_does_not_grow_with_the_number_of_stations(stations, community):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            _community_table(community)
        return len(ctx.captured_queries)

    before = count()
    for i in range(4):
        station = StationFactory(community=community, name=f"新驿站{i}")
        station.services.set(StationService.objects.all())
        SatisfactionResponseFactory(station=station, rating=3)
    assert count() == before


def test_building_a_community_table_twice_gives_identical_rows(stations, community):
    first, second = _community_table(community), _community_table(community)
    assert [(r.key, r.values) for r in first.rows] == [(r.key, r.values) for r in second.rows]
    assert first.total.values == second.total.values


def test_community_workbook_summary_lists_the_stations_then_the_total(stations, community):
    with translation.override("en"):
        wb = load_workbook(io.BytesIO(workbook_bytes(node_code=community.code, period_text=PERIOD)))
    summary = wb[wb.sheetnames[0]]
    header = [c.value for c in summary[2]]
    assert header[0] == "Station"
    cells = [[c.value for c in row] for row in summary.iter_rows(min_row=3)]
    assert {row[0] for row in cells[:2]} == {
        f"北门驿站 (no. {stations['north'].pk})",
        f"南门驿站 (no. {stations['south'].pk})",
    }
    assert cells[2][0] == "Total"
    # Below the total, only the comparison with the previous period and last year.
    assert [row[0].split(" (")[0] for row in cells[3:]] == [
        "Previous period",
        "Change on previous period",
        "Same period last year",
        "Change on same period last year",
    ]
    north = next(row for row in cells if row[0].startswith("北门驿站"))
    total = cells[2]
    assert north[header.index("Stations open")] == 1
    assert north[header.index("Satisfaction rate")] == round(2 * 100 / 3, 1)
    assert north[header.index("Services given")] is None  # blank, not zero
    assert total[header.index("Services given")] == 3
    assert total[header.index("Stations open")] == 2


def test_area_sheets_without_a_per_station_figure_show_only_the_total(stations, community):
    with translation.override("en"):
        wb = load_workbook(io.BytesIO(workbook_bytes(node_code=community.code, period_text=PERIOD)))
    residents = wb["Residents and target groups"]
    assert [row[0].value for row in residents.iter_rows(min_row=3)] == ["Total"]
    satisfaction = wb["Satisfaction"]
    assert len(list(satisfaction.iter_rows(min_row=3))) == 3


def test_definitions_say_which_figures_are_per_station_and_which_only_per_community(stations, community):
    with translation.override("en"):
        wb = load_workbook(io.BytesIO(workbook_bytes(node_code=community.code, period_text=PERIOD)))
    definitions = wb["Definitions"]
    assert definitions.freeze_panes == "A6"
    assert [c.value for c in definitions[5]] == ["Sheet", "Figure", "How it is computed", "Station rows"]
    level = {row[1].value: row[3].value for row in definitions.iter_rows(min_row=6)}
    assert level["Survey responses"] == "per station"
    assert level["Stations open"] == "per station"
    assert level["Services given"] == "community only"
    assert level["Residents registered"] == "community only"
    assert "per station" in definitions["A4"].value


def test_a_closed_month_keeps_its_station_rows_as_they_stood_at_closing(community_staff, community):
    month = previous_month(timezone.localdate())
    station = StationFactory(community=community, name="北门驿站")
    response = SatisfactionResponseFactory(station=station, rating=5)
    in_month = timezone.make_aware(dt.datetime.combine(month.start, dt.time(9)))
    SatisfactionResponse.objects.filter(pk=response.pk).update(created_at=in_month)
    period_close_submit(actor=community_staff, community=community, month=month.start)
    late = SatisfactionResponseFactory(station=station, rating=1)
    SatisfactionResponse.objects.filter(pk=late.pk).update(created_at=in_month)
    table = _community_table(community, month)
    (row,) = table.rows
    assert row.values["satisfaction_responses"] == 1
    assert row.values["satisfaction_rate"] == 100.0
    assert table.total.values["satisfaction_responses"] == 1


def test_community_dashboard_shows_station_rows_and_links_the_total_to_the_records(
    client, community_staff, stations, community
):
    client.force_login(community_staff)
    page = client.get(reverse("reports:dashboard"), {"node": community.code, "period": PERIOD})
    assert [item["row"].station_id for item in page.context["rows"]] == [
        row.station_id for row in _community_table(community).rows
    ]
    assert "北门驿站" in page.content.decode()
    assert f"/staff/residents/?community={community.pk}" in page.content.decode()


# A visit once the trend's months are cached: the session and user, the
# chosen period's table built live (a fixed number of grouped queries), the
# communities behind the record links. Neither grows with the communities.
# Grows by a source's grouped queries when an app registers figures (odd jobs: 3; dated worker figures: 1).
DASHBOARD_QUERIES = 63


def _visit(client, node, django_assert_num_queries):
    url = reverse("reports:dashboard")
    client.get(url, {"node": node.code, "period": "2026-10"})  # fills the trend's cache
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(url, {"node": node.code, "period": "2026-10"})
    assert response.status_code == 200


def test_a_street_dashboard_with_its_trend_cached_takes_a_fixed_number_of_queries(
    client, street_officer, community, django_assert_num_queries
):
    client.force_login(street_officer)
    _visit(client, community.street, django_assert_num_queries)


def test_the_dashboards_queries_do_not_grow_with_the_communities(
    client, street_officer, community, django_assert_num_queries
):
    CommunityFactory.create_batch(4, street=community.street)
    client.force_login(street_officer)
    _visit(client, community.street, django_assert_num_queries)


def test_a_cached_table_keeps_its_sources_by_key_and_finds_the_registered_ones(community):
    table = build_table(Node("community", community), parse_period("2026-10"))
    loaded = pickle.loads(pickle.dumps(table))  # noqa: S301 - our own bytes, as the cache does
    assert [s.key for s in loaded.sources] == [s.key for s in table.sources]
    assert all(a is b for a, b in zip(loaded.sources, sources(), strict=True))
    assert loaded.total.values == table.total.values


def test_a_cached_table_carries_no_translated_labels(community):
    table = build_table(Node("community", community), parse_period("2026-10"))
    assert b"__proxy__" not in pickle.dumps(table)


def test_a_count_without_records_shows_zero_on_the_dashboard(client, street_officer, community):
    client.force_login(street_officer)
    response = client.get(reverse("reports:dashboard"), {"node": community.street.code, "period": "2026-10"})
    placements = next(s for s in response.context["series"] if s["figure"].key == "placements")
    assert placements["value"] == 0


def test_a_trend_month_without_records_of_a_count_is_drawn_as_zero(client, street_officer, community):
    client.force_login(street_officer)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("reports:dashboard"), {"node": community.street.code, "period": "2026-10"})
    placements = next(s for s in response.context["series"] if s["figure"].key == "placements")
    assert "2026-10 0" in placements["svg"] and "no data" not in placements["svg"]


# A first visit with nothing kept: the chosen month built live, and the other
# eleven trend months and the same month a year before computed city-wide,
# about 50 grouped queries each, once for every node (it was 712: a table per
# month per node).
COLD_DASHBOARD_QUERIES = 663


def _count_computed_months(monkeypatch) -> list[str]:
    from reports import selectors

    computed: list[str] = []
    original = selectors.month_headline_values

    def counting(period):
        computed.append(period.label)
        return original(period)

    monkeypatch.setattr(selectors, "month_headline_values", counting)
    return computed


def test_a_cold_dashboard_computes_each_month_but_the_chosen_one_once(client, street_officer, community, monkeypatch):
    computed = _count_computed_months(monkeypatch)
    client.force_login(street_officer)
    client.get(reverse("reports:dashboard"), {"node": community.street.code, "period": "2026-10"})

    assert len(computed) == len(set(computed)) == 12
    assert {"2025-10", "2025-11", "2026-09"} <= set(computed)
    assert "2026-10" not in computed


def test_the_months_one_node_computed_serve_every_other_nodes_first_visit(
    client, street_officer, community_staff, community, far_community, monkeypatch
):
    client.force_login(street_officer)
    client.get(reverse("reports:dashboard"), {"node": community.street.code, "period": "2026-10"})
    computed = _count_computed_months(monkeypatch)

    client.force_login(community_staff)
    response = client.get(reverse("reports:dashboard"), {"node": community.code, "period": "2026-10"})

    assert response.status_code == 200
    assert computed == []


def test_a_cold_dashboard_takes_a_fixed_number_of_queries(client, street_officer, community, django_assert_num_queries):
    client.force_login(street_officer)
    with django_assert_num_queries(COLD_DASHBOARD_QUERIES):
        client.get(reverse("reports:dashboard"), {"node": community.street.code, "period": "2026-10"})


# A community's first visit once a street's visit computed the months: its
# chosen month built live, the kept months summed; no month computed again.
COMMUNITY_FIRST_VISIT_QUERIES = 64


def test_a_nodes_first_visit_with_the_months_kept_takes_a_fixed_number_of_queries(
    client, street_officer, community_staff, community, django_assert_num_queries
):
    client.force_login(street_officer)
    client.get(reverse("reports:dashboard"), {"node": community.street.code, "period": "2026-10"})
    client.force_login(community_staff)

    with django_assert_num_queries(COMMUNITY_FIRST_VISIT_QUERIES):
        response = client.get(reverse("reports:dashboard"), {"node": community.code, "period": "2026-10"})
    assert response.status_code == 200
