import pytest
from django.http import Http404

from stations.selectors import staff_account_get

pytestmark = pytest.mark.django_db


def test_an_account_inside_the_users_node_is_found(street_officer, community_staff):
    assert staff_account_get(user=street_officer, pk=community_staff.pk) == community_staff


def test_an_account_of_another_area_is_404(community_staff, other_community_staff):
    with pytest.raises(Http404):
        staff_account_get(user=community_staff, pk=other_community_staff.pk)
