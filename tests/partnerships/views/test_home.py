"""The app's landing page: a count of each area, in the user's scope."""

import pytest
from django.urls import reverse

from tests.factories.partnerships_network import PartnerFactory

pytestmark = pytest.mark.django_db


def test_the_landing_page_counts_only_the_users_partners(staff_client, community, other_community):
    PartnerFactory(community=community)
    PartnerFactory(community=other_community)

    response = staff_client.get(reverse("partnerships:home"))

    assert response.status_code == 200
    assert response.context["counts"]["partners"] == 1
