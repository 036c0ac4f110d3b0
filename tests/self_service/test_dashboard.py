from django.urls import reverse

from self_service import services


def test_the_dashboard_lists_waiting_requests_in_scope(staff_client, change, resident):
    services.data_request_create(resident=resident, kind="deletion", details="删除旧地址")

    page = staff_client.get(reverse("stations:dashboard")).content.decode()

    assert reverse("self_service:request_list") + "#changes-h" in page


def test_the_dashboard_panel_is_hidden_outside_the_area(client, other_community_staff, change):
    client.force_login(other_community_staff)

    page = client.get(reverse("stations:dashboard")).content.decode()

    assert reverse("self_service:request_list") + "#changes-h" not in page
