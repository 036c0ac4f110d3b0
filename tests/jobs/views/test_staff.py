import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import Employer, Posting, PostingStatus
from stations.models import AuditEntry
from tests.factories.jobs import EmployerFactory, PostingFactory, valid_credit_code
from tests.jobs.conftest import submission

SUBMIT = reverse("jobs_public:posting_submit")


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


def test_posting_with_an_age_limit_needs_the_reviewers_reason_to_be_published(client, community, community_staff):
    posting = PostingFactory(employer__community=community, status=PostingStatus.PENDING, published_at=None, age_max=35)
    client.force_login(community_staff)
    client.post(reverse("jobs:posting_publish", kwargs={"pk": posting.pk}), {"note": ""})
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PENDING
    client.post(reverse("jobs:posting_publish", kwargs={"pk": posting.pk}), {"note": "搬运重物，已与企业核实"})
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED and posting.review_note == "搬运重物，已与企业核实"


def test_posting_limited_by_sex_cannot_be_published_even_with_a_note(client, community, community_staff):
    posting = PostingFactory(
        employer__community=community, status=PostingStatus.PENDING, published_at=None, requirements="限男性"
    )
    client.force_login(community_staff)
    response = client.post(
        reverse("jobs:posting_publish", kwargs={"pk": posting.pk}), {"note": "搬运重物，已与企业核实"}, follow=True
    )
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PENDING
    assert "限男性" in " ".join(str(m) for m in response.context["messages"])


def test_reject_needs_a_reason_and_keeps_it(client, community, community_staff):
    posting = PostingFactory(employer__community=community, status=PostingStatus.PENDING, published_at=None)
    client.force_login(community_staff)
    client.post(reverse("jobs:posting_reject", kwargs={"pk": posting.pk}), {"reason": ""})
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PENDING
    client.post(reverse("jobs:posting_reject", kwargs={"pk": posting.pk}), {"reason": "薪资低于最低工资"})
    posting.refresh_from_db()
    assert posting.status == PostingStatus.REJECTED and posting.review_note == "薪资低于最低工资"
    assert AuditEntry.objects.filter(object_id=str(posting.pk), action="update").exists()


def test_staff_can_create_and_publish_directly(client, community, community_staff):
    employer = EmployerFactory(community=community)
    client.force_login(community_staff)
    today = timezone.localdate()
    data = submission(community)
    data["employer"] = employer.pk
    response = client.post(reverse("jobs:posting_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    posting = Posting.objects.get()
    assert posting.status == PostingStatus.DRAFT and posting.latitude is not None
    client.post(reverse("jobs:posting_publish", kwargs={"pk": posting.pk}))
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PUBLISHED and posting.published_at.date() <= today


def test_staff_new_posting_form_opens_today_for_thirty_days(client, community_staff):
    client.force_login(community_staff)
    form = client.get(reverse("jobs:posting_create")).context["form"]
    today = timezone.localdate()
    assert form["valid_from"].value() == today
    assert form["valid_until"].value() == today + dt.timedelta(days=30)


def test_staff_cannot_place_a_posting_outside_their_area(client, community, other_community, community_staff):
    employer = EmployerFactory(community=community)
    client.force_login(community_staff)
    data = submission(other_community)
    data["employer"] = employer.pk
    response = client.post(reverse("jobs:posting_create"), data)
    assert response.status_code == 200
    assert "community" in response.context["form"].errors


def test_out_of_scope_posting_is_not_found(client, far_community, community_staff):
    posting = PostingFactory(employer__community=far_community)
    client.force_login(community_staff)
    assert client.get(reverse("jobs:posting_detail", kwargs={"pk": posting.pk})).status_code == 404
    assert client.post(reverse("jobs:posting_publish", kwargs={"pk": posting.pk})).status_code == 404


@pytest.mark.parametrize("name", ["jobs:posting_list", "jobs:review_queue", "jobs:employer_list", "jobs:fair_list"])
def test_staff_lists_run_a_bounded_number_of_queries(
    client, community, community_staff, name, django_assert_max_num_queries
):
    for _ in range(3):
        PostingFactory(employer__community=community, status=PostingStatus.PENDING, published_at=None)
    client.force_login(community_staff)
    with django_assert_max_num_queries(14):
        assert client.get(reverse(name)).status_code == 200


def test_dashboard_shows_postings_waiting_for_review(client, community, community_staff):
    PostingFactory(employer__community=community, status=PostingStatus.PENDING, published_at=None)
    client.force_login(community_staff)
    body = client.get(reverse("stations:dashboard")).content.decode()
    assert reverse("jobs:review_queue") in body


def test_a_submission_with_a_full_width_credit_code_finds_the_registered_employer(client, community):
    employer = EmployerFactory(community=community, credit_code=valid_credit_code(777))
    code = valid_credit_code(777).translate(str.maketrans("0123456789MA", "０１２３４５６７８９ＭＡ"))
    response = client.post(SUBMIT, submission(community, credit_code=code, contact_phone="１３８ ６３２０ １２３４"))
    assert response.status_code == 302
    posting = Posting.objects.get()
    assert posting.employer_id == employer.pk
    assert posting.contact_phone == "13863201234"
    assert Employer.objects.count() == 1
