"""Matching, recommending and the recommendation's steps, on the staff pages."""

import re

from django.urls import reverse
from django.utils import timezone

from jobs import services
from jobs.models import Placement, PostingStatus, Recommendation, RecommendationState
from stations.models import EmploymentStatusChange, ServiceKind, ServiceRecord, UnemploymentRegistration
from tests.factories import ResidentFactory
from tests.factories.jobs import PostingFactory


def test_recommending_writes_exactly_one_service_record(client, community_staff, seeker, posting):
    client.force_login(community_staff)
    response = client.post(
        reverse("jobs:resident_matches", kwargs={"resident_pk": seeker.pk}),
        {"posting": posting.pk, "recommended_on": timezone.localdate().isoformat(), "channel": "phone"},
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    assert rec.state == RecommendationState.RECOMMENDED and rec.staff == community_staff
    records = ServiceRecord.objects.filter(resident=seeker)
    assert records.count() == 1
    record = records.get()
    assert record.kind == ServiceKind.JOB_RECOMMENDATION and record.concerns == posting


def test_hire_records_placement_status_history_and_ends_registration(client, community_staff, seeker, posting):
    rec = services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)
    client.force_login(community_staff)
    start = timezone.localdate()
    response = client.post(
        reverse("jobs:recommendation_detail", kwargs={"pk": rec.pk}),
        {"transition": "hire", "started_on": start.isoformat(), "contract_months": 12},
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    seeker.refresh_from_db()
    assert rec.state == RecommendationState.HIRED
    placement = Placement.objects.get()
    assert (placement.employer, placement.contract_months, placement.started_on) == (posting.employer, 12, start)
    assert seeker.employment_status == "employed"
    assert EmploymentStatusChange.objects.filter(resident=seeker, status="employed", changed_on=start).exists()
    registration = UnemploymentRegistration.objects.get(resident=seeker)
    assert registration.ended_on == start
    assert ServiceRecord.objects.filter(resident=seeker).count() == 1
    posting.refresh_from_db()
    assert posting.status == PostingStatus.FILLED  # headcount 1 reached


def test_hire_without_start_date_or_contract_is_refused_with_field_errors(client, community_staff, seeker, posting):
    rec = services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)
    client.force_login(community_staff)
    response = client.post(reverse("jobs:recommendation_detail", kwargs={"pk": rec.pk}), {"transition": "hire"})
    assert response.status_code == 400
    assert {"started_on", "contract_months"} <= set(response.context["form"].errors)
    assert Placement.objects.count() == 0


def test_a_refused_rejection_keeps_the_note_typed_beside_its_step_only(client, community_staff, seeker, posting):
    rec = services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)
    client.force_login(community_staff)

    response = client.post(
        reverse("jobs:recommendation_detail", kwargs={"pk": rec.pk}),
        {"transition": "reject", "note": "试用一天后不合适"},
    )

    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    assert response.content.decode().count('value="试用一天后不合适"') == 1


def test_the_recommendation_page_offers_only_the_steps_its_state_allows(client, community_staff, seeker, posting):
    rec = services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)
    services.recommendation_transition(actor=community_staff, recommendation=rec, transition="interview")
    client.force_login(community_staff)

    page = client.get(reverse("jobs:recommendation_detail", kwargs={"pk": rec.pk})).content.decode()

    offered = re.findall(r'name="transition" value="([a-z_]+)"', page)
    assert offered == ["hire", "reject", "no_answer"]


def test_a_decided_recommendation_offers_no_step(client, community_staff, seeker, posting):
    rec = services.recommendation_create(actor=community_staff, resident=seeker, posting=posting)
    services.recommendation_transition(actor=community_staff, recommendation=rec, transition="reject", reason="salary")
    client.force_login(community_staff)

    page = client.get(reverse("jobs:recommendation_detail", kwargs={"pk": rec.pk})).content.decode()

    assert 'name="transition"' not in page


def test_resident_outside_scope_is_not_found(client, community_staff, far_community, posting):
    stranger = ResidentFactory(community=far_community)
    client.force_login(community_staff)
    url = reverse("jobs:resident_matches", kwargs={"resident_pk": stranger.pk})
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"posting": posting.pk, "recommended_on": "2026-01-01", "channel": "phone"}).status_code == 404
    )


def test_bureau_cannot_record_recommendations(client, district_bureau, seeker, posting):
    client.force_login(district_bureau)
    assert client.get(reverse("jobs:resident_matches", kwargs={"resident_pk": seeker.pk})).status_code == 403


def test_matching_page_ranks_and_explains(client, community_staff, community, seeker):
    seeker.wanted_job_categories = "家政服务"
    seeker.wanted_work_pattern = "flexible"
    seeker.salary_expectation = 3500
    seeker.save()
    PostingFactory(
        employer__community=community, title="保洁", occupation_category="housekeeping", work_pattern="flexible"
    )
    PostingFactory(employer__community=community, title="焊工", occupation_category="manufacturing", salary_max=3000)
    client.force_login(community_staff)
    response = client.get(reverse("jobs:resident_matches", kwargs={"resident_pk": seeker.pk}))
    matches = response.context["matches"]
    assert [m.obj.title for m in matches] == ["保洁", "焊工"]
    assert any("家政" in r or "Housekeeping" in r for r in matches[0].reasons)
