import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stations.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def test_district_bureau_lists_accounts_of_its_district(client, district_bureau, community_staff, far_community):
    from tests.factories import UserFactory

    outsider = UserFactory(username="outsider", community=far_community)
    client.force_login(district_bureau)
    body = client.get(reverse("stations:account_list")).content.decode()
    assert community_staff.username in body
    assert outsider.username not in body


def test_account_list_uses_a_fixed_number_of_queries(client, district_bureau, community, django_assert_num_queries):
    from tests.factories import UserFactory

    client.force_login(district_bureau)
    url = reverse("stations:account_list")
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    UserFactory.create_batch(10, community=community)
    with django_assert_num_queries(len(captured)):
        client.get(url)


def test_community_staff_cannot_open_the_accounts_page(staff_client):
    assert staff_client.get(reverse("stations:account_list")).status_code == 403


def test_district_bureau_disables_an_account_in_its_district(client, district_bureau, community_staff):
    client.force_login(district_bureau)
    url = reverse("stations:account_deactivate", args=[community_staff.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    community_staff.refresh_from_db()
    assert not community_staff.is_active
    assert AuditEntry.objects.filter(action=AuditAction.ACCOUNT, object_id=str(community_staff.pk)).exists()


def test_disabling_an_account_signs_it_out(client, district_bureau, community_staff):
    from django.test import Client

    their_browser = Client()
    their_browser.force_login(community_staff)
    client.force_login(district_bureau)
    client.post(reverse("stations:account_deactivate", args=[community_staff.pk]))
    response = their_browser.get(reverse("stations:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_district_bureau_cannot_disable_an_account_of_another_district(client, district_bureau, far_community):
    from tests.factories import UserFactory

    outsider = UserFactory(community=far_community)
    client.force_login(district_bureau)
    response = client.post(reverse("stations:account_deactivate", args=[outsider.pk]))
    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active


def test_a_bureau_cannot_disable_its_own_account(client, district_bureau):
    client.force_login(district_bureau)
    response = client.post(reverse("stations:account_deactivate", args=[district_bureau.pk]), follow=True)
    district_bureau.refresh_from_db()
    assert district_bureau.is_active
    assert response.status_code == 200
