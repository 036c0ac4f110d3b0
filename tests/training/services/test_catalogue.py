from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from stations.models import AuditAction, AuditEntry
from tests.factories.training import CatalogueFactory, CourseFactory
from training.models import Audience, CatalogueStatus, Programme
from training.services import catalogue_create, catalogue_publish, course_save

COURSE = {
    "name": "育婴员（五级）",
    "occupation": "育婴员",
    "hours": 80,
    "subsidy_standard": Decimal("1200"),
    "audience": Audience.REDEPLOYMENT,
    "programme": Programme.HOUSEKEEPING,
}


def test_district_bureau_drafts_and_publishes_a_catalogue(district_bureau):
    catalogue = catalogue_create(actor=district_bureau, title="2026年通用项目清单")
    course_save(actor=district_bureau, catalogue=catalogue, data=COURSE)
    catalogue = catalogue_publish(actor=district_bureau, catalogue=catalogue)
    assert catalogue.status == CatalogueStatus.PUBLISHED and catalogue.published_at is not None


def test_publishing_supersedes_the_previous_catalogue(district_bureau, district):
    old = CatalogueFactory(district=district)
    new = catalogue_create(actor=district_bureau, title="2027")
    course_save(actor=district_bureau, catalogue=new, data=COURSE)
    catalogue_publish(actor=district_bureau, catalogue=new)
    old.refresh_from_db()
    assert old.status == CatalogueStatus.SUPERSEDED


def test_empty_catalogue_cannot_be_published(district_bureau):
    catalogue = catalogue_create(actor=district_bureau, title="empty")
    with pytest.raises(ValidationError):
        catalogue_publish(actor=district_bureau, catalogue=catalogue)


def test_published_catalogue_cannot_be_edited(district_bureau, district):
    catalogue = CatalogueFactory(district=district)
    with pytest.raises(ValidationError):
        course_save(actor=district_bureau, catalogue=catalogue, data=COURSE)


def test_community_staff_cannot_publish(community_staff, district):
    catalogue = CatalogueFactory(district=district, status="draft")
    with pytest.raises(PermissionDenied):
        catalogue_publish(actor=community_staff, catalogue=catalogue)


def test_bureau_of_another_district_cannot_publish(district_bureau, other_district):
    catalogue = CatalogueFactory(district=other_district, status="draft")
    CourseFactory(catalogue=catalogue)
    with pytest.raises(PermissionDenied):
        catalogue_publish(actor=district_bureau, catalogue=catalogue)


def test_publishing_writes_the_step_and_the_supersession_to_the_audit_trail(district_bureau, district):
    old = CatalogueFactory(district=district)
    new = CatalogueFactory(district=district, status=CatalogueStatus.DRAFT)
    CourseFactory(catalogue=new)

    catalogue_publish(actor=district_bureau, catalogue=new)

    entries = AuditEntry.objects.filter(action=AuditAction.TRANSITION)
    assert entries.get(object_id=str(new.pk)).changes == {"status": ["draft", "published"], "step": "publish"}
    assert entries.get(object_id=str(old.pk)).changes == {"status": ["published", "superseded"]}
    assert new.published_by == district_bureau


def test_publishing_a_published_catalogue_again_is_refused_naming_its_status(district_bureau, district):
    catalogue = CatalogueFactory(district=district)
    CourseFactory(catalogue=catalogue)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        catalogue_publish(actor=district_bureau, catalogue=catalogue)

    assert refused.value.messages == ["This record is already “Published”; “Publish” cannot be taken now."]


def test_a_publish_from_a_stale_page_after_a_colleagues_is_refused(district_bureau, district):
    draft = CatalogueFactory(district=district, status=CatalogueStatus.DRAFT)
    CourseFactory(catalogue=draft)
    stale = type(draft).objects.get(pk=draft.pk)
    catalogue_publish(actor=district_bureau, catalogue=draft)

    with pytest.raises(ValidationError) as refused:
        catalogue_publish(actor=district_bureau, catalogue=stale)

    assert refused.value.code == "state"
    assert AuditEntry.objects.filter(action=AuditAction.TRANSITION, object_id=str(draft.pk)).count() == 1
