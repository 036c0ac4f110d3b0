from django.db.models import Count

from entrepreneurship.models import (
    LIVE_STATUSES,
    PER_PERSON_KINDS,
    ApplicationStatus,
    SubsidyApplication,
    SubsidyKind,
    Transition,
)
from tests.benchmarks.citygen.conftest import TINY


def test_city_applications_keep_one_live_per_person_or_business_and_kind(city):
    assert SubsidyApplication.objects.count() == TINY["applications"]
    live = SubsidyApplication.objects.filter(status__in=LIVE_STATUSES)
    per_business = live.filter(business__isnull=False).values("business", "kind").annotate(n=Count("pk"))
    per_person = live.filter(kind__in=PER_PERSON_KINDS).values("resident", "kind").annotate(n=Count("pk"))
    assert not per_business.filter(n__gt=1).exists()
    assert not per_person.filter(n__gt=1).exists()
    assert set(SubsidyApplication.objects.values_list("kind", flat=True)) == set(SubsidyKind.values)


def test_city_application_step_log_leads_to_each_applications_status(city):
    for application in SubsidyApplication.objects.prefetch_related("events"):
        events = list(application.events.order_by("at", "pk"))
        if not events:
            assert application.status == ApplicationStatus.DRAFT
            continue
        assert events[0].transition == Transition.SUBMIT
        assert events[-1].to_status == application.status
        for before, after in zip(events, events[1:], strict=False):
            assert after.from_status == before.to_status
            assert after.at >= before.at
        assert application.status_changed_at == events[-1].at
