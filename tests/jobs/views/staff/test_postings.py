"""Staff pages of postings: the form, review and its steps, screening flags
as the reader's labels, sites, scope and the dashboard's to-do."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import Posting, PostingStatus
from stations.models import AuditEntry
from tests.factories import RelatedSiteFactory
from tests.factories.jobs import EmployerFactory, PostingFactory
from tests.jobs.conftest import submission


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


def test_a_refused_publication_shows_the_page_again_with_the_note_typed(client, community, community_staff):
    posting = PostingFactory(
        employer__community=community, status=PostingStatus.PENDING, published_at=None, requirements="限男性"
    )
    client.force_login(community_staff)

    response = client.post(
        reverse("jobs:posting_publish", kwargs={"pk": posting.pk}), {"note": "搬运重物，已与企业核实"}
    )

    assert response.status_code == 400
    assert 'value="搬运重物，已与企业核实"' in response.content.decode()


def test_reject_needs_a_reason_and_keeps_it(client, community, community_staff):
    posting = PostingFactory(employer__community=community, status=PostingStatus.PENDING, published_at=None)
    client.force_login(community_staff)
    client.post(reverse("jobs:posting_reject", kwargs={"pk": posting.pk}), {"reason": ""})
    posting.refresh_from_db()
    assert posting.status == PostingStatus.PENDING
    client.post(reverse("jobs:posting_reject", kwargs={"pk": posting.pk}), {"reason": "薪资低于最低工资"})
    posting.refresh_from_db()
    assert posting.status == PostingStatus.REJECTED and posting.review_note == "薪资低于最低工资"
    assert AuditEntry.objects.filter(object_id=str(posting.pk), action="transition").exists()


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


def test_dashboard_shows_postings_waiting_for_review(client, community, community_staff):
    PostingFactory(employer__community=community, status=PostingStatus.PENDING, published_at=None)
    client.force_login(community_staff)
    body = client.get(reverse("stations:dashboard")).content.decode()
    assert reverse("jobs:review_queue") in body


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


def _staff_form(community, employer, **overrides):
    data = submission(community, employer=employer.pk, **overrides)
    for public_only in ("employer_name", "credit_code", "legal_form"):
        data.pop(public_only)
    return data


def test_staff_tie_a_new_posting_to_a_site_in_its_community(client, community, community_staff):
    site = RelatedSiteFactory(community=community, kind="rukang_home")
    client.force_login(community_staff)

    response = client.post(
        reverse("jobs:posting_create"),
        _staff_form(community, EmployerFactory(community=community), related_site=site.pk),
    )

    assert response.status_code == 302, response.context["form"].errors
    assert Posting.objects.get().related_site == site


def test_staff_form_offers_only_job_sites_of_the_area(client, community, far_community, community_staff):
    mine = RelatedSiteFactory(community=community, kind="housekeeping_outlet")
    RelatedSiteFactory(community=community, kind="incubator")
    RelatedSiteFactory(community=far_community, kind="demo_base")
    client.force_login(community_staff)

    form = client.get(reverse("jobs:posting_create")).context["form"]

    assert list(form.fields["related_site"].queryset) == [mine]


@pytest.mark.parametrize(
    ("user", "site_community"),
    [("community_staff", "far_community"), ("street_officer", "sibling_community")],
    ids=["a_site_of_another_area", "a_site_in_another_community_than_the_work"],
)
def test_a_site_outside_the_area_or_the_works_community_is_a_field_error(
    client, community, request, user, site_community
):
    site = RelatedSiteFactory(community=request.getfixturevalue(site_community), kind="demo_base")
    client.force_login(request.getfixturevalue(user))

    response = client.post(
        reverse("jobs:posting_create"),
        _staff_form(community, EmployerFactory(community=community), related_site=site.pk),
    )

    assert response.status_code == 200
    assert "related_site" in response.context["form"].errors
    assert response.context["form"]["title"].value() == "理货员"


S = PostingStatus


def _page(client, user, posting):
    client.force_login(user)
    return client.get(reverse("jobs:posting_detail", kwargs={"pk": posting.pk})).content.decode()


def test_a_pending_posting_offers_publish_and_reject(client, community, community_staff):
    posting = PostingFactory(employer__community=community, status=S.PENDING, published_at=None)

    page = _page(client, community_staff, posting)

    assert reverse("jobs:posting_publish", kwargs={"pk": posting.pk}) in page
    assert reverse("jobs:posting_reject", kwargs={"pk": posting.pk}) in page
    assert reverse("jobs:posting_filled", kwargs={"pk": posting.pk}) not in page


def test_a_rejected_posting_offers_publish_only(client, community, community_staff):
    posting = PostingFactory(employer__community=community, status=S.REJECTED, published_at=None)

    page = _page(client, community_staff, posting)

    assert reverse("jobs:posting_publish", kwargs={"pk": posting.pk}) in page
    assert reverse("jobs:posting_reject", kwargs={"pk": posting.pk}) not in page


def test_a_published_posting_offers_mark_filled_only(client, community, community_staff):
    posting = PostingFactory(employer__community=community)

    page = _page(client, community_staff, posting)

    assert reverse("jobs:posting_filled", kwargs={"pk": posting.pk}) in page
    assert reverse("jobs:posting_publish", kwargs={"pk": posting.pk}) not in page


def test_a_bureau_that_keeps_no_records_sees_no_step(client, community, district_bureau):
    posting = PostingFactory(employer__community=community, status=S.PENDING, published_at=None)

    page = _page(client, district_bureau, posting)

    assert reverse("jobs:posting_publish", kwargs={"pk": posting.pk}) not in page


def test_marking_filled_from_the_page_takes_the_step(client, community, community_staff):
    posting = PostingFactory(employer__community=community)
    client.force_login(community_staff)

    response = client.post(reverse("jobs:posting_filled", kwargs={"pk": posting.pk}))

    posting.refresh_from_db()
    assert response.status_code == 302 and posting.status == S.FILLED


def test_a_posting_of_another_area_answers_404(client, far_community, community_staff):
    posting = PostingFactory(employer__community=far_community)
    client.force_login(community_staff)

    assert client.get(reverse("jobs:posting_detail", kwargs={"pk": posting.pk})).status_code == 404
    assert client.post(reverse("jobs:posting_filled", kwargs={"pk": posting.pk})).status_code == 404
