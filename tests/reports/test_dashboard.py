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
