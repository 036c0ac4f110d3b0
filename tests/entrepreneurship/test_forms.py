from entrepreneurship.forms import BusinessForm, StartupProjectForm
from entrepreneurship.models import Business
from tests.factories import ResidentFactory


def test_the_business_form_offers_founders_and_communities_of_the_users_area_only(
    community_staff, community, far_community
):
    neighbour, stranger = ResidentFactory(community=community), ResidentFactory(community=far_community)
    form = BusinessForm(user=community_staff)
    founders = set(form.fields["founders"].queryset)
    assert neighbour in founders and stranger not in founders
    assert list(form.fields["community"].queryset) == [community]
    assert list(form.fields) == list(Business.EDITABLE_FIELDS)


def test_community_staff_write_catalogue_items_for_their_own_district_without_choosing_it(
    community_staff, district_bureau
):
    assert "district" not in StartupProjectForm(user=community_staff).fields
    assert "district" in StartupProjectForm(user=district_bureau).fields
