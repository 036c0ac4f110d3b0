"""The cooperatives' forms: choices in scope, and the resident finder that
takes a whole ID number at once but asks staff to confirm a partial match."""

import pytest

from partnerships.forms.cooperatives import MemberAddForm, OrganisationForm
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_a_new_organisation_is_offered_only_the_communities_in_scope(community_staff, community, other_community):
    form = OrganisationForm(user=community_staff)

    assert list(form.fields["community"].queryset) == [community]
    assert form.initial["community"] == community.pk and "is_active" not in form.fields


def test_a_whole_id_number_picks_the_resident_at_once(community_staff, community):
    resident = ResidentFactory(community=community)
    form = MemberAddForm({"find": resident.id_number, "joined_on": "2026-01-05"}, user=community_staff)

    assert form.is_valid() and form.cleaned_data["resident"] == resident


def test_a_single_match_by_name_is_offered_to_confirm_not_taken(community_staff, community):
    resident = ResidentFactory(community=community)
    form = MemberAddForm({"find": resident.name, "joined_on": "2026-01-05"}, user=community_staff)

    assert not form.is_valid()
    assert form.chosen_pk() == str(resident.pk) and "find" in form.errors


def test_a_resident_of_another_area_is_not_found(community_staff, other_community):
    stranger = ResidentFactory(community=other_community)
    form = MemberAddForm({"find": stranger.id_number, "joined_on": "2026-01-05"}, user=community_staff)

    assert not form.is_valid() and "find" in form.errors
