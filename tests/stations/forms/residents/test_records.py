"""stations.forms.residents.records: the resident form and its city-wide
duplicate check."""

import pytest

from stations.forms.residents.records import ResidentForm, resident_form_initial
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_a_number_registered_in_another_area_is_refused_naming_the_community(community_staff, other_community):
    held = ResidentFactory(community=other_community)
    form = ResidentForm(data={"id_number": held.id_number}, user=community_staff)
    form.is_valid()
    assert form.has_error("id_number", code="duplicate")
    assert other_community.name in form.errors["id_number"][0]
    assert form.duplicate_in_scope is False


def test_a_records_own_values_pass_its_duplicate_check(community_staff, community):
    resident = ResidentFactory(community=community)
    form = ResidentForm(data=resident_form_initial(resident), instance=resident, user=community_staff)
    form.is_valid()
    assert "id_number" not in form.errors
