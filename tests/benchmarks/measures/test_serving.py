from django.contrib.auth.hashers import is_password_usable

from benchmarks.measures import serving
from stations.models import Role


def test_page_results_hold_the_median_and_the_p95_to_their_own_ratios():
    page = [10.0] * 18 + [100.0] * 2
    minimal = [2.0] * 20

    median, p95 = serving.page_results("record", page, minimal, "n", median=5, p95=10)

    assert (median.name, median.ratio, median.met) == ("record: median", 5.0, True)
    assert (p95.name, p95.ratio, p95.met) == ("record: p95", 50.0, False)


def test_page_results_without_p95_give_the_median_alone():
    assert len(serving.page_results("floor", [3.0], [2.0], "n", median=1.5, p95=None)) == 1


def test_bench_accounts_are_new_and_cannot_sign_in_with_a_password(db, community):
    first = serving.bench_user(Role.COMMUNITY_STAFF, community_id=community.pk)
    second = serving.bench_user(Role.COMMUNITY_STAFF, community_id=community.pk)

    assert first.username != second.username
    assert not is_password_usable(first.password)
