import datetime as dt

import pytest
from django.utils import timezone

from jobs.models import Posting, PostingStatus, Recommendation
from tests.factories import RelatedSiteFactory, ResidentFactory
from tests.factories.jobs import (
    EmployerFactory,
    PostingFactory,
    valid_credit_code,
)
from tests.jobs.conftest import draft_posting


@pytest.fixture
def api(client, community_staff):
    client.force_login(community_staff)
    return client


API = "/api/v1/jobs/"
STAFF_POSTINGS = API + "staff-postings/"


def _api_posting(community, employer, **overrides):
    today = timezone.localdate()
    return {
        "employer": employer.pk,
        "community": community.pk,
        "title": "包装工",
        "occupation_category": "manufacturing",
        "salary_min": 3000,
        "salary_max": 3800,
        "work_pattern": "full_time",
        "valid_from": today.isoformat(),
        "valid_until": (today + dt.timedelta(days=30)).isoformat(),
        "contact_name": "王",
        "contact_phone": "13800000000",
        **overrides,
    }


def test_public_can_read_live_postings_with_filters(client, community, far_community, django_assert_max_num_queries):
    PostingFactory(employer__community=community, title="保洁", occupation_category="housekeeping")
    PostingFactory(employer__community=far_community, title="缝纫", occupation_category="manufacturing")
    PostingFactory(employer__community=community, title="草稿", status="draft", published_at=None)
    with django_assert_max_num_queries(3):
        response = client.get(API + "postings/", {"street": community.street_id})
    assert response.status_code == 200
    assert [r["title"] for r in response.json()["results"]] == ["保洁"]
    assert client.get(API + "postings/", {"category": "manufacturing"}).json()["count"] == 1


def test_public_posting_list_refuses_bad_filters_with_400(client, db):
    response = client.get(API + "postings/", {"radius": 7, "salary": -1})
    assert response.status_code == 400
    assert {"radius", "salary"} <= set(response.json()["errors"])


def test_public_cannot_read_an_unpublished_posting(client, community):
    draft = PostingFactory(employer__community=community, status="pending", published_at=None)
    assert client.get(f"{API}postings/{draft.pk}/").status_code == 404


def test_public_fairs_are_readable(client, community):
    from tests.factories.jobs import JobFairFactory

    JobFairFactory(community=community, title="集市")
    assert [f["title"] for f in client.get(API + "fairs/").json()["results"]] == ["集市"]


def test_employer_create_returns_field_errors(api, community):
    response = api.post(
        API + "employers/",
        {
            "name": "x",
            "credit_code": "123",
            "community": community.pk,
            "contact_name": "a",
            "contact_phone": "13800000000",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "credit_code" in response.json()["errors"]


def test_employer_create_in_scope_works(api, community):
    response = api.post(
        API + "employers/",
        {
            "name": "好邻居",
            "credit_code": valid_credit_code(5),
            "community": community.pk,
            "contact_name": "王",
            "contact_phone": "13800000000",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()


def test_staff_cannot_read_employer_outside_scope(api, far_community):
    employer = EmployerFactory(community=far_community)
    assert api.get(f"{API}employers/{employer.pk}/").status_code == 404


def test_staff_posting_with_bad_salary_is_a_400(api, community):
    response = api.post(
        STAFF_POSTINGS,
        _api_posting(
            community,
            EmployerFactory(community=community),
            title="店员",
            occupation_category="retail",
            salary_min=5000,
            salary_max=3000,
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "salary_max" in response.json()["errors"]
    assert Posting.objects.count() == 0


def test_api_recommendation_and_hire(api, community):
    resident = ResidentFactory(community=community)
    posting = PostingFactory(employer__community=community)
    response = api.post(
        API + "recommendations/", {"resident": resident.pk, "posting": posting.pk}, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    rec = Recommendation.objects.get()
    bad = api.post(
        f"{API}recommendations/{rec.pk}/transition/", {"transition": "hire"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "started_on" in bad.json()["errors"]
    ok = api.post(
        f"{API}recommendations/{rec.pk}/transition/",
        {"transition": "hire", "started_on": timezone.localdate().isoformat(), "contract_months": 6},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["state"] == "hired"


def _recommend(api, resident_pk, posting_pk):
    """Status and errors, each with the key it names left out."""
    sent = {"resident": resident_pk, "posting": posting_pk}
    response = api.post(API + "recommendations/", sent, content_type="application/json")
    errors = response.json()["errors"]
    return response.status_code, {k: str(v).replace(str(sent.get(k)), "<pk>") for k, v in errors.items()}


def test_api_recommendation_for_resident_out_of_scope_answers_like_a_missing_resident(api, far_community, community):
    stranger = ResidentFactory(community=far_community)
    posting = PostingFactory(employer__community=community)

    outside = _recommend(api, stranger.pk, posting.pk)

    assert outside == _recommend(api, stranger.pk + 1000, posting.pk)
    assert outside[0] == 400 and not Recommendation.objects.exists()


def test_api_recommendation_of_another_areas_draft_answers_like_a_missing_posting(api, far_community, community):
    resident = ResidentFactory(community=community)
    draft = PostingFactory(employer__community=far_community, status="draft", published_at=None)

    outside = _recommend(api, resident.pk, draft.pk)

    assert outside == _recommend(api, resident.pk, draft.pk + 1000)
    assert outside[0] == 400 and "posting" in outside[1]


def test_api_recommendation_of_another_areas_published_posting_is_allowed(api, far_community, community):
    resident = ResidentFactory(community=community)
    posting = PostingFactory(employer__community=far_community)

    response = api.post(
        API + "recommendations/", {"resident": resident.pk, "posting": posting.pk}, content_type="application/json"
    )

    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("value", ["11318852688376635010020959712182272", "²", "-3"])
def test_public_posting_api_refuses_place_ids_that_are_no_row_ids(client, db, value):
    response = client.get("/api/v1/jobs/postings/", {"street": value})

    assert response.status_code == 400


def test_staff_posting_api_gives_each_flag_its_code_label_and_reason(api, community):
    posting = PostingFactory(
        employer__community=community,
        status="pending",
        published_at=None,
        screening_flags=[{"code": "household_registration", "field": "requirements", "match": "本地户口"}],
        screening_blocked=True,
    )
    (flag,) = api.get(f"{API}staff-postings/{posting.pk}/").json()["screening_flags"]
    assert flag["code"] == "household_registration" and flag["blocking"] is True
    assert flag["label"] == "户籍或地域限制" and "本地户口" in flag["reason"]


def test_staff_posting_api_takes_a_pay_unit_and_screens_hourly_pay(api, community):
    response = api.post(
        STAFF_POSTINGS,
        _api_posting(
            community,
            EmployerFactory(community=community),
            title="超市兼职理货",
            occupation_category="retail",
            salary_min=18,
            salary_max=20,
            pay_unit="hour",
            work_pattern="part_time",
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["screening_blocked"] is True
    assert [f["code"] for f in response.json()["screening_flags"]] == ["below_minimum_wage"]


def test_pay_below_the_minimum_cannot_be_published_through_the_api_either(client, community, community_staff):
    posting = draft_posting(community)
    client.force_login(community_staff)
    response = client.post(
        f"{API}staff-postings/{posting.pk}/publish/", {"note": "已核实"}, content_type="application/json"
    )
    assert response.status_code == 400
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT


def test_a_published_posting_cannot_be_edited_into_a_hukou_condition_through_the_api(
    client, community, community_staff
):
    posting = PostingFactory(employer__community=community)
    client.force_login(community_staff)
    response = client.patch(
        f"{API}staff-postings/{posting.pk}/", {"requirements": "本地户口优先"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "requirements" in response.json()["errors"]
    posting.refresh_from_db()
    assert posting.requirements == "" and posting.status == PostingStatus.PUBLISHED


def _post_with_site(client, user, community, site):
    client.force_login(user)
    return client.post(
        STAFF_POSTINGS,
        _api_posting(community, EmployerFactory(community=community), related_site=site.pk),
        "application/json",
    )


def test_api_ties_a_posting_to_a_site(client, community, community_staff):
    site = RelatedSiteFactory(community=community, kind="demo_base")

    response = _post_with_site(client, community_staff, community, site)

    assert response.status_code == 201, response.json()
    assert response.json()["related_site"] == site.pk


@pytest.mark.parametrize(
    ("user", "site_community"),
    [("community_staff", "far_community"), ("street_officer", "sibling_community")],
    ids=["a_site_of_another_area", "a_site_in_another_community_than_the_work"],
)
def test_api_answers_400_for_a_site_outside_the_area_or_the_works_community(
    client, community, request, user, site_community
):
    site = RelatedSiteFactory(community=request.getfixturevalue(site_community), kind="demo_base")

    response = _post_with_site(client, request.getfixturevalue(user), community, site)

    assert response.status_code == 400
    assert "related_site" in response.json()["errors"]
    assert not Posting.objects.exists()
