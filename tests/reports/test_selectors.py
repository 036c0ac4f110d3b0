import datetime as dt

import pytest

from reports.nodes import node_visible_to, parse_node
from reports.selectors import node_choices


def _codes(user):
    return [code for code, _label in node_choices(user=user)]


def test_the_city_is_offered_every_district_street_and_community(
    city_bureau, community, other_community, far_community
):
    codes = _codes(city_bureau)
    assert codes[0] == "city"
    for place in (community, other_community, far_community):
        assert {place.code, place.street.code, place.street.district.code} <= set(codes)


def test_a_district_is_offered_its_streets_and_communities_only(
    district_bureau, district, community, other_community, far_community
):
    codes = _codes(district_bureau)
    assert codes[0] == district.code
    assert {community.code, other_community.code, community.street.code, other_community.street.code} <= set(codes)
    assert far_community.code not in codes and far_community.street.code not in codes


def test_a_street_is_offered_its_communities_only(
    street_officer, street, community, sibling_community, other_community
):
    assert _codes(street_officer) == [street.code, community.code, sibling_community.code]


def test_community_staff_are_offered_their_community_only(community_staff, community):
    assert _codes(community_staff) == [community.code]


@pytest.mark.parametrize("role", ["city_bureau", "district_bureau", "street_officer", "community_staff"])
def test_every_node_offered_is_one_the_user_may_build(request, role, community, far_community):
    user = request.getfixturevalue(role)
    assert all(node_visible_to(user, parse_node(code)) for code in _codes(user))


def test_the_choices_take_three_queries_at_most(city_bureau, community, far_community, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        node_choices(user=city_bureau)


def _records(community, residents: int, services_on):
    from tests.factories.residents import ResidentFactory, ServiceRecordFactory

    people = [ResidentFactory(community=community, registered_on=dt.date(2026, 8, 3)) for _i in range(residents)]
    for day in services_on:
        ServiceRecordFactory(resident=people[0], served_on=day)


def _headline_values(table):
    from reports.ranking import figure_value

    rows = {row.key: row for row in [*table.rows, table.total]}
    return {(key, f.key): figure_value(f, row) for key, row in rows.items() for f in table.headline()}


def test_the_trend_reads_the_same_headline_figures_as_tables_built_live(
    community, sibling_community, other_community, far_community
):
    from reports.assemble import build_table
    from reports.nodes import Node
    from reports.periods import parse_period
    from reports.selectors import trend

    _records(community, 2, [dt.date(2026, 8, 5), dt.date(2026, 9, 6), dt.date(2026, 9, 7)])
    _records(sibling_community, 1, [dt.date(2026, 10, 1)])
    _records(other_community, 3, [dt.date(2026, 9, 30)])
    _records(far_community, 4, [dt.date(2026, 8, 31)])
    street = community.street
    for node in (
        Node("city", None),
        Node("district", street.district),
        Node("street", street),
        Node("community", community),
        Node("community", far_community),
    ):
        for period, table in trend(node, parse_period("2026-10"), months=3):
            assert _headline_values(table) == _headline_values(build_table(node, period)), (node.code, period.label)


def test_a_closed_month_in_the_trend_keeps_the_figures_it_was_closed_with(community_staff, community):
    from django.utils import timezone

    from reports.nodes import Node
    from reports.periods import previous_month
    from reports.selectors import trend
    from reports.services import period_close_submit
    from stations.models import Resident
    from tests.factories.residents import ResidentFactory

    month = previous_month(timezone.localdate())
    ResidentFactory(community=community, registered_on=month.start)
    period_close_submit(actor=community_staff, community=community, month=month.start)
    # Moved into the month behind the services' back: drift, never applied.
    late = ResidentFactory(community=community)
    Resident.objects.filter(pk=late.pk).update(registered_on=month.start)

    for node in (Node("community", community), Node("street", community.street)):
        ((_period, table),) = trend(node, month, months=1)
        assert table.total.values["residents_registered"] == 1
