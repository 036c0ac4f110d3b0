"""The startup catalogue kept by staff: communities propose, the district
publishes or sends back, the public sees only what is published, each star once."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from entrepreneurship.models import CatalogueState, CatalogueStep, StartupEvent, StartupProject
from entrepreneurship.selectors import catalogue_list, public_stars
from entrepreneurship.services import catalogue_item_save, catalogue_item_step
from stations.models import AuditAction, AuditEntry
from tests.factories.entrepreneurship import StartupEventFactory, StartupProjectFactory, StartupStarFactory

pytestmark = pytest.mark.django_db


def _proposal(community, **extra):
    return StartupProjectFactory(
        district=community.street.district, community=community, state=CatalogueState.PROPOSED, **extra
    )


def _draft_project(actor):
    project = StartupProject(title="社区早餐车", industry="餐饮", summary="早点摊，投资小。")
    return catalogue_item_save(actor=actor, item=project)


# --- services: writing and the workflow -------------------------------------------


def test_community_staff_write_a_draft_for_their_own_district(community_staff, community, other_district):
    project = StartupProject(title="社区早餐车", industry="餐饮", summary="早点摊。", district=other_district)

    saved = catalogue_item_save(actor=community_staff, item=project)

    assert (saved.state, saved.community, saved.district) == (
        CatalogueState.DRAFT,
        community,
        community.street.district,
    )


def test_a_bureau_cannot_write_for_a_district_outside_its_area(district_bureau, other_district):
    project = StartupProject(title="社区早餐车", industry="餐饮", summary="早点摊。", district=other_district)

    with pytest.raises(ValidationError) as caught:
        catalogue_item_save(actor=district_bureau, item=project)

    assert "district" in caught.value.message_dict


def test_community_proposes_and_district_publishes(community_staff, district_bureau):
    project = _draft_project(community_staff)

    catalogue_item_step(actor=community_staff, item=project, step="propose")
    catalogue_item_step(actor=district_bureau, item=project, step="publish")

    project.refresh_from_db()
    assert project.state == CatalogueState.PUBLISHED
    assert list(CatalogueStep.objects.filter(project=project).values_list("step", "actor")) == [
        ("propose", community_staff.pk),
        ("publish", district_bureau.pk),
    ]


def test_each_step_is_in_the_audit_log(community_staff):
    project = _draft_project(community_staff)

    catalogue_item_step(actor=community_staff, item=project, step="propose")

    entry = AuditEntry.objects.filter(action=AuditAction.TRANSITION).latest("pk")
    assert entry.changes["state"] == ["draft", "proposed"]


def test_community_staff_cannot_publish(community_staff):
    project = _draft_project(community_staff)

    with pytest.raises(PermissionDenied):
        catalogue_item_step(actor=community_staff, item=project, step="publish")


def test_district_cannot_send_back_what_was_never_proposed(community_staff, district_bureau):
    project = _draft_project(community_staff)

    with pytest.raises(ValidationError) as caught:
        catalogue_item_step(actor=district_bureau, item=project, step="send_back", note="写清楚投资额")

    assert caught.value.code == "state"


def test_sending_back_needs_a_reason(district_bureau, community):
    project = _proposal(community)

    with pytest.raises(ValidationError) as caught:
        catalogue_item_step(actor=district_bureau, item=project, step="send_back", note="  ")

    assert "note" in caught.value.message_dict
    project.refresh_from_db()
    assert project.state == CatalogueState.PROPOSED


def test_sent_back_item_shows_the_reason_and_can_be_proposed_again(district_bureau, community_staff, community):
    project = _proposal(community)

    catalogue_item_step(actor=district_bureau, item=project, step="send_back", note="写清楚投资额")

    assert (project.state, project.last_reason()) == (CatalogueState.RETURNED, "写清楚投资额")
    catalogue_item_step(actor=community_staff, item=project, step="propose")
    assert project.state == CatalogueState.PROPOSED


def test_published_item_can_be_taken_down_with_a_reason(district_bureau, community):
    project = _proposal(community, title="已过时的项目")
    catalogue_item_step(actor=district_bureau, item=project, step="publish")

    catalogue_item_step(actor=district_bureau, item=project, step="unpublish", note="政策已调整")

    assert project.state == CatalogueState.UNPUBLISHED


def test_a_published_item_is_taken_down_before_it_changes(district_bureau, community):
    project = _proposal(community)
    catalogue_item_step(actor=district_bureau, item=project, step="publish")
    project.title = "改过的标题"

    with pytest.raises(ValidationError) as caught:
        catalogue_item_save(actor=district_bureau, item=project)

    assert caught.value.code == "state"


def test_another_community_cannot_change_a_proposal(other_community_staff, community):
    project = StartupProjectFactory(district=community.street.district, community=community, state=CatalogueState.DRAFT)
    project.title = "别人的项目"

    with pytest.raises(ValidationError):
        catalogue_item_save(actor=other_community_staff, item=project)


def test_another_district_cannot_publish(far_community, district_bureau):
    project = _proposal(far_community)

    with pytest.raises(ValidationError) as caught:
        catalogue_item_step(actor=district_bureau, item=project, step="publish")

    assert caught.value.code == "scope"


def test_contest_entries_must_close_before_it_starts(district_bureau, district):
    event = StartupEvent(
        district=district,
        kind="contest",
        title="创业大赛",
        starts_at=timezone.now() + dt.timedelta(days=3),
        place="孵化中心",
        signup_deadline=timezone.localdate() + dt.timedelta(days=10),
    )

    with pytest.raises(ValidationError) as caught:
        catalogue_item_save(actor=district_bureau, item=event)

    assert "signup_deadline" in caught.value.message_dict


# --- scope of the staff lists ---------------------------------------------------------


def test_community_sees_its_own_proposals_and_what_its_district_published(
    community_staff, community, sibling_community, far_community
):
    district = community.street.district
    own = StartupProjectFactory(district=district, community=community, state=CatalogueState.DRAFT)
    published = StartupProjectFactory(district=district, state=CatalogueState.PUBLISHED)
    StartupProjectFactory(district=district, community=sibling_community, state=CatalogueState.PROPOSED)
    StartupProjectFactory(district=far_community.street.district, state=CatalogueState.PUBLISHED)

    seen = set(catalogue_list(user=community_staff, kind="projects"))

    assert seen == {own, published}


def test_district_sees_its_districts_items_in_every_state(district_bureau, community, far_community):
    district = community.street.district
    mine = {
        StartupProjectFactory(district=district, community=community, state=state)
        for state in (CatalogueState.DRAFT, CatalogueState.PROPOSED)
    }
    StartupProjectFactory(district=far_community.street.district, state=CatalogueState.PROPOSED)

    assert set(catalogue_list(user=district_bureau, kind="projects")) == mine


def test_city_sees_every_district(city_bureau, community, far_community):
    items = {_proposal(community), _proposal(far_community)}

    assert set(catalogue_list(user=city_bureau, kind="projects")) == items


# --- the public page ----------------------------------------------------------------


def test_a_star_honoured_in_two_years_and_two_districts_is_shown_once(district, other_district):
    StartupStarFactory(district=district, name="孙丽", business_name="石榴盆景工作室", year=2024)
    StartupStarFactory(district=other_district, name="孙丽", business_name="石榴盆景工作室", year=2025)
    StartupStarFactory(district=district, name="孙丽", business_name="石榴盆景工作室", year=2025)
    other = StartupStarFactory(district=district, name="王强", business_name="王记面馆", year=2024)

    stars = list(public_stars())

    assert sorted((s.name, s.year) for s in stars) == [("孙丽", 2025), ("王强", 2024)]
    assert other in stars


def test_public_page_lists_each_star_once(client, district, other_district):
    for d, year in ((district, 2024), (other_district, 2025)):
        StartupStarFactory(district=d, name="孙丽", business_name="石榴盆景工作室", year=year)

    response = client.get(reverse("entrepreneurship_public:home"))

    assert response.content.decode().count("孙丽 · 石榴盆景工作室") == 1


def test_public_page_leaves_out_proposals_and_taken_down_items(client, district):
    StartupEventFactory(district=district, title="已发布沙龙")
    StartupEventFactory(district=district, title="待审沙龙", state=CatalogueState.PROPOSED)
    StartupEventFactory(district=district, title="已撤下沙龙", state=CatalogueState.UNPUBLISHED)

    body = client.get(reverse("entrepreneurship_public:home")).content.decode()

    assert "已发布沙龙" in body
    assert "待审沙龙" not in body and "已撤下沙龙" not in body


def test_an_unpublished_item_has_no_public_page(client, district):
    star = StartupStarFactory(district=district, state=CatalogueState.PROPOSED)

    assert client.get(reverse("entrepreneurship_public:star", args=[star.pk])).status_code == 404


# --- staff pages --------------------------------------------------------------------


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
    project = _proposal(community)
    client.force_login(district_bureau)

    response = client.get(reverse("entrepreneurship:catalogue_projects_detail", args=[project.pk]))

    assert [s["step"].name for s in response.context["steps"]] == ["publish", "send_back"]


def test_district_publishes_from_the_staff_page(client, district_bureau, community):
    project = _proposal(community)
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


def test_district_cannot_publish_a_draft_its_community_is_still_writing(community_staff, district_bureau):
    project = _draft_project(community_staff)

    with pytest.raises(ValidationError) as caught:
        catalogue_item_step(actor=district_bureau, item=project, step="publish")

    assert caught.value.code == "not_proposed"
    assert [s.name for s in project.workflow.allowed(project, district_bureau)] == []


def test_district_publishes_its_own_draft_directly(district_bureau, district):
    project = catalogue_item_save(
        actor=district_bureau,
        item=StartupProject(title="区里的项目", industry="餐饮", summary="早点摊。", district=district),
    )

    catalogue_item_step(actor=district_bureau, item=project, step="publish")

    assert project.state == CatalogueState.PUBLISHED


def test_district_overview_says_which_proposals_wait(client, district_bureau, community):
    _proposal(community)
    StartupEventFactory(district=community.street.district, community=community, state=CatalogueState.PROPOSED)
    client.force_login(district_bureau)

    response = client.get(reverse("entrepreneurship:overview"))

    assert [(kind, n) for _label, kind, n in response.context["catalogue_waiting"]] == [("projects", 1), ("events", 1)]
