"""The community posts vs target figures (T4) and their subtotals."""

from django.utils import timezone

from jobs.selectors import community_post_target_subtotals, community_post_targets
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET
from stations.services import policy_parameter_set


def _subtotals(user):
    return community_post_target_subtotals(user=user, rows=community_post_targets(user=user))


def test_the_city_sees_a_subtotal_per_district_and_the_city_total(city_bureau, uneven):
    rows = _subtotals(city_bureau)

    assert [(r["level"], r["label"], r["communities"]) for r in rows] == [
        ("district", "市中区", 2),
        ("district", "滕州市", 1),
        ("city", "枣庄市", 3),
    ]


def test_a_subtotals_ratio_comes_from_the_sums_not_the_mean_of_ratios(city_bureau, uneven):
    district = _subtotals(city_bureau)[0]

    # (12 + 5) / 9,000 x 10,000 = 18.9; the mean of 15 and 50 would be 32.5.
    assert (district["population"], district["workers"], district["per_10k"]) == (9000, 17, 18.9)
    assert (district["target"], district["gap"]) == (17, 0)


def test_a_district_bureau_sees_only_its_own_total(district_bureau, uneven):
    rows = _subtotals(district_bureau)

    assert [(r["level"], r["label"], r["communities"]) for r in rows] == [("node", "市中区", 2)]


def test_the_target_is_the_policy_value_the_city_sets(city_bureau, community):
    policy_parameter_set(actor=city_bureau, key=COMMUNITY_WORKERS_TARGET, value=20, valid_from=timezone.localdate())

    row = community_post_targets(user=city_bureau)[0]

    assert row["target"] == 16  # 8,000 x 20 / 10,000
