from jobs.forms_gigs import GigForm
from tests.factories.residents import ResidentFactory
from tests.jobs.conftest import gig_form_data


def test_a_household_is_found_by_its_id_number_typed_in_lower_case(community_staff, community):
    resident = ResidentFactory(community=community)
    form = GigForm(
        gig_form_data(community, household_id_number=resident.id_number.lower(), poster_name="", poster_phone=""),
        user=community_staff,
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["poster_resident"] == resident


def test_a_household_of_another_area_is_not_found(community_staff, community, other_community):
    stranger = ResidentFactory(community=other_community)
    form = GigForm(gig_form_data(community, household_id_number=stranger.id_number), user=community_staff)

    assert not form.is_valid()
    assert "household_id_number" in form.errors


def test_without_an_employer_or_household_the_name_and_phone_are_asked_for(community_staff, community):
    form = GigForm(gig_form_data(community, poster_name="", poster_phone=""), user=community_staff)

    assert not form.is_valid()
    assert {"poster_name", "poster_phone"} <= set(form.errors)
