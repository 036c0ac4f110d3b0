from django.urls import reverse


def test_compliance_page_shows_the_definition_beside_the_figure(client, street_officer, make_case):
    make_case(opened_days_ago=370)
    client.force_login(street_officer)
    response = client.get(reverse("assistance:compliance"), {"level": "community"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "0%" in body
    assert 'id="def-h"' in body
