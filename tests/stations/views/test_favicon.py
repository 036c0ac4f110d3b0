from django.urls import reverse


def test_favicon_ico_is_an_icon_for_anyone(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # the ICO header


def test_every_page_names_its_icon(client, db):
    html = client.get(reverse("jobs_public:posting_list")).content.decode()

    assert '<link rel="icon" href="/static/favicon' in html
