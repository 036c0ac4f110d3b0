"""The resident's pages: sign-in, the record, requests, download, opt-out,
and odd work (零工): their availability, a job posted for their household and
the jobs offered to them; only their own."""

import datetime as dt
import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from jobs.models import Gig, GigAvailability
from self_service import session
from self_service.models import ChangeRequest, DataRequest
from stations.models import AuditEntry, TextConsent
from tests.factories import ResidentFactory, ServiceRecordFactory
from tests.factories.gigs import GigAvailabilityFactory, GigFactory, GigOfferFactory

from .conftest import last_code

pytestmark = pytest.mark.django_db


def _sign_in(client, number="13912345678"):
    client.post(reverse("me:sign_in"), {"mobile": number})
    return client.post(reverse("me:code"), {"code": last_code(number)})


def test_the_own_page_sends_a_visitor_who_is_not_signed_in_to_the_sign_in_page(client, db):
    response = client.get("/me/")

    assert response.status_code == 302 and response["Location"] == reverse("me:sign_in")


def test_asking_for_a_code_answers_the_same_for_a_registered_and_an_unknown_number(client, resident):
    known = client.post(reverse("me:sign_in"), {"mobile": "13912345678"})
    known_page = client.get(known["Location"]).content.decode().replace("139****5678", "NUMBER")
    client.session.flush()
    unknown = client.post(reverse("me:sign_in"), {"mobile": "13800001111"})
    unknown_page = client.get(unknown["Location"]).content.decode().replace("138****1111", "NUMBER")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    strip = [line for line in known_page.splitlines() if "csrfmiddlewaretoken" not in line]
    assert strip == [line for line in unknown_page.splitlines() if "csrfmiddlewaretoken" not in line]


def test_a_mistyped_number_is_refused_with_the_number_kept(client, db):
    response = client.post(reverse("me:sign_in"), {"mobile": "1391234"})

    assert response.status_code == 200
    assert "11 digits" in response.content.decode() or "11位" in response.content.decode()
    assert 'value="1391234"' in response.content.decode()


def test_signing_in_shows_the_record_with_identifiers_masked(client, resident, community_staff):
    ServiceRecordFactory(resident=resident, staff=community_staff)

    response = _sign_in(client)
    page = client.get(response["Location"]).content.decode()

    assert response["Location"] == reverse("me:home")
    assert resident.masked_id_number in page
    assert resident.id_number not in page
    assert "13912345678" not in page
    assert AuditEntry.objects.filter(action="login", object_id=str(resident.pk)).exists()


def test_a_wrong_code_keeps_the_visitor_on_the_code_page_with_a_message(client, resident):
    client.post(reverse("me:sign_in"), {"mobile": "13912345678"})
    wrong = "000000" if last_code() != "000000" else "111111"

    response = client.post(reverse("me:code"), {"code": wrong})

    assert response.status_code == 200
    assert session.RESIDENT_ID not in client.session


def test_a_shared_phone_asks_who_is_signing_in(client, community, resident):
    spouse = ResidentFactory(community=community, mobile="13912345678", name="李强")
    response = _sign_in(client)
    assert response["Location"] == reverse("me:choose")

    response = client.post(reverse("me:choose"), {"resident": spouse.pk})

    assert response["Location"] == reverse("me:home")
    assert client.session[session.RESIDENT_ID] == spouse.pk


def test_an_idle_session_ends_after_fifteen_minutes(client, resident):
    _sign_in(client)
    store = client.session
    store[session.SEEN_AT] -= session.IDLE_MINUTES * 60 + 1
    store.save()

    response = client.get(reverse("me:home"))

    assert response["Location"] == reverse("me:sign_in")


def test_signing_out_ends_the_resident_session(client, resident):
    _sign_in(client)

    client.post(reverse("me:sign_out"))

    assert client.get(reverse("me:home"))["Location"] == reverse("me:sign_in")


def test_a_change_of_job_wishes_is_a_pending_request_and_the_record_is_unchanged(client, resident):
    _sign_in(client)

    response = client.post(
        reverse("me:change"),
        {"mobile": "13912345678", "address": resident.address, "wants_training": "true", "wanted_course_types": "电工"},
    )

    assert response.status_code == 302
    change = ChangeRequest.objects.get(resident=resident)
    assert change.changes == {"wants_training": [None, True], "wanted_course_types": ["", "电工"]}
    resident.refresh_from_db()
    assert resident.wants_training is None


def test_sending_the_change_form_unchanged_says_nothing_was_changed(client, resident):
    _sign_in(client)

    response = client.post(reverse("me:change"), {"mobile": "13912345678", "address": resident.address})

    assert response.status_code == 200
    assert not ChangeRequest.objects.exists()


def test_a_data_request_is_due_in_the_policy_number_of_days(client, resident):
    from django.utils import timezone

    _sign_in(client)

    client.post(reverse("me:data_request"), {"kind": "correction", "details": "出生日期有误"})

    data_request = DataRequest.objects.get(resident=resident)
    assert (data_request.due_on - timezone.localdate()).days == 15


def test_the_download_is_a_json_copy_of_the_residents_own_data(client, resident, community_staff):
    ServiceRecordFactory(resident=resident, staff=community_staff, note="首次登记")
    other = ResidentFactory(community=resident.community, name="张三")
    ServiceRecordFactory(resident=other, staff=community_staff, note="别人的服务")
    _sign_in(client)

    response = client.get(reverse("me:download"))

    copy = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert copy["record"]["id_number"] == resident.id_number
    assert [s["note"] for s in copy["services"]] == ["首次登记"]
    assert AuditEntry.objects.filter(action="export", object_id=str(resident.pk)).exists()


def test_stopping_messages_withdraws_consent_at_once(client, community):
    resident = ResidentFactory(community=community, mobile="13912345678", text_consent=TextConsent.GIVEN)
    _sign_in(client)

    client.post(reverse("me:opt_out"))

    resident.refresh_from_db()
    assert resident.text_consent == TextConsent.WITHDRAWN


@pytest.mark.parametrize("name", ["me:change", "me:data_request", "me:download"])
def test_the_resident_pages_need_a_signed_in_resident(client, db, name):
    assert client.get(reverse(name))["Location"] == reverse("me:sign_in")


@pytest.fixture
def me(client, resident):
    """The test client, signed in as `resident`, reading the pages in English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(reverse("me:sign_in"), {"mobile": resident.mobile})
    client.post(reverse("me:code"), {"code": last_code(resident.mobile)})
    return client


def gig_form(community, **overrides):
    return {
        "community": community.pk,
        "title": "家庭保洁",
        "kind": "cleaning",
        "address": "幸福小区3号楼2单元501",
        "date": timezone.localdate().isoformat(),
        "start_time": "14:00",
        "end_time": "17:00",
        "places": "1",
        "pay": "30",
        "pay_unit": "hour",
        "bring": "抹布",
        "description": "",
        "risk": "",
        "certificate": "",
        **overrides,
    }


# --- availability ----------------------------------------------------------------------
def test_the_odd_work_pages_need_a_signed_in_resident(client, db):
    for name in ("me:odd_work", "me:gig_post"):
        response = client.get(reverse(name))
        assert response["Location"] == reverse("me:sign_in")


def test_a_resident_saves_the_odd_work_they_take_at_once(me, resident):
    response = me.post(
        reverse("me:odd_work"), {"kinds": ["cleaning", "repairs"], "weekdays": ["5", "6"], "max_km": "5"}
    )

    assert response["Location"] == reverse("me:home")
    row = GigAvailability.objects.get(resident=resident)
    assert (row.kinds, row.weekdays, row.max_km, row.active, row.registered_by) == (
        ["cleaning", "repairs"],
        [5, 6],
        5,
        True,
        None,
    )


def test_the_page_shows_the_odd_work_taken(me, resident):
    GigAvailabilityFactory(resident=resident, kinds=["moving"], weekdays=[0], max_km=2)

    page = me.get(reverse("me:home")).content.decode()

    assert "Moving and carrying" in page and "Monday" in page and "up to 2 km" in page


def test_a_form_without_a_day_says_so_and_keeps_what_was_ticked(me, resident):
    response = me.post(reverse("me:odd_work"), {"kinds": ["repairs"], "max_km": "3"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "This field is required" in page
    assert 'value="repairs" checked' in page or 'value="repairs"\n' not in page and "checked" in page
    assert not GigAvailability.objects.exists()


def test_the_consent_box_is_offered_only_when_consent_is_not_given(me, resident):
    assert 'name="text_consent"' in me.get(reverse("me:odd_work")).content.decode()

    resident.text_consent = TextConsent.GIVEN
    resident.save(update_fields=["text_consent"])

    assert 'name="text_consent"' not in me.get(reverse("me:odd_work")).content.decode()


def test_ticking_consent_on_the_odd_work_form_records_it(me, resident):
    me.post(reverse("me:odd_work"), {"kinds": ["cleaning"], "weekdays": ["0"], "max_km": "3", "text_consent": "on"})

    resident.refresh_from_db()
    assert resident.text_consent == TextConsent.GIVEN


def test_a_resident_withdraws_from_odd_work(me, resident):
    GigAvailabilityFactory(resident=resident)

    response = me.post(reverse("me:odd_work"), {"action": "withdraw"})

    assert response["Location"] == reverse("me:home")
    assert GigAvailability.objects.get(resident=resident).active is False
    assert "You are not taking odd work now." in me.get(reverse("me:home")).content.decode()


# --- posting for the household ---------------------------------------------------------------
def test_a_household_posts_an_odd_job_from_its_page(me, resident, community):
    response = me.post(reverse("me:gig_post"), gig_form(community))

    assert response["Location"] == reverse("me:home")
    gig = Gig.objects.get()
    assert (gig.poster_resident, gig.community, gig.posted_by, gig.title) == (resident, community, None, "家庭保洁")


def test_a_household_may_post_in_another_community_of_its_street(me, sibling_community):
    me.post(reverse("me:gig_post"), gig_form(sibling_community))

    assert Gig.objects.get().community == sibling_community


def test_the_post_form_offers_only_communities_of_the_residents_street(
    me, community, sibling_community, other_community
):
    page = me.get(reverse("me:gig_post")).content.decode()

    assert community.name in page and sibling_community.name in page
    assert other_community.name not in page


def test_pay_below_the_hourly_minimum_is_refused_on_the_form_with_what_was_typed_kept(me, community):
    response = me.post(reverse("me:gig_post"), gig_form(community, pay="5", title="擦玻璃"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "minimum" in page
    assert 'value="擦玻璃"' in page and 'value="5"' in page
    assert not Gig.objects.exists()


def test_an_end_before_the_start_is_shown_at_the_end_time(me, community):
    response = me.post(reverse("me:gig_post"), gig_form(community, start_time="17:00", end_time="14:00"))

    assert response.status_code == 200
    assert "The end time must be after the start time." in response.content.decode()


def test_the_poster_sees_the_job_who_is_coming_and_a_link_to_its_page(me, resident, community):
    gig = GigFactory(community=community, poster_resident=resident, title="搬家帮手", places=2)
    GigOfferFactory(gig=gig, resident=ResidentFactory(community=community, name="张阿姨"), state="accepted")
    GigOfferFactory(gig=gig, resident=ResidentFactory(community=community, name="李大姐"), state="offered")

    page = me.get(reverse("me:home")).content.decode()

    assert "搬家帮手" in page
    assert "张*" in page and "李*" not in page
    assert reverse("gigs_public:poster", args=[gig.poster_token]) in page


# --- odd jobs offered to the resident ------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"state": "accepted"}, "Accepted"),
        ({"state": "waiting"}, "On the waiting list"),
        ({"state": "done"}, "Worked"),
        ({"state": "done", "pay_confirmed": 90}, "paid 90 yuan"),
        ({"state": "done"}, "you reported not being paid"),
    ],
)
def test_the_resident_sees_each_odd_job_offered_and_its_state(me, resident, community, fields, shown):
    now = timezone.now()
    if fields["state"] == "done":
        fields = {**fields, "checked_in_at": now - dt.timedelta(hours=3), "checked_out_at": now}
    if shown == "you reported not being paid":
        fields = {**fields, "unpaid_reported_at": now}
    offer = GigOfferFactory(gig=GigFactory(community=community, title="小区保洁"), resident=resident, **fields)

    page = me.get(reverse("me:home")).content.decode()

    assert "小区保洁" in page and shown in page
    assert reverse("gigs_public:offer", args=[offer.token]) in page


def test_a_resident_sees_neither_others_offers_nor_others_jobs(me, resident, community):
    neighbour = ResidentFactory(community=community)
    GigOfferFactory(gig=GigFactory(community=community, title="别人的活"), resident=neighbour)
    GigFactory(community=community, poster_resident=neighbour, title="邻居发的活")
    GigAvailabilityFactory(resident=neighbour, kinds=["harvest"])

    page = me.get(reverse("me:home")).content.decode()

    assert "别人的活" not in page and "邻居发的活" not in page and "Harvest help" not in page


def test_the_data_copy_holds_the_residents_odd_work(me, resident, community):
    GigAvailabilityFactory(resident=resident, kinds=["cleaning"])
    GigOfferFactory(gig=GigFactory(community=community, title="小区保洁"), resident=resident, state="accepted")
    GigFactory(community=community, poster_resident=resident, title="搬家帮手")

    copy = me.get(reverse("me:download")).json()["odd_work"]

    assert copy["availability"]["taking_odd_work"] is True
    assert [o["job"] for o in copy["offers"]] == ["小区保洁"]
    assert [g["job"] for g in copy["jobs_posted"]] == ["搬家帮手"]


def test_no_people_needed_is_refused_at_the_field_in_words(me, community):
    response = me.post(reverse("me:gig_post"), gig_form(community, places="0"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "greater than or equal to 1" in page and "Constraint" not in page


def test_the_page_reads_the_odd_work_in_the_same_queries_however_many_jobs(me, resident, community):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            me.get(reverse("me:home"))
        return len(captured)

    gig = GigFactory(community=community, poster_resident=resident)
    GigOfferFactory(gig=gig, state="accepted")
    GigOfferFactory(gig=GigFactory(community=community), resident=resident)
    few = queries()
    for _ in range(3):
        gig = GigFactory(community=community, poster_resident=resident, places=2)
        GigOfferFactory(gig=gig, state="accepted")
        GigOfferFactory(gig=GigFactory(community=community), resident=resident)

    assert queries() == few
