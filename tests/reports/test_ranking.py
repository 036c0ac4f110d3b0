from django.urls import reverse
from django.utils import timezone

from reports.assemble import Row
from reports.ranking import rank_rows
from stations.figures import Figure, all_figures
from tests.factories.residents import ResidentFactory

PLACEMENTS = Figure("placements", "Placements", "")
OVERDUE = Figure("cases_overdue", "Overdue", "", better="lower")
RATE = Figure("rate", "Rate", "", kind="rate", numerator="a", denominator="b")


def _rows(**values):
    return [Row(key, key, dict(v)) for key, v in values.items()]


def _ranks(ranked):
    return [(item.row.key, item.rank) for item in ranked]


def test_the_highest_figure_ranks_first_when_higher_is_better():
    rows = _rows(a={"placements": 2}, b={"placements": 9}, c={"placements": 5})
    assert _ranks(rank_rows(PLACEMENTS, rows)) == [("b", 1), ("c", 2), ("a", 3)]


def test_the_lowest_figure_ranks_first_when_lower_is_better():
    rows = _rows(a={"cases_overdue": 2}, b={"cases_overdue": 9}, c={"cases_overdue": 0})
    assert _ranks(rank_rows(OVERDUE, rows)) == [("c", 1), ("a", 2), ("b", 3)]


def test_ties_share_a_rank_and_the_next_rank_skips():
    rows = _rows(a={"placements": 5}, b={"placements": 5}, c={"placements": 1}, d={"placements": 7})
    assert _ranks(rank_rows(PLACEMENTS, rows)) == [("d", 1), ("a", 2), ("b", 2), ("c", 4)]


def test_a_rate_without_a_base_is_listed_unranked_after_the_others():
    rows = _rows(a={"rate": None, "b": 0}, b={"rate": 40.0, "b": 5}, c={"rate": 80.0, "b": 5})
    assert _ranks(rank_rows(RATE, rows)) == [("c", 1), ("b", 2), ("a", None)]


def test_a_child_with_no_data_at_all_is_unranked_even_for_a_count():
    rows = _rows(a={}, b={"cases_overdue": 3})
    ranked = rank_rows(OVERDUE, rows)
    assert _ranks(ranked) == [("b", 1), ("a", None)]
    assert ranked[1].value is None


def test_a_count_with_no_records_in_a_row_with_data_is_zero_and_ranked():
    rows = _rows(a={"residents_registered": 4}, b={"cases_overdue": 3})
    assert [(i.row.key, i.rank, i.value) for i in rank_rows(OVERDUE, rows)] == [("a", 1, 0.0), ("b", 2, 3.0)]


def test_overdue_cases_and_registered_unemployed_are_registered_as_lower_is_better():
    lower = {f.key for f in all_figures() if f.better == "lower"}
    assert {"cases_overdue", "unemployed_registered"} <= lower
    assert "placements" not in lower


def test_the_street_bulletin_ranks_its_communities_and_leaves_a_rate_without_base_unranked(
    client, street_officer, community, sibling_community
):
    ResidentFactory.create_batch(2, community=community)
    client.force_login(street_officer)
    response = client.get(
        reverse("reports:bulletin"), {"node": community.street.code, "period": str(timezone.localdate().year)}
    )
    by_key = {
        r["figure"].key: [item for item, _previous, _last_year in r["rows"]] for r in response.context["rankings"]
    }
    assert [(i.row.key, i.rank) for i in by_key["residents_registered"]] == [
        (community.code, 1),
        (sibling_community.code, 2),
    ]
    assert [i.row.key for i in by_key["four_clears_rate"] if i.rank is None] == [sibling_community.code]


def test_community_staff_see_no_bulletin_link(client, community_staff):
    client.force_login(community_staff)
    page = client.get(reverse("reports:report_list")).content.decode()
    assert reverse("reports:bulletin") not in page
    assert reverse("reports:dashboard") in page


def test_street_officers_see_the_bulletin_link(client, street_officer):
    client.force_login(street_officer)
    assert reverse("reports:bulletin") in client.get(reverse("reports:report_list")).content.decode()


def test_a_communitys_dashboard_offers_no_bulletin(client, street_officer, community):
    client.force_login(street_officer)
    page = client.get(reverse("reports:dashboard"), {"node": community.code, "period": "2026-10"}).content.decode()
    assert reverse("reports:bulletin") not in page
