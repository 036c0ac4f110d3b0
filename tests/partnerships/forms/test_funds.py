"""The funds forms offer only the communities in the user's district."""

import pytest

from partnerships.forms.funds import AllocationForm

pytestmark = pytest.mark.django_db


def test_an_allocation_is_offered_the_communities_of_the_users_district(district_bureau, community, far_community):
    form = AllocationForm(user=district_bureau)

    choices = set(form.fields["community"].queryset)
    assert community in choices and far_community not in choices
