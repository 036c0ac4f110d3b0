"""The community posts vs target figures (T4) and their subtotals."""

import pytest
from django.http import Http404
from django.utils import timezone

from jobs import selectors
from jobs.models import PostingStatus
from jobs.selectors import community_post_target_subtotals, community_post_targets
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET
from stations.services import policy_parameter_set
from tests.factories import CommunityFactory, ResidentFactory
from tests.factories.jobs import EmployerFactory, JobFairFactory, PostingFactory, RecommendationFactory


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


@pytest.mark.parametrize(
    ("getter", "make"),
    [
        (selectors.posting_get, lambda c: PostingFactory(employer__community=c)),
        (selectors.employer_get, lambda c: EmployerFactory(community=c)),
        (selectors.fair_get, lambda c: JobFairFactory(community=c)),
        (selectors.recommendation_get, lambda c: RecommendationFactory(resident__community=c)),
        (selectors.resident_get, lambda c: ResidentFactory(community=c)),
    ],
)
def test_a_record_of_another_area_answers_like_a_missing_one(getter, make, community_staff, far_community):
    record = make(far_community)

    with pytest.raises(Http404):
        getter(user=community_staff, pk=record.pk)
    with pytest.raises(Http404):
        getter(user=community_staff, pk=record.pk + 1000)


def test_a_posting_in_scope_comes_with_its_employer_and_community(
    community_staff, community, django_assert_num_queries
):
    posting = PostingFactory(employer__community=community)

    with django_assert_num_queries(1):
        found = selectors.posting_get(user=community_staff, pk=posting.pk)
        assert (found.employer.name, found.community.name) == (posting.employer.name, community.name)


def test_a_fair_offers_only_published_postings_of_the_users_area(community_staff, community, far_community):
    published = PostingFactory(employer__community=community)
    PostingFactory(employer__community=community, status=PostingStatus.DRAFT, published_at=None)
    PostingFactory(employer__community=far_community)

    assert list(selectors.fair_posting_choices(user=community_staff)) == [published]


def test_a_credit_code_held_anywhere_in_the_city_is_taken(community_staff, far_community):
    employer = EmployerFactory(community=far_community)

    assert selectors.employer_credit_code_taken(code=employer.credit_code)
    assert not selectors.employer_credit_code_taken(code=employer.credit_code, exclude_pk=employer.pk)


def test_near_a_community_needs_its_coordinates(street):
    located = CommunityFactory(street=street, latitude=34.8, longitude=117.3)
    unlocated = CommunityFactory(street=street, latitude=None, longitude=None)

    assert selectors.located_community(pk=located.pk) == located
    assert selectors.located_community(pk=unlocated.pk) is None
    assert selectors.located_community(pk=unlocated.pk + 1000) is None


def test_public_places_list_communities_only_inside_the_chosen_street(street, other_street, community):
    other = CommunityFactory(street=other_street)

    streets, communities, _stations = selectors.public_places({"street": str(street.pk)})

    assert {street, other_street} <= set(streets)
    assert other not in communities and community in communities


def test_a_public_fair_must_be_published(community):
    hidden = JobFairFactory(community=community, is_published=False)
    shown = JobFairFactory(community=community, is_published=True)

    assert selectors.public_fair_get(pk=shown.pk) == shown
    with pytest.raises(Http404):
        selectors.public_fair_get(pk=hidden.pk)


def test_another_areas_draft_cannot_be_recommended_but_its_published_posting_can(community_staff, far_community):
    draft = PostingFactory(employer__community=far_community, status=PostingStatus.DRAFT, published_at=None)
    published = PostingFactory(employer__community=far_community)

    assert selectors.recommendable_posting(user=community_staff, pk=draft.pk) is None
    assert selectors.recommendable_posting(user=community_staff, pk=published.pk) == published
