import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stations.closed_months import ClosedMonthError
from stations.models import Role
from tests.factories import ResidentFactory
from tests.factories.reports import close_month, day_in
from training.models import TrainingNeed
from training.services import training_need_record


def test_staff_record_a_need_for_a_round(community_staff, community):
    need = training_need_record(
        actor=community_staff,
        resident=ResidentFactory(community=community),
        occupation=" 育婴员 ",
        round_date=dt.date.today(),
    )
    assert need.occupation == "育婴员"


def test_the_same_wish_twice_in_a_round_is_refused(community_staff, community):
    resident = ResidentFactory(community=community)
    training_need_record(actor=community_staff, resident=resident, occupation="育婴员", round_date=dt.date.today())
    with pytest.raises(ValidationError):
        training_need_record(actor=community_staff, resident=resident, occupation="育婴员", round_date=dt.date.today())


def test_street_officer_cannot_record_needs_outside_scope(street_officer, far_community):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        training_need_record(
            actor=street_officer,
            resident=ResidentFactory(community=far_community),
            occupation="x",
            round_date=dt.date.today(),
        )


def test_district_bureau_cannot_record_needs(district_bureau, community):
    from django.core.exceptions import PermissionDenied

    assert district_bureau.role == Role.DISTRICT_BUREAU
    with pytest.raises(PermissionDenied):
        training_need_record(
            actor=district_bureau,
            resident=ResidentFactory(community=community),
            occupation="x",
            round_date=dt.date.today(),
        )


def test_a_training_wish_for_a_round_in_a_closed_month_is_refused(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        training_need_record(actor=community_staff, resident=resident, round_date=day_in(month), occupation="电工")
    assert not TrainingNeed.objects.exists()
