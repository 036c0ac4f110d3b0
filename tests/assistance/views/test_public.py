"""The public help request page: works without JavaScript (narrowing by a
submit button), keeps what was typed, a signed sum and a honeypot against
scripts, limits per address and per number."""

import re
import secrets
import time

import pytest
from django.core import signing

from assistance.forms_help import CHALLENGE_SALT
from assistance.models import HelpRequest
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db
URL = "/assistance/"


def solved_challenge(*, a=3, b=4, age=10, nonce=None):
    token = signing.dumps(
        {"a": a, "b": b, "n": nonce or secrets.token_hex(8), "t": int(time.time()) - age}, salt=CHALLENGE_SALT
    )
    return token, a + b


def form_data(place, **overrides):
    token, answer = solved_challenge()
    data = {
        "district": place.street.district_id,
        "street": place.street_id,
        "community": place.pk,
        "need": "find_work",
        "name": "王秀兰",
        "mobile": "13912345678",
        "note": "想找离家近的工作",
        "text_consent": "on",
        "challenge": token,
        "answer": answer,
        "website": "",
    }
    data.update(overrides)
    return data


def test_the_page_asks_for_the_district_first_and_lists_no_community_before(client, community):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="narrow"' in html and community.name not in html


def test_show_communities_lists_the_districts_communities_and_keeps_what_was_typed(client, community):
    response = client.post(
        URL, {"district": community.street.district_id, "name": "王秀兰", "narrow": "1", "challenge": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and community.name in html and "王秀兰" in html
    assert "errorlist" not in html
    assert not HelpRequest.objects.exists()


def test_a_request_with_the_right_sum_is_saved_and_the_receipt_shows_no_personal_data(client, community):
    response = client.post(URL, form_data(community))
    assert response.status_code == 302
    request = HelpRequest.objects.get()
    assert request.community == community and request.mobile == "13912345678" and request.text_consent
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert receipt.status_code == 200 and request.reference in html
    assert "13912345678" not in html and "王秀兰" not in html


def test_the_receipt_gives_the_quiet_hours_the_city_set(client, community, city_bureau):
    import datetime as dt

    from stations.messaging.rules import QUIET_HOURS
    from stations.models import PolicyParameterValue

    PolicyParameterValue.objects.create(
        key=QUIET_HOURS, value={"start": "20:30", "end": "07:30"}, valid_from=dt.date(2000, 1, 1), set_by=city_bureau
    )
    client.cookies["django_language"] = "en"
    receipt = client.get(client.post(URL, form_data(community))["Location"]).content.decode()
    assert "not sent between 20:30 and 07:30" in receipt


def test_a_wrong_sum_keeps_what_was_typed_and_asks_a_new_question(client, community):
    response = client.post(URL, form_data(community, answer=99))
    html = response.content.decode()
    assert response.status_code == 400 and not HelpRequest.objects.exists()
    assert "王秀兰" in html and "13912345678" in html
    assert re.search(r'name="answer"[^>]*>', html) and 'value="99"' not in html


def test_a_filled_honeypot_is_refused(client, community):
    response = client.post(URL, form_data(community, website="http://spam.example"))
    assert response.status_code == 400 and not HelpRequest.objects.exists()


def test_a_form_sent_within_seconds_of_being_shown_is_refused(client, community):
    token, answer = solved_challenge(age=0)
    response = client.post(URL, form_data(community, challenge=token, answer=answer))
    assert response.status_code == 400 and not HelpRequest.objects.exists()


def test_a_forged_question_is_refused(client, community):
    response = client.post(URL, form_data(community, challenge="forged", answer=7))
    assert response.status_code == 400 and not HelpRequest.objects.exists()


def test_a_question_answers_one_request_only(client, community):
    token, answer = solved_challenge(nonce="once")
    assert client.post(URL, form_data(community, challenge=token, answer=answer)).status_code == 302
    again = client.post(URL, form_data(community, challenge=token, answer=answer, mobile="13912345679"))
    assert again.status_code == 400 and HelpRequest.objects.count() == 1


def test_one_address_may_send_five_requests_an_hour(client, community):
    for n in range(5):
        assert client.post(URL, form_data(community, mobile=f"1391234500{n}")).status_code == 302
    refused = client.post(URL, form_data(community, mobile="13912345009"))
    assert refused.status_code == 400 and HelpRequest.objects.count() == 5


def test_one_number_may_ask_three_times_a_day_from_any_address(client, community):
    for n in range(3):
        address = f"203.0.113.{n}"
        assert client.post(URL, form_data(community), REMOTE_ADDR=address).status_code == 302
    refused = client.post(URL, form_data(community), REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 400 and "mobile" in refused.context["form"].errors


def test_a_community_outside_the_chosen_district_is_refused_not_an_error_page(client, community, far_community):
    response = client.post(URL, form_data(community, community=far_community.pk))
    assert response.status_code == 400 and "community" in response.context["form"].errors


def test_from_a_station_page_the_communities_it_serves_are_offered(client, community, sibling_community):
    station = StationFactory(community=community)
    station.served_communities.add(sibling_community)
    html = client.get(f"{URL}?station={station.pk}").content.decode()
    assert community.name in html and sibling_community.name in html and 'name="narrow"' not in html


def test_the_station_page_links_to_the_help_request(client, community):
    station = StationFactory(community=community)
    assert f"{URL}?station={station.pk}" in client.get(f"/stations/{station.pk}/").content.decode()


def test_the_home_page_links_to_the_help_request(client, db):
    assert f'href="{URL}"' in client.get("/").content.decode()


def test_a_tampered_receipt_link_is_not_found(client, db):
    assert client.get(f"{URL}sent/abc/").status_code == 404


def test_the_new_question_shown_after_a_wrong_sum_is_the_one_checked(client, community):
    response = client.post(URL, form_data(community, answer=99))
    form = response.context["form"]
    a, b = (int(n) for n in re.findall(r"\d+", str(form["answer"].label))[:2])
    token = form["challenge"].value()
    assert signing.loads(token, salt=CHALLENGE_SALT)["a"] == a
    assert signing.loads(token, salt=CHALLENGE_SALT)["b"] == b
