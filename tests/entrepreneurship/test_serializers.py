from entrepreneurship.models import Business, GuaranteeLoan
from entrepreneurship.serializers import BusinessSerializer, GuaranteeLoanSerializer, SubsidyTransitionSerializer


def test_the_api_edits_the_same_fields_as_the_staff_forms():
    assert BusinessSerializer.Meta.fields == ["id", *Business.EDITABLE_FIELDS]
    assert GuaranteeLoanSerializer.Meta.fields == ["id", *GuaranteeLoan.EDITABLE_FIELDS, "community"]


def test_a_transition_needs_a_known_step_and_fills_in_the_optional_fields():
    unknown = SubsidyTransitionSerializer(data={"transition": "approve_twice"})
    known = SubsidyTransitionSerializer(data={"transition": "submit"})
    assert not unknown.is_valid() and "transition" in unknown.errors
    assert known.is_valid() and known.validated_data == {
        "transition": "submit",
        "note": "",
        "rejection_reason": "",
        "payment_reference": "",
    }


def test_a_founder_out_of_the_users_area_is_refused_on_its_field(community_staff, far_community):
    from rest_framework.test import APIRequestFactory

    from tests.factories import ResidentFactory

    request = APIRequestFactory().post("/")
    request.user = community_staff
    stranger = ResidentFactory(community=far_community)
    serializer = BusinessSerializer(data={"founders": [stranger.pk]}, context={"request": request})
    assert not serializer.is_valid()
    assert "founders" in serializer.errors
