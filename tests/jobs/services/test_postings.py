"""No unlawful job reaches the public, by any path and for any role; what the
screening found reads in the reader's language, never as a code."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from jobs.models import Posting, PostingStatus
from jobs.services import posting_publish, posting_save, postings_withdraw_unlawful
from stations.models import AuditEntry, Role
from tests.factories import UserFactory
from tests.factories.jobs import EmployerFactory, PostingFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/jobs/"


def _draft(community, **fields):
    """A posting as a community account typed it: 1,000–1,200 yuan a month."""
    values = {"salary_min": 1000, "salary_max": 1200, "pay_unit": "month", "work_pattern": "full_time"}
    values.update(fields)
    return PostingFactory(
        employer=EmployerFactory(community=community),
        status=PostingStatus.DRAFT,
        published_at=None,
        **values,
    )


@pytest.mark.parametrize("role", [Role.COMMUNITY_STAFF, Role.STREET_OFFICER])
def test_nobody_who_reviews_can_publish_pay_below_the_minimum_with_a_note(role, community):
    reviewer = UserFactory(
        role=role,
        community=community if role == Role.COMMUNITY_STAFF else None,
        street=community.street if role == Role.STREET_OFFICER else None,
    )
    posting = _draft(community)
    with pytest.raises(ValidationError) as excinfo:
        posting_publish(actor=reviewer, posting=posting, note="社区核实过，企业承诺补足")
    assert "1000" in " ".join(excinfo.value.messages) and "2100" in " ".join(excinfo.value.messages)
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT


@pytest.mark.parametrize("role", [Role.DISTRICT_BUREAU, Role.CITY_BUREAU])
def test_bureaus_do_not_publish_postings_at_all(role, community):
    bureau = UserFactory(
        role=role, community=None, district=community.street.district if role == "district_bureau" else None
    )
    with pytest.raises(PermissionDenied):
        posting_publish(actor=bureau, posting=_draft(community), note="ok")


def test_pay_below_the_minimum_cannot_be_published_through_the_api_either(client, community, community_staff):
    posting = _draft(community)
    client.force_login(community_staff)
    response = client.post(
        f"{API}staff-postings/{posting.pk}/publish/", {"note": "已核实"}, content_type="application/json"
    )
    assert response.status_code == 400
    posting.refresh_from_db()
    assert posting.status == PostingStatus.DRAFT


def test_hourly_pay_below_the_hourly_minimum_cannot_be_published(community, community_staff):
    posting = _draft(community, salary_min=15, salary_max=18, pay_unit="hour", work_pattern="part_time")
    with pytest.raises(ValidationError):
        posting_publish(actor=community_staff, posting=posting, note="学生兼职")


def test_lawful_hourly_part_time_work_is_published(community, community_staff):
    posting = _draft(community, salary_min=22, salary_max=25, pay_unit="hour", work_pattern="part_time")
    published = posting_publish(actor=community_staff, posting=posting)
    assert published.status == PostingStatus.PUBLISHED


def test_a_published_posting_cannot_be_edited_below_the_minimum(client, community, community_staff):
    posting = PostingFactory(employer__community=community, title="理货员")
    client.force_login(community_staff)
    form = client.get(reverse("jobs:posting_edit", kwargs={"pk": posting.pk})).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        employer=posting.employer_id,
        community=posting.community_id,
        salary_min=1000,
        salary_max=1200,
        valid_from=posting.valid_from.isoformat(),
        valid_until=posting.valid_until.isoformat(),
    )
    data = {k: v for k, v in data.items() if v is not False}
    response = client.post(reverse("jobs:posting_edit", kwargs={"pk": posting.pk}), data)
    assert response.status_code == 200
    assert "salary_min" in response.context["form"].errors
    posting.refresh_from_db()
    assert posting.salary_min == 3000 and posting.status == PostingStatus.PUBLISHED


def test_a_published_posting_cannot_be_edited_into_a_hukou_condition_through_the_api(
    client, community, community_staff
):
    posting = PostingFactory(employer__community=community)
    client.force_login(community_staff)
    response = client.patch(
        f"{API}staff-postings/{posting.pk}/", {"requirements": "本地户口优先"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "requirements" in response.json()["errors"]
    posting.refresh_from_db()
    assert posting.requirements == "" and posting.status == PostingStatus.PUBLISHED


def test_a_draft_with_a_blocking_flag_is_kept_for_fixing_with_its_flags(community, community_staff):
    posting = _draft(community, requirements="限男性")
    posting.title = "搬运工"
    saved = posting_save(actor=community_staff, posting=posting)
    assert saved.screening_blocked and {f["code"] for f in saved.screening_flags} == {"below_minimum_wage", "sex"}


def test_the_database_refuses_a_published_posting_the_screening_blocks(community):
    with pytest.raises(IntegrityError), transaction.atomic():
        PostingFactory(employer__community=community, screening_blocked=True)


def test_a_raised_minimum_wage_takes_underpaid_postings_off_the_public_market(community, city_bureau):
    from stations.services import policy_parameter_set

    underpaid = PostingFactory(employer__community=community, salary_min=2150)
    fine = PostingFactory(employer__community=community, salary_min=3000)
    today = timezone.localdate()
    policy_parameter_set(actor=city_bureau, key="jobs.minimum_wage_monthly", value=2200, valid_from=today)
    assert postings_withdraw_unlawful(today=today) == 1
    assert postings_withdraw_unlawful(today=today) == 0
    underpaid.refresh_from_db()
    fine.refresh_from_db()
    assert underpaid.status == PostingStatus.PENDING and underpaid.screening_blocked
    assert fine.status == PostingStatus.PUBLISHED
    entry = AuditEntry.objects.get(object_id=str(underpaid.pk))
    assert entry.changes == {"status": ["published", "pending"], "flags": ["below_minimum_wage"]}


def test_a_minimum_wage_raised_from_a_later_date_waits_for_that_date(community, city_bureau):
    from stations.services import policy_parameter_set

    PostingFactory(employer__community=community, salary_min=2150)
    today = timezone.localdate()
    policy_parameter_set(
        actor=city_bureau, key="jobs.minimum_wage_monthly", value=2200, valid_from=today + dt.timedelta(days=30)
    )
    assert postings_withdraw_unlawful(today=today) == 0
    assert postings_withdraw_unlawful(today=today + dt.timedelta(days=30)) == 1


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


# --- what staff read ---------------------------------------------------------------------


RAW_CODES = ("household_registration", "below_minimum_wage", "marital_status", "age_limit", "sex", "fee")


def _pending_with_everything(community):
    posting = PostingFactory(
        employer__community=community,
        status=PostingStatus.PENDING,
        published_at=None,
        title="前台接待",
        requirements="限女性，未婚，本地户口优先",
        age_max=30,
        salary_min=1000,
        salary_max=1200,
    )
    from jobs.services.postings import _place_and_screen

    _place_and_screen(posting)
    Posting.objects.filter(pk=posting.pk).update(
        screening_flags=posting.screening_flags, screening_blocked=posting.screening_blocked
    )
    return posting


def _visible_text(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("page", ["jobs:review_queue", "jobs:posting_list"])
def test_staff_lists_show_flags_as_chinese_labels_never_codes(client, community, community_staff, page):
    _pending_with_everything(community)
    client.force_login(community_staff)
    html = client.get(reverse(page)).content.decode()
    text = _visible_text(html)
    assert "户籍" in text and "最低工资" in text
    assert not any(code in html for code in RAW_CODES if code != "sex" and code != "fee")
    assert "Limits" not in text and "minimum wage" not in text


def test_posting_page_says_it_cannot_be_published_and_why_in_chinese(client, community, community_staff):
    posting = _pending_with_everything(community)
    client.force_login(community_staff)
    html = client.get(reverse("jobs:posting_detail", kwargs={"pk": posting.pk})).content.decode()
    assert "本地户口" in html and "2,100" in html or "2100" in html
    assert reverse("jobs:posting_publish", kwargs={"pk": posting.pk}) not in html
    assert "household_registration" not in html and "below_minimum_wage" not in html


def test_the_same_flags_read_in_english_for_an_english_reader(client, community, community_staff):
    _pending_with_everything(community)
    client.force_login(community_staff)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("jobs:review_queue")).content.decode()
    assert "household registration" in html


def test_audit_log_shows_flag_labels_not_codes(client, community, community_staff, district_bureau):
    posting = _draft(community, requirements="本地户口优先")
    posting_save(actor=community_staff, posting=posting)
    client.force_login(district_bureau)
    html = client.get(reverse("stations:audit_log")).content.decode()
    assert "household_registration" not in html and "below_minimum_wage" not in html
    assert "最低工资" in html
