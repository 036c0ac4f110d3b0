"""The rules the cooperatives' records keep themselves (run by the services
through full_clean)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import LabourOrganisation, LabourProject, ProjectPlacement


def test_a_project_runs_at_most_ten_years_and_a_29_february_start_ends_on_the_28th():
    project = LabourProject(starts_on=dt.date(2024, 2, 29))

    assert project.latest_end() == dt.date(2034, 2, 28)


def test_a_project_ending_before_it_starts_names_the_end_date():
    project = LabourProject(starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 4, 1))

    with pytest.raises(ValidationError) as refused:
        project.clean()
    assert list(refused.value.error_dict) == ["ends_on"]


def test_an_organisation_cannot_be_founded_in_the_future():
    organisation = LabourOrganisation(founded_on=dt.date.today() + dt.timedelta(days=2))

    with pytest.raises(ValidationError) as refused:
        organisation.clean()
    assert list(refused.value.error_dict) == ["founded_on"]


def test_a_placement_has_priority_when_any_group_applies():
    assert (ProjectPlacement(is_low_income=True).is_priority, ProjectPlacement().is_priority) == (True, False)
