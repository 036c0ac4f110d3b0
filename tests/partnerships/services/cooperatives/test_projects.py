"""Labour projects of an organisation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnerships.models import (
    LabourProject,
    ProjectKind,
)
from partnerships.services.cooperatives.projects import labour_project_save
from stations.closed_months import ClosedMonthError
from tests.factories.partnerships_cooperatives import (
    LabourOrganisationFactory,
    LabourProjectFactory,
    ProjectPlacementFactory,
)
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _project(organisation, **dates):
    return LabourProject(
        organisation=organisation,
        kind=ProjectKind.ROAD_UPKEEP,
        title="道路养护",
        client="区交通局",
        value=Decimal("1000"),
        posts=2,
        **dates,
    )


def test_a_project_ending_before_it_starts_is_refused(community_staff, community):
    organisation = LabourOrganisationFactory(community=community)
    with pytest.raises(ValidationError) as exc:
        labour_project_save(
            actor=community_staff,
            project=_project(organisation, starts_on=TODAY, ends_on=TODAY - dt.timedelta(days=1)),
        )
    assert "ends_on" in exc.value.error_dict


def test_a_project_starting_before_2000_is_refused(community_staff, community):
    organisation = LabourOrganisationFactory(community=community)
    with pytest.raises(ValidationError) as exc:
        labour_project_save(
            actor=community_staff,
            project=_project(organisation, starts_on=dt.date(1, 1, 1), ends_on=TODAY),
        )
    assert "starts_on" in exc.value.error_dict


def test_a_project_running_more_than_ten_years_is_refused(community_staff, community):
    organisation = LabourOrganisationFactory(community=community)
    with pytest.raises(ValidationError) as exc:
        labour_project_save(
            actor=community_staff,
            project=_project(organisation, starts_on=dt.date(2024, 2, 29), ends_on=dt.date(9999, 12, 31)),
        )
    assert "2034-02-28" in exc.value.message_dict["ends_on"][0]


def test_a_project_of_exactly_ten_years_is_accepted(community_staff, community):
    organisation = LabourOrganisationFactory(community=community)
    project = labour_project_save(
        actor=community_staff,
        project=_project(organisation, starts_on=dt.date(2024, 2, 29), ends_on=dt.date(2034, 2, 28)),
    )
    assert project.pk


def test_a_project_of_an_organisation_outside_the_area_is_refused(community_staff, other_community):
    organisation = LabourOrganisationFactory(community=other_community)
    with pytest.raises(ValidationError) as exc:
        labour_project_save(
            actor=community_staff,
            project=_project(organisation, starts_on=TODAY, ends_on=TODAY),
        )
    assert "organisation" in exc.value.error_dict


def test_posts_cannot_be_cut_below_the_residents_working(community_staff, community):
    project = LabourProjectFactory(organisation__community=community, posts=3)
    ProjectPlacementFactory.create_batch(2, project=project)
    project.posts = 1
    with pytest.raises(ValidationError) as exc:
        labour_project_save(actor=community_staff, project=project)
    assert "posts" in exc.value.error_dict


def test_a_project_cannot_be_moved_to_start_in_a_closed_month(community_staff, community, month):
    project = LabourProjectFactory(organisation__community=community, starts_on=timezone.localdate())
    close_month(community=community, by=community_staff)
    project.starts_on = day_in(month)
    with pytest.raises(ClosedMonthError):
        labour_project_save(actor=community_staff, project=project)
