import factory

from reports.models import ReportRequest, SatisfactionResponse


class SatisfactionResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SatisfactionResponse

    station = factory.SubFactory("tests.factories.stations.StationFactory")
    rating = 5


class ReportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportRequest

    node_code = factory.LazyAttribute(lambda o: o.community.code if o.community else "city")
    node_name = factory.LazyAttribute(lambda o: o.community.name if o.community else "枣庄市")
    community = None
    street = factory.LazyAttribute(lambda o: o.community.street if o.community else None)
    district = factory.LazyAttribute(lambda o: o.community.street.district if o.community else None)
    period_label = "2026-10"
    period_start = "2026-10-01"
    period_end = "2026-10-31"


# --- closed months -----------------------------------------------------------------
def last_month():
    """The month that ended most recently: the one a community closes now."""
    from django.utils import timezone

    from reports.periods import previous_month

    return previous_month(timezone.localdate())


def day_in(period, day: int = 10):
    """A day inside `period` (the last day for a short month)."""
    import datetime as dt

    return min(period.start + dt.timedelta(days=day - 1), period.end)


def close_month(*, community, by=None, month=None):
    """Close `month` (default last month) for `community` as its staff do,
    figures measured and kept."""
    from reports.services import period_close_submit
    from stations.models import Role
    from tests.factories.users import UserFactory

    month = month or last_month()
    by = by or UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    return period_close_submit(actor=by, community=community, month=month.start)


def refused_correction_link(*, community, actor, month) -> str:
    """Close `month` and have `actor` record a service dated in it: the link
    the refusal gives its author to ask the street for a correction."""
    import datetime as dt

    import pytest

    from stations.closed_months import ClosedMonthError
    from stations.models import ServiceChannel, ServiceKind
    from stations.services import service_record_create
    from tests.factories.residents import ResidentFactory

    resident = ResidentFactory(community=community, registered_on=month.start - dt.timedelta(days=40))
    close_month(community=community, by=actor, month=month)
    with pytest.raises(ClosedMonthError) as refused:
        service_record_create(
            actor=actor,
            resident=resident,
            kind=ServiceKind.POLICY_CONTACT,
            served_on=day_in(month),
            channel=ServiceChannel.PHONE,
        )
    return refused.value.correction_url()
