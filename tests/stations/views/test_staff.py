from django.urls import reverse


def test_community_staff_sees_their_node_on_the_dashboard(staff_client, community):
    response = staff_client.get(reverse("stations:dashboard"))
    assert response.status_code == 200
    assert community.name in response.content.decode()


def test_anonymous_user_is_sent_to_login(client, db):
    response = client.get(reverse("stations:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
