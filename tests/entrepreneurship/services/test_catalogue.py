"""The startup catalogue kept by staff: communities propose, the district
publishes or sends back, each step in the audit log."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from entrepreneurship.models import CatalogueState, CatalogueStep, StartupEvent, StartupProject
from entrepreneurship.services import catalogue_item_save, catalogue_item_step
from stations.models import AuditAction, AuditEntry
from tests.entrepreneurship.conftest import make_draft_project, make_proposal
from tests.factories.entrepreneurship import StartupProjectFactory

pytestmark = pytest.mark.django_db


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
    project = make_draft_project(community_staff)

    catalogue_item_step(actor=community_staff, item=project, step="propose")
    catalogue_item_step(actor=district_bureau, item=project, step="publish")

    project.refresh_from_db()
    assert project.state == CatalogueState.PUBLISHED
    assert list(CatalogueStep.objects.filter(project=project).values_list("step", "actor")) == [
        ("propose", community_staff.pk),
        ("publish", district_bureau.pk),
    ]


def test_each_step_is_in_the_audit_log(community_staff):
    project = make_draft_project(community_staff)

    catalogue_item_step(actor=community_staff, item=project, step="propose")

    entry = AuditEntry.objects.filter(action=AuditAction.TRANSITION).latest("pk")
    assert entry.changes["state"] == ["draft", "proposed"]


def test_community_staff_cannot_publish(community_staff):
    project = make_draft_project(community_staff)

    with pytest.raises(PermissionDenied):
        catalogue_item_step(actor=community_staff, item=project, step="publish")


def test_district_cannot_send_back_what_was_never_proposed(community_staff, district_bureau):
    project = make_draft_project(community_staff)

    with pytest.raises(ValidationError) as caught:
        catalogue_item_step(actor=district_bureau, item=project, step="send_back", note="写清楚投资额")

    assert caught.value.code == "state"


def test_sending_back_needs_a_reason(district_bureau, community):
    project = make_proposal(community)

    with pytest.raises(ValidationError) as caught:
        catalogue_item_step(actor=district_bureau, item=project, step="send_back", note="  ")

    assert "note" in caught.value.message_dict
    project.refresh_from_db()
    assert project.state == CatalogueState.PROPOSED


def test_sent_back_item_shows_the_reason_and_can_be_proposed_again(district_bureau, community_staff, community):
    project = make_proposal(community)

    catalogue_item_step(actor=district_bureau, item=project, step="send_back", note="写清楚投资额")

    assert (project.state, project.last_reason()) == (CatalogueState.RETURNED, "写清楚投资额")
    catalogue_item_step(actor=community_staff, item=project, step="propose")
    assert project.state == CatalogueState.PROPOSED


def test_published_item_can_be_taken_down_with_a_reason(district_bureau, community):
    project = make_proposal(community, title="已过时的项目")
    catalogue_item_step(actor=district_bureau, item=project, step="publish")

    catalogue_item_step(actor=district_bureau, item=project, step="unpublish", note="政策已调整")

    assert project.state == CatalogueState.UNPUBLISHED


def test_a_published_item_is_taken_down_before_it_changes(district_bureau, community):
    project = make_proposal(community)
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
    project = make_proposal(far_community)

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


def test_district_cannot_publish_a_draft_its_community_is_still_writing(community_staff, district_bureau):
    project = make_draft_project(community_staff)

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
