"""Sites with jobs: a posting tied to the micro-factory, Rukang home,
housekeeping outlet or demo base where the work is done, and the site's
public page of open jobs."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import Posting, PostingStatus
from tests.factories import RelatedSiteFactory, StationFactory
from tests.factories.jobs import EmployerFactory, PostingFactory
from tests.jobs.conftest import submission

pytestmark = pytest.mark.django_db
API = "/api/v1/jobs/staff-postings/"


def _staff_form(community, employer, **overrides):
    data = submission(community, employer=employer.pk, **overrides)
    for public_only in ("employer_name", "credit_code", "legal_form"):
        data.pop(public_only)
    return data


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


# --- the public site page -----------------------------------------------------------


def test_site_page_lists_only_its_open_jobs(client, community):
    site = RelatedSiteFactory(community=community, kind="demo_base", name="光明路就业示范基地")
    PostingFactory(employer__community=community, related_site=site, title="在招的包装工")
    PostingFactory(employer__community=community, related_site=site, title="待审的岗位", status="pending")
    PostingFactory(
        employer__community=community,
        related_site=site,
        title="已过期的岗位",
        valid_from=timezone.localdate() - dt.timedelta(days=40),
        valid_until=timezone.localdate() - dt.timedelta(days=1),
    )
    PostingFactory(employer__community=community, title="别处的岗位")

    response = client.get(reverse("jobs_public:site_detail", args=[site.pk]))

    assert [p.title for p in response.context["postings"]] == ["在招的包装工"]


def test_site_page_without_open_jobs_says_so(client, community):
    site = RelatedSiteFactory(community=community, kind="housekeeping_outlet")

    response = client.get(reverse("jobs_public:site_detail", args=[site.pk]))

    assert response.status_code == 200
    assert "postings" in response.context and not response.context["postings"]


def test_an_inactive_site_has_no_public_page(client, community):
    site = RelatedSiteFactory(community=community, is_active=False)

    assert client.get(reverse("jobs_public:site_detail", args=[site.pk])).status_code == 404


def test_job_page_says_at_which_site_the_work_is(client, community):
    site = RelatedSiteFactory(community=community, kind="housekeeping_outlet", name="鲁南家政光明路网点")
    posting = PostingFactory(employer__community=community, related_site=site)

    body = client.get(reverse("jobs_public:posting_detail", args=[posting.pk])).content.decode()

    assert f'href="{reverse("jobs_public:site_detail", args=[site.pk])}"' in body


def test_station_page_links_each_nearby_site_to_its_page(client, community):
    station = StationFactory(community=community)
    station.served_communities.set([community])
    site = RelatedSiteFactory(community=community, kind="micro_factory")

    body = client.get(reverse("public:station_detail", args=[station.pk])).content.decode()

    assert f'href="{reverse("jobs_public:site_detail", args=[site.pk])}"' in body


# --- choosing the site: staff form and API -------------------------------------------


def test_staff_tie_a_new_posting_to_a_site_in_its_community(client, community, community_staff):
    site = RelatedSiteFactory(community=community, kind="rukang_home")
    client.force_login(community_staff)

    response = client.post(
        reverse("jobs:posting_create"),
        _staff_form(community, EmployerFactory(community=community), related_site=site.pk),
    )

    assert response.status_code == 302, response.context["form"].errors
    assert Posting.objects.get().related_site == site


def test_staff_form_offers_only_job_sites_of_the_area(client, community, far_community, community_staff):
    mine = RelatedSiteFactory(community=community, kind="housekeeping_outlet")
    RelatedSiteFactory(community=community, kind="incubator")
    RelatedSiteFactory(community=far_community, kind="demo_base")
    client.force_login(community_staff)

    form = client.get(reverse("jobs:posting_create")).context["form"]

    assert list(form.fields["related_site"].queryset) == [mine]


def test_a_site_outside_the_area_is_a_field_error(client, community, far_community, community_staff):
    far_site = RelatedSiteFactory(community=far_community, kind="demo_base")
    client.force_login(community_staff)

    response = client.post(
        reverse("jobs:posting_create"),
        _staff_form(community, EmployerFactory(community=community), related_site=far_site.pk),
    )

    assert response.status_code == 200
    assert "related_site" in response.context["form"].errors
    assert response.context["form"]["title"].value() == "理货员"


def test_a_site_in_another_community_than_the_work_is_a_field_error(
    client, community, sibling_community, street_officer
):
    site = RelatedSiteFactory(community=sibling_community, kind="micro_factory")
    client.force_login(street_officer)

    response = client.post(
        reverse("jobs:posting_create"),
        _staff_form(community, EmployerFactory(community=community), related_site=site.pk),
    )

    assert response.status_code == 200
    assert "related_site" in response.context["form"].errors


def test_api_ties_a_posting_to_a_site(client, community, community_staff):
    site = RelatedSiteFactory(community=community, kind="demo_base")
    client.force_login(community_staff)

    response = client.post(
        API, _api_posting(community, EmployerFactory(community=community), related_site=site.pk), "application/json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["related_site"] == site.pk


def test_api_answers_400_for_a_site_of_another_area(client, community, far_community, community_staff):
    far_site = RelatedSiteFactory(community=far_community, kind="demo_base")
    client.force_login(community_staff)

    response = client.post(
        API, _api_posting(community, EmployerFactory(community=community), related_site=far_site.pk), "application/json"
    )

    assert response.status_code == 400
    assert "related_site" in response.json()["errors"]
    assert not Posting.objects.exists()


def test_api_answers_400_for_a_site_in_another_community_than_the_work(
    client, community, sibling_community, street_officer
):
    site = RelatedSiteFactory(community=sibling_community, kind="demo_base")
    client.force_login(street_officer)

    response = client.post(
        API, _api_posting(community, EmployerFactory(community=community), related_site=site.pk), "application/json"
    )

    assert response.status_code == 400
    assert "related_site" in response.json()["errors"]


def test_demo_has_a_demo_base_and_a_housekeeping_outlet_with_open_jobs():
    import random

    from jobs.demo import seed_jobs
    from stations import demo

    demo.seed_region(rng=random.Random(1))
    seed_jobs(scale="small", rng=random.Random(2))

    live = Posting.objects.live(on=timezone.localdate()).filter(status=PostingStatus.PUBLISHED)
    assert live.filter(related_site__kind="demo_base").count() >= 2
    assert live.filter(related_site__kind="housekeeping_outlet").exists()
