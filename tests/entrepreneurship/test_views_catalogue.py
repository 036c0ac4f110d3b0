import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepreneurship.models import CatalogueState, StartupEvent
from tests.entrepreneurship.conftest import make_proposal
from tests.factories.entrepreneurship import StartupEventFactory, StartupProjectFactory, StartupStarFactory

pytestmark = pytest.mark.django_db


def test_community_staff_add_an_event_from_the_staff_page(client, community_staff, community):
    client.force_login(community_staff)
    starts = (timezone.localtime() + dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(
        reverse("entrepreneurship:catalogue_events_new"),
        {"kind": "sharing", "title": "返乡创业分享会", "starts_at": starts, "place": "驿站会议室"},
    )

    event = StartupEvent.objects.get(title="返乡创业分享会")
    assert response.status_code == 302
    assert (event.community, event.state) == (community, CatalogueState.DRAFT)


def test_a_bad_contest_deadline_is_explained_and_the_form_keeps_what_was_typed(client, community_staff):
    client.force_login(community_staff)
    starts = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    late = (timezone.localdate() + dt.timedelta(days=9)).isoformat()

    response = client.post(
        reverse("entrepreneurship:catalogue_events_new"),
        {"kind": "contest", "title": "社区创业大赛", "starts_at": starts, "place": "孵化中心", "signup_deadline": late},
    )

    assert response.status_code == 200
    assert "社区创业大赛" in response.content.decode()
    assert "signup_deadline" in response.context["form"].errors


def test_district_page_offers_publish_and_send_back_for_a_proposal(client, district_bureau, community):
    project = make_proposal(community)
    client.force_login(district_bureau)

    response = client.get(reverse("entrepreneurship:catalogue_projects_detail", args=[project.pk]))

    assert [s["step"].name for s in response.context["steps"]] == ["publish", "send_back"]


def test_district_publishes_from_the_staff_page(client, district_bureau, community):
    project = make_proposal(community)
    client.force_login(district_bureau)

    client.post(reverse("entrepreneurship:catalogue_projects_step", args=[project.pk]), {"step": "publish"})

    project.refresh_from_db()
    assert project.state == CatalogueState.PUBLISHED


def test_community_staff_posting_a_publish_step_is_refused(client, community_staff, community):
    project = StartupProjectFactory(district=community.street.district, community=community, state=CatalogueState.DRAFT)
    client.force_login(community_staff)

    response = client.post(reverse("entrepreneurship:catalogue_projects_step", args=[project.pk]), {"step": "publish"})

    assert response.status_code == 403
    project.refresh_from_db()
    assert project.state == CatalogueState.DRAFT


def test_another_districts_item_answers_404(client, district_bureau, far_community):
    star = StartupStarFactory(district=far_community.street.district, state=CatalogueState.PROPOSED)
    client.force_login(district_bureau)

    response = client.get(reverse("entrepreneurship:catalogue_stars_detail", args=[star.pk]))

    assert response.status_code == 404


def test_staff_navigation_links_the_catalogue_for_community_and_district(
    client, community_staff, district_bureau, street_officer
):
    url = reverse("entrepreneurship:catalogue")
    seen = {}
    for user in (community_staff, district_bureau, street_officer):
        client.force_login(user)
        seen[user.role] = f'href="{url}"' in client.get(reverse("stations:dashboard")).content.decode()

    assert seen == {"community_staff": True, "district_bureau": True, "street_officer": False}


def test_district_overview_says_which_proposals_wait(client, district_bureau, community):
    make_proposal(community)
    StartupEventFactory(district=community.street.district, community=community, state=CatalogueState.PROPOSED)
    client.force_login(district_bureau)

    response = client.get(reverse("entrepreneurship:overview"))

    assert [(kind, n) for _label, kind, n in response.context["catalogue_waiting"]] == [("projects", 1), ("events", 1)]
