"""The job market's public pages: the job list and its filters, a posting,
the employer's submission form, fairs and sign-ups, sites with jobs, the
station's printed sheet."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import (
    Employer,
    FairSignUp,
    Posting,
    PostingStatus,
)
from tests.factories import CommunityFactory, RelatedSiteFactory, StationFactory
from tests.factories.jobs import (
    EmployerFactory,
    FairSignUpFactory,
    JobFairFactory,
    PostingFactory,
    valid_credit_code,
)
from tests.jobs.conftest import submission

LIST = reverse("jobs_public:posting_list")


@pytest.fixture
def market(community, sibling_community, other_community, far_community):
    """Four places ~0, ~2, ~6 and ~150 km apart, one live posting each."""
    community.latitude, community.longitude = Decimal("34.860000"), Decimal("117.550000")
    sibling_community.latitude, sibling_community.longitude = Decimal("34.878000"), Decimal("117.550000")
    other_community.latitude, other_community.longitude = Decimal("34.914000"), Decimal("117.550000")
    for c in (community, sibling_community, other_community):
        c.save()
    return {
        "here": PostingFactory(employer__community=community, title="家门口保洁", occupation_category="housekeeping"),
        "near": PostingFactory(
            employer__community=sibling_community,
            title="超市理货",
            occupation_category="retail",
            work_pattern="part_time",
            suits_older=True,
        ),
        "mid": PostingFactory(
            employer__community=other_community, title="仓库分拣", occupation_category="logistics", salary_max=6000
        ),
        "far": PostingFactory(
            employer__community=far_community, title="滕州缝纫工", occupation_category="manufacturing"
        ),
    }


def titles(response):
    return [p.title for p in response.context["result"].postings]


SUBMIT = reverse("jobs_public:posting_submit")


def test_list_shows_only_live_postings_newest_first(client, market, community):
    PostingFactory(employer__community=community, title="待审核", status=PostingStatus.PENDING, published_at=None)
    PostingFactory(
        employer__community=community,
        title="已过期",
        valid_from=timezone.localdate() - dt.timedelta(days=10),
        valid_until=timezone.localdate() - dt.timedelta(days=1),
    )
    Posting.objects.filter(pk=market["far"].pk).update(published_at=timezone.now() + dt.timedelta(minutes=5))
    response = client.get(LIST)
    assert response.status_code == 200
    assert titles(response)[0] == "滕州缝纫工"
    assert set(titles(response)) == {"家门口保洁", "超市理货", "仓库分拣", "滕州缝纫工"}


def test_list_filters_by_street(client, market, community):
    response = client.get(LIST, {"street": community.street_id})
    assert set(titles(response)) == {"家门口保洁", "超市理货"}


def test_list_filters_by_district_category_pattern_salary_suits_and_text(client, market, community):
    district = community.street.district_id
    assert titles(client.get(LIST, {"district": district, "category": "logistics"})) == ["仓库分拣"]
    assert titles(client.get(LIST, {"pattern": "part_time"})) == ["超市理货"]
    assert titles(client.get(LIST, {"salary": 5000})) == ["仓库分拣"]
    assert titles(client.get(LIST, {"suits": "older"})) == ["超市理货"]
    assert titles(client.get(LIST, {"q": "缝纫"})) == ["滕州缝纫工"]


def test_radius_keeps_only_postings_within_the_distance(client, market, community):
    response = client.get(LIST, {"near": f"c{community.pk}", "radius": 3, "sort": "distance"})
    assert titles(response) == ["家门口保洁", "超市理货"]
    assert response.context["result"].postings[1].distance_km == pytest.approx(2.0, abs=0.1)


def test_distance_sort_orders_nearest_first_from_a_station(client, market, other_community):
    station = StationFactory(community=other_community, latitude="34.914000", longitude="117.550000")
    response = client.get(LIST, {"near": f"s{station.pk}", "sort": "distance", "radius": 10})
    assert titles(response) == ["仓库分拣", "超市理货", "家门口保洁"]


def test_list_runs_a_fixed_number_of_queries(client, market, community, django_assert_num_queries):
    # streets for the filters, count, page; communities and stations are only
    # read once a district, a street or a place to be near is chosen.
    with django_assert_num_queries(3):
        client.get(LIST)
    for n in range(25):
        PostingFactory(employer=market["here"].employer, title=f"批量{n}")
    with django_assert_num_queries(5):
        response = client.get(LIST, {"street": community.street_id, "page": 2})
    assert response.context["result"].page == 2
    with django_assert_num_queries(4):
        client.get(LIST, {"near": f"c{community.pk}", "radius": 5, "sort": "distance"})


def test_community_choices_are_limited_to_the_chosen_district(client, market, community, far_community):
    response = client.get(LIST, {"district": community.street.district_id})
    choices = dict(response.context["form"].fields["community"].choices)
    assert community.pk in choices and far_community.pk not in choices


def test_pagination_links_keep_the_filters(client, market):
    for n in range(21):
        PostingFactory(employer=market["here"].employer, title=f"批量{n}")
    response = client.get(LIST, {"category": "housekeeping"})
    assert "category=housekeeping&amp;page=2" in response.content.decode()


def test_bad_filter_values_do_not_break_the_list(client, market):
    response = client.get(LIST, {"district": "abc", "radius": "7", "page": "x", "salary": "-5"})
    assert response.status_code == 200


def test_posting_page_shows_how_to_apply_and_the_station(client, market, community):
    station = StationFactory(community=community, name="光明路就业驿站")
    response = client.get(reverse("jobs_public:posting_detail", kwargs={"pk": market["here"].pk}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "光明路就业驿站" in body and station.phone in body and market["here"].contact_phone in body


def test_unpublished_posting_page_is_not_found(client, community):
    posting = PostingFactory(employer__community=community, status=PostingStatus.PENDING, published_at=None)
    assert client.get(reverse("jobs_public:posting_detail", kwargs={"pk": posting.pk})).status_code == 404


def test_station_sheet_prints_a_qr_code_per_posting(client, market, community):
    station = StationFactory(community=community)
    station.served_communities.set([community, CommunityFactory(street=community.street)])
    response = client.get(reverse("jobs_public:station_sheet", kwargs={"pk": station.pk}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "家门口保洁" in body
    assert body.count("<svg") == 2  # one posting + the market code


@pytest.mark.parametrize("value", ["11318852688376635010020959712182272", "²"])
def test_public_job_list_ignores_place_ids_that_are_no_row_ids(client, db, value):
    response = client.get(reverse("jobs_public:posting_list"), {"street": value, "district": value})

    assert response.status_code == 200


def test_near_offers_the_streets_before_a_district_is_chosen(client, market, community):
    response = client.get(LIST)

    near = response.context["form"].fields["near"]
    assert f"t{community.street_id}" in [value for _, group in near.choices[1:] for value, _label in group]


def test_jobs_near_a_street_come_nearest_to_its_communities_first(client, market, other_community):
    response = client.get(LIST, {"near": f"t{other_community.street_id}", "sort": "distance", "radius": 10})

    titles = [p.title for p in response.context["result"].postings]
    assert titles[0] == "仓库分拣" and "滕州缝纫工" not in titles


def test_the_filter_toggle_holds_nothing_to_tap_but_itself(client, market):
    html = client.get(LIST, {"category": "housekeeping"}).content.decode()

    summary = html.split("<summary>", 1)[1].split("</summary>", 1)[0]
    assert "<a " not in summary
    assert f'<a href="{LIST}">' in html.split("<details", 1)[0]


def test_employer_submission_waits_as_pending_in_the_communitys_queue(client, community, community_staff):
    response = client.post(SUBMIT, submission(community))
    assert response.status_code == 302
    posting = Posting.objects.get()
    assert posting.status == PostingStatus.PENDING
    assert posting.employer.verified is False
    assert posting.contact_phone == "138 6320 1234" or posting.contact_phone
    client.force_login(community_staff)
    queue = client.get(reverse("jobs:review_queue"))
    assert "理货员" in queue.content.decode()


def test_submission_then_approval_puts_the_posting_in_the_public_market(client, community, community_staff):
    client.post(SUBMIT, submission(community))
    posting = Posting.objects.get()
    assert "理货员" not in client.get(reverse("jobs_public:posting_list")).content.decode()
    client.force_login(community_staff)
    response = client.post(reverse("jobs:posting_publish", kwargs={"pk": posting.pk}), {"note": ""})
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED and posting.reviewed_by == community_staff
    assert Employer.objects.get().verified is True
    client.logout()
    found = client.get(reverse("jobs_public:posting_list"), {"street": community.street_id})
    assert "理货员" in found.content.decode()


def test_bad_submission_keeps_what_was_typed_and_says_what_is_wrong(client, community):
    response = client.post(SUBMIT, submission(community, credit_code="91370402ABC", salary_min=5000, salary_max=4000))
    assert response.status_code == 200
    body = response.content.decode()
    assert Posting.objects.count() == 0
    assert "光明路好邻居超市" in body and "理货员" in body
    form = response.context["form"]
    assert "credit_code" in form.errors and "salary_max" in form.errors


def test_unlawful_submission_is_refused_beside_each_field_and_nothing_is_stored(client, community):
    response = client.post(SUBMIT, submission(community, requirements="限本地户籍，需交押金200元", salary_min=1500))
    assert response.status_code == 200
    assert Posting.objects.count() == 0 and Employer.objects.count() == 0
    form = response.context["form"]
    assert set(form.errors) == {"requirements", "salary_min"}
    assert "本地户籍" in " ".join(form.errors["requirements"]) and "押金" in " ".join(form.errors["requirements"])
    assert "限本地户籍" in response.content.decode()  # what was typed is kept


def test_submission_with_an_age_limit_waits_for_the_reviewer_with_its_flag(client, community):
    client.post(SUBMIT, submission(community, age_max=40, age_limit_reason="夜班搬运"))
    posting = Posting.objects.get()
    assert posting.status == PostingStatus.PENDING and not posting.screening_blocked
    assert [f["code"] for f in posting.screening_flags] == ["age_limit"]


def test_part_time_vacancy_paid_per_month_is_refused_at_the_pay_unit(client, community):
    response = client.post(SUBMIT, submission(community, work_pattern="part_time", salary_min=1500))
    assert Posting.objects.count() == 0
    assert "pay_unit" in response.context["form"].errors


def test_part_time_vacancy_paid_per_hour_above_the_minimum_is_accepted(client, community):
    client.post(SUBMIT, submission(community, work_pattern="part_time", pay_unit="hour", salary_min=22, salary_max=26))
    posting = Posting.objects.get()
    assert posting.pay_unit == "hour" and posting.screening_flags == []


def test_submissions_are_rate_limited_per_address(client, community):
    for n in range(5):
        client.post(SUBMIT, submission(community, credit_code=valid_credit_code(900 + n)))
    response = client.post(SUBMIT, submission(community, credit_code=valid_credit_code(999)))
    assert response.status_code == 200
    assert Posting.objects.count() == 5
    assert response.context["form"].non_field_errors()


def test_a_submission_with_a_full_width_credit_code_finds_the_registered_employer(client, community):
    employer = EmployerFactory(community=community, credit_code=valid_credit_code(777))
    code = valid_credit_code(777).translate(str.maketrans("0123456789MA", "０１２３４５６７８９ＭＡ"))
    response = client.post(SUBMIT, submission(community, credit_code=code, contact_phone="１３８ ６３２０ １２３４"))
    assert response.status_code == 302
    posting = Posting.objects.get()
    assert posting.employer_id == employer.pk
    assert posting.contact_phone == "13863201234"
    assert Employer.objects.count() == 1


def test_a_salary_floor_counts_an_hourly_wage_as_a_months_pay(client, community):
    PostingFactory(employer__community=community, title="小时工", salary_min=22, salary_max=25, pay_unit="hour")
    body = client.get(reverse("jobs_public:posting_list"), {"salary": 4000, "street": community.street_id})
    assert "小时工" in body.content.decode()  # 25 yuan × 174 hours ≈ 4,350 a month
    body = client.get(reverse("jobs_public:posting_list"), {"salary": 5000, "street": community.street_id})
    assert "小时工" not in body.content.decode()


def test_public_pages_state_the_pay_unit(client, community):
    posting = PostingFactory(employer__community=community, salary_min=22, salary_max=25, pay_unit="hour")
    body = client.get(reverse("jobs_public:posting_detail", kwargs={"pk": posting.pk})).content.decode()
    assert "元/小时" in body and "元/月" not in body


def test_resident_signs_up_with_name_and_phone(client, community):
    fair = JobFairFactory(community=community)
    url = reverse("jobs_public:fair_detail", kwargs={"pk": fair.pk})
    response = client.post(url, {"name": "赵丽", "phone": "+86 139-6320-0001"})
    assert response.status_code == 302
    assert FairSignUp.objects.get().phone == "13963200001"


def test_bad_phone_keeps_the_name_and_explains(client, community):
    fair = JobFairFactory(community=community)
    response = client.post(
        reverse("jobs_public:fair_detail", kwargs={"pk": fair.pk}), {"name": "赵丽", "phone": "12345"}
    )
    assert response.status_code == 400
    assert "phone" in response.context["form"].errors
    assert 'value="赵丽"' in response.content.decode()
    assert FairSignUp.objects.count() == 0


def test_signing_up_twice_is_refused_politely(client, community):
    fair = JobFairFactory(community=community)
    FairSignUpFactory(fair=fair, phone="13963200001")
    response = client.post(
        reverse("jobs_public:fair_detail", kwargs={"pk": fair.pk}), {"name": "赵丽", "phone": "13963200001"}
    )
    assert response.status_code == 400 and "phone" in response.context["form"].errors


def test_public_fair_page_never_shows_signups(client, community):
    signup = FairSignUpFactory(fair=JobFairFactory(community=community), name="隐私姓名")
    body = client.get(reverse("jobs_public:fair_detail", kwargs={"pk": signup.fair.pk})).content.decode()
    assert "隐私姓名" not in body and signup.phone not in body


def test_past_fairs_are_not_listed(client, community):
    past = timezone.now() - dt.timedelta(days=3)
    JobFairFactory(community=community, title="旧集市", starts_at=past, ends_at=past + dt.timedelta(hours=2))
    JobFairFactory(community=community, title="新集市")
    body = client.get(reverse("jobs_public:fair_list")).content.decode()
    assert "新集市" in body and "旧集市" not in body


def test_signing_up_again_in_full_width_digits_is_refused_as_the_same_phone(client, community):
    fair = JobFairFactory(community=community)
    FairSignUpFactory(fair=fair, phone="13963200001")
    response = client.post(
        reverse("jobs_public:fair_detail", kwargs={"pk": fair.pk}),
        {"name": "赵丽", "phone": "１３９　６３２０　０００１"},
    )
    assert response.status_code == 400 and "phone" in response.context["form"].errors
    assert FairSignUp.objects.count() == 1


def test_site_page_lists_only_its_open_jobs(client, community):
    site = RelatedSiteFactory(community=community, kind="demo_base", name="光明路就业示范基地")
    PostingFactory(employer__community=community, related_site=site, title="在招的包装工")
    PostingFactory(employer__community=community, related_site=site, title="待审的岗位", status="pending")
    PostingFactory(
        employer__community=community,
        related_site=site,
        title="已过期的岗位",
        valid_from=timezone.localdate() - dt.timedelta(days=40),
        valid_until=timezone.localdate() - dt.timedelta(days=1),
    )
    PostingFactory(employer__community=community, title="别处的岗位")

    response = client.get(reverse("jobs_public:site_detail", args=[site.pk]))

    assert [p.title for p in response.context["postings"]] == ["在招的包装工"]


def test_site_page_without_open_jobs_says_so(client, community):
    site = RelatedSiteFactory(community=community, kind="housekeeping_outlet")

    response = client.get(reverse("jobs_public:site_detail", args=[site.pk]))

    assert response.status_code == 200
    assert "postings" in response.context and not response.context["postings"]


def test_an_inactive_site_has_no_public_page(client, community):
    site = RelatedSiteFactory(community=community, is_active=False)

    assert client.get(reverse("jobs_public:site_detail", args=[site.pk])).status_code == 404


def test_job_page_says_at_which_site_the_work_is(client, community):
    site = RelatedSiteFactory(community=community, kind="housekeeping_outlet", name="鲁南家政光明路网点")
    posting = PostingFactory(employer__community=community, related_site=site)

    body = client.get(reverse("jobs_public:posting_detail", args=[posting.pk])).content.decode()

    assert f'href="{reverse("jobs_public:site_detail", args=[site.pk])}"' in body


def test_station_page_links_each_nearby_site_to_its_page(client, community):
    station = StationFactory(community=community)
    station.served_communities.set([community])
    site = RelatedSiteFactory(community=community, kind="micro_factory")

    body = client.get(reverse("public:station_detail", args=[station.pk])).content.decode()

    assert f'href="{reverse("jobs_public:site_detail", args=[site.pk])}"' in body
