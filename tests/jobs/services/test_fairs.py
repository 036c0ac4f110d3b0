import pytest
from django.core.exceptions import ValidationError

from jobs.models import FairSignUp, JobFair
from jobs.services import fair_signup_create, job_fair_save
from stations.models import AuditEntry
from tests.factories.jobs import EmployerFactory, JobFairFactory

pytestmark = pytest.mark.django_db


def test_a_fair_is_saved_with_its_employers_and_audited(community_staff, community):
    employer = EmployerFactory(community=community)

    fair = job_fair_save(actor=community_staff, fair=JobFairFactory.build(community=community), employers=[employer])

    assert list(fair.employers.all()) == [employer]
    assert AuditEntry.objects.filter(object_id=str(fair.pk), action="create").exists()


def test_a_fair_cannot_gather_employers_of_another_area(community_staff, community, far_community):
    fair = JobFairFactory.build(community=community)

    with pytest.raises(ValidationError) as exc:
        job_fair_save(actor=community_staff, fair=fair, employers=[EmployerFactory(community=far_community)])

    assert "employers" in exc.value.message_dict


def test_staff_cannot_hold_a_fair_in_a_community_of_another_area(other_community_staff, community):
    with pytest.raises(ValidationError) as exc:
        job_fair_save(actor=other_community_staff, fair=JobFairFactory.build(community=community))

    assert "community" in exc.value.message_dict
    assert not JobFair.objects.exists()


def test_a_sign_up_with_a_bad_mobile_names_the_phone_and_stores_nothing(community):
    with pytest.raises(ValidationError) as exc:
        fair_signup_create(fair=JobFairFactory(community=community), name="赵丽", phone="12345")

    assert set(exc.value.message_dict) == {"phone"}
    assert not FairSignUp.objects.exists()
