import pickle

from django.urls import reverse

from reports.assemble import build_table
from reports.nodes import Node
from reports.periods import parse_period
from stations.figures import sources
from tests.factories.region import CommunityFactory

# A visit once the trend's months are cached: the session and user, the
# chosen period's table built live (a fixed number of grouped queries), the
# communities behind the record links. Neither grows with the communities.
# Grows by a source's grouped queries when an app registers figures (odd jobs: 3; dated worker figures: 1).
DASHBOARD_QUERIES = 64


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


# A first visit with nothing cached: the chosen month built live once and
# reused for the trend (it was built twice), the other eleven trend months and
# the same month a year before, about 55 grouped queries each.
COLD_DASHBOARD_QUERIES = 712


def test_a_cold_dashboard_builds_each_month_once(client, street_officer, community, monkeypatch):
    from reports import selectors, views

    built = []
    original = views.build_table

    def counting(node, period, **kwargs):
        built.append(period.label)
        return original(node, period, **kwargs)

    monkeypatch.setattr(views, "build_table", counting)
    monkeypatch.setattr(selectors, "build_table", counting)
    client.force_login(street_officer)
    client.get(reverse("reports:dashboard"), {"node": community.street.code, "period": "2026-10"})

    assert len(built) == len(set(built)) == 13
    assert {"2025-10", "2025-11", "2026-10"} <= set(built)


def test_a_cold_dashboard_takes_a_fixed_number_of_queries(client, street_officer, community, django_assert_num_queries):
    client.force_login(street_officer)
    with django_assert_num_queries(COLD_DASHBOARD_QUERIES):
        client.get(reverse("reports:dashboard"), {"node": community.street.code, "period": "2026-10"})
