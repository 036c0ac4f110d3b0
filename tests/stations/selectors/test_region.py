"""Reads of the region: figures in effect on a day, the tree with its sums."""

import datetime as dt

import pytest

from stations.selectors import (
    community_choices,
    community_list,
    district_list,
    headcounts_in_effect,
    region_tree,
    street_list,
)
from tests.factories import CommunityFactory, CommunityHeadcountFactory

D = dt.date


def test_the_figure_in_effect_is_the_latest_dated_on_or_before_the_day(community):
    CommunityHeadcountFactory(community=community, effective_from=D(2026, 1, 1), urban_population=9000)
    CommunityHeadcountFactory(community=community, effective_from=D(2026, 7, 1), urban_population=9500)

    assert headcounts_in_effect(community_ids=[community.pk], on=D(2026, 6, 30))[community.pk].urban_population == 9000
    assert headcounts_in_effect(community_ids=[community.pk], on=D(2026, 7, 1))[community.pk].urban_population == 9500


def test_of_two_figures_from_one_day_the_later_recorded_is_in_effect(community):
    CommunityHeadcountFactory(community=community, effective_from=D(2026, 1, 1), community_worker_count=10)
    CommunityHeadcountFactory(community=community, effective_from=D(2026, 1, 1), community_worker_count=11)

    assert (
        headcounts_in_effect(community_ids=[community.pk], on=D(2026, 2, 1))[community.pk].community_worker_count == 11
    )


def test_before_the_first_dated_figure_the_undated_one_is_in_effect(community):
    CommunityHeadcountFactory(community=community, effective_from=None, urban_population=7000)
    CommunityHeadcountFactory(community=community, effective_from=D(2026, 1, 1), urban_population=9000)

    assert headcounts_in_effect(community_ids=[community.pk], on=D(2025, 6, 1))[community.pk].urban_population == 7000


def test_a_community_without_history_reads_its_own_fields(community):
    assert headcounts_in_effect(community_ids=[community.pk], on=D(2025, 6, 1))[community.pk].urban_population == 8000


def test_figures_in_effect_take_two_queries_whatever_the_number_of_communities(street, django_assert_num_queries):
    communities = CommunityFactory.create_batch(5, street=street)
    for c in communities[:3]:
        CommunityHeadcountFactory(community=c, effective_from=D(2026, 1, 1))

    with django_assert_num_queries(2):
        assert len(headcounts_in_effect(community_ids=[c.pk for c in communities], on=D(2026, 3, 1))) == 5


def test_the_tree_sums_each_level_and_its_ratio_comes_from_the_sums(city_bureau, street, community, far_community):
    small = CommunityFactory(street=street, urban_population=1000, community_worker_count=5)  # 50 per 10k

    tree = region_tree(user=city_bureau)

    district = tree.children[0]
    assert (district.population, district.workers) == (9000, 17)
    # (12 + 5) / (8000 + 1000) x 10,000, not the mean of 15 and 50.
    assert district.per_10k == 18.9
    assert (tree.population, tree.workers) == (17000, 29)
    assert small in [n.obj for n in tree.walk()]


def test_a_district_bureaus_tree_starts_at_its_district(district_bureau, community, far_community):
    tree = region_tree(user=district_bureau)

    assert (tree.level, tree.name) == ("district", "市中区")
    assert far_community not in [n.obj for n in tree.walk()]


def test_a_community_staffs_tree_is_its_community(community_staff, community, sibling_community):
    tree = region_tree(user=community_staff)

    assert (tree.level, tree.obj, tree.children) == ("community", community, [])


def test_the_tree_is_one_query(city_bureau, street, django_assert_num_queries):
    CommunityFactory.create_batch(6, street=street)

    with django_assert_num_queries(1):
        region_tree(user=city_bureau).walk()


pytestmark = pytest.mark.django_db


def test_community_choices_are_the_users_area_only(community_staff, community, sibling_community):
    assert list(community_choices(user=community_staff)) == [community]


def test_the_public_region_lists_every_district_and_staff_only_theirs(district_bureau, district, other_district):
    assert list(district_list()) == [district, other_district]
    assert list(district_list(user=district_bureau)) == [district]


def test_the_public_lists_narrow_to_the_district_and_street_given(
    street, community, sibling_community, other_street, other_community, far_community
):
    assert list(street_list(district=street.district_id)) == [street, other_street]
    assert list(community_list(street=street.pk)) == [community, sibling_community]
    assert list(community_list(district=street.district_id)) == [community, sibling_community, other_community]
