import datetime as dt

from django.urls import reverse
from django.utils import timezone

from jobs.models import FairSignUp
from tests.factories.jobs import FairSignUpFactory, JobFairFactory


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


def test_signups_are_visible_to_staff_in_scope_only(client, community, far_community, community_staff):
    mine = FairSignUpFactory(fair=JobFairFactory(community=community), name="本社区报名")
    other = JobFairFactory(community=far_community)
    FairSignUpFactory(fair=other, name="外区报名")
    client.force_login(community_staff)
    page = client.get(reverse("jobs:fair_detail", kwargs={"pk": mine.fair.pk}))
    assert "本社区报名" in page.content.decode()
    assert client.get(reverse("jobs:fair_detail", kwargs={"pk": other.pk})).status_code == 404


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
