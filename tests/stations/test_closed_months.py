"""The closed-month guard (stations/closed_months.py): what it refuses, what it
lets through, what it captures for a correction, and what it costs."""

import datetime as dt
from urllib.parse import parse_qs, quote, urlparse

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from reports.models import PeriodCloseStatus
from stations import closed_months
from stations.models import (
    EmploymentStatus,
    RefusedChange,
    ServiceChannel,
    ServiceKind,
    ServiceRecord,
    UnemploymentRegistration,
)
from stations.services import resident_employment_status_change, service_record_create
from stations.services.residents import resident_update
from tests.factories import ResidentFactory, valid_id_number
from tests.factories.jobs import EmployerFactory, LabourSurveyFactory
from tests.factories.reports import close_month, day_in, last_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def month():
    return last_month()


@pytest.fixture
def resident(community, month):
    return ResidentFactory(community=community, registered_on=month.start - dt.timedelta(days=40))


def _record(actor, resident, on):
    return service_record_create(
        actor=actor, resident=resident, kind=ServiceKind.POLICY_CONTACT, served_on=on, channel=ServiceChannel.PHONE
    )


def test_a_service_dated_in_a_closed_month_is_refused_and_nothing_is_written(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError):
        _record(community_staff, resident, day_in(month))
    assert not ServiceRecord.objects.exists()


def test_a_service_dated_in_the_open_month_is_recorded_after_the_close(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    _record(community_staff, resident, month.end + dt.timedelta(days=1))
    assert ServiceRecord.objects.count() == 1


def test_the_refusal_names_the_month_the_community_and_the_figure(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        _record(community_staff, resident, day_in(month))
    message = refused.value.messages[0]
    assert month.label in message
    assert resident.community.name in message
    assert "0 → 1" in message
    assert refused.value.code == "closed_month"
    assert [(c.month, c.figures["services_given"]) for c in refused.value.changes] == [(month.start, (0.0, 1.0))]


def test_a_month_closed_by_another_community_refuses_nothing(community_staff, resident, sibling_community, month):
    close_month(community=sibling_community)
    _record(community_staff, resident, day_in(month))
    assert ServiceRecord.objects.count() == 1


@pytest.mark.parametrize("status", [PeriodCloseStatus.SUBMITTED, PeriodCloseStatus.REVIEWED])
def test_a_month_is_closed_from_its_submission_reviewed_or_not(community_staff, resident, month, status):
    close = close_month(community=resident.community, by=community_staff)
    close.status = status
    close.save(update_fields=["status"])
    with pytest.raises(closed_months.ClosedMonthError):
        _record(community_staff, resident, day_in(month))


def test_a_status_dated_before_the_closed_month_that_changes_its_stock_is_refused(community_staff, resident, month):
    # Registered unemployed 40 days before the closed month: counted as such at its end.
    UnemploymentRegistration.objects.create(resident=resident, registered_on=resident.registered_on)
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        resident_employment_status_change(
            actor=community_staff,
            resident=resident,
            status=EmploymentStatus.EMPLOYED,
            changed_on=month.start - dt.timedelta(days=5),
        )
    assert "unemployed_registered" in refused.value.changes[0].figures
    assert UnemploymentRegistration.objects.get().ended_on is None


def test_a_dated_edit_that_changes_no_figure_goes_through(community_staff, community, month):
    survey = LabourSurveyFactory(employer=EmployerFactory(community=community), surveyed_on=day_in(month))
    close_month(community=community, by=community_staff)
    from jobs.services import labour_survey_save

    survey.conditions = "包吃住"
    labour_survey_save(actor=community_staff, survey=survey)
    survey.refresh_from_db()
    assert survey.conditions == "包吃住"


def test_figures_taken_as_the_records_stand_do_not_refuse(community_staff, resident):
    close_month(community=resident.community, by=community_staff)
    resident_update(actor=community_staff, resident=resident, data={"target_groups": ["veteran"], "skills": "电工"})
    assert list(resident.target_groups.values_list("code", flat=True)) == ["veteran"]


def test_the_refused_call_is_captured_with_the_records_as_keys(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        _record(community_staff, resident, day_in(month))
    call = refused.value.call
    assert call["op"] == "stations.services.residents.service_record_create"
    assert call["kwargs"]["resident"] == {"__model__": "stations.resident", "pk": resident.pk, "fields": {}}
    assert call["kwargs"]["served_on"] == {"__date__": day_in(month).isoformat()}
    assert "actor" not in call["kwargs"]
    assert refused.value.actor_id == community_staff.pk


def test_an_edited_record_is_captured_with_only_the_fields_the_caller_changed(community_staff, community, month):
    from jobs.services import posting_save
    from tests.factories.jobs import PostingFactory

    published = timezone.make_aware(dt.datetime.combine(day_in(month), dt.time(10)))
    posting = PostingFactory(employer=EmployerFactory(community=community), headcount=2, published_at=published)
    close_month(community=community, by=community_staff)
    posting.headcount = 5
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        posting_save(actor=community_staff, posting=posting)
    assert refused.value.call["kwargs"]["posting"]["fields"] == {"headcount": 5}


def test_a_dry_run_replay_measures_the_change_and_writes_nothing(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        _record(community_staff, resident, day_in(month))
    changes = closed_months.replay(refused.value.call, actor=community_staff, apply=False)
    assert [c.figures["services_given"] for c in changes] == [(0.0, 1.0)]
    assert not ServiceRecord.objects.exists()


def test_an_applied_replay_makes_the_change_without_refusing_it(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        _record(community_staff, resident, day_in(month))
    closed_months.replay(refused.value.call, actor=community_staff, apply=True)
    assert ServiceRecord.objects.get().served_on == day_in(month)


def test_touch_outside_a_guarded_operation_refuses_any_closed_month_it_reaches(community, month):
    close_month(community=community)
    with pytest.raises(closed_months.ClosedMonthError):
        closed_months.touch(communities=[community], dates=[day_in(month)])
    closed_months.touch(communities=[community], dates=[month.end + dt.timedelta(days=1)])


def test_a_write_dated_in_the_open_month_costs_no_query(community):
    close_month(community=community)
    with CaptureQueriesContext(connection) as queries:
        closed_months.touch(communities=[community], dates=[dt.date.today(), None])
    assert len(queries) == 0


def test_a_back_dated_write_locks_its_community_row_where_the_database_can(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with CaptureQueriesContext(connection) as queries, pytest.raises(closed_months.ClosedMonthError):
        _record(community_staff, resident, day_in(month))
    locked = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"] and "stations_community" in q["sql"]]
    assert bool(locked) == connection.features.has_select_for_update


def test_the_correction_link_belongs_to_the_account_that_was_refused(community_staff, resident, month, street_officer):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        _record(community_staff, resident, day_in(month))
    token = parse_qs(urlparse(refused.value.correction_url()).query)["t"][0]
    assert closed_months.read_correction_token(token, actor=community_staff)["call"] == refused.value.call
    with pytest.raises(ValidationError):
        closed_months.read_correction_token(token, actor=street_officer)
    with pytest.raises(ValidationError):
        closed_months.read_correction_token(token[:-2] + "xx", actor=community_staff)


def test_an_expired_correction_link_is_refused(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        _record(community_staff, resident, day_in(month))
    token = parse_qs(urlparse(refused.value.correction_url()).query)["t"][0]
    RefusedChange.objects.filter(key=token).update(expires_at=timezone.now() - dt.timedelta(seconds=1))  # a day later
    with translation.override("en"), pytest.raises(ValidationError, match="expired"):
        closed_months.read_correction_token(token, actor=community_staff)


def test_expired_refused_changes_are_purged_and_live_ones_kept(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        _record(community_staff, resident, day_in(month))
    refused.value.correction_url()
    assert closed_months.expired_refusals_purge() == 0
    a_day_later = timezone.now() + dt.timedelta(seconds=closed_months.TOKEN_MAX_AGE + 1)
    assert closed_months.expired_refusals_purge(now=a_day_later) == 1
    assert not RefusedChange.objects.exists()


def test_the_correction_link_carries_no_personal_data(community_staff, community, month):
    from stations.services.residents import resident_register

    close_month(community=community, by=community_staff)
    id_number = valid_id_number(birth=dt.date(1990, 5, 1))
    data = {"name": "张新", "id_number": id_number, "mobile": "13905321234", "registered_on": day_in(month)}
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        resident_register(actor=community_staff, community=community, data=data)
    url = refused.value.correction_url()
    assert id_number not in url and "13905321234" not in url and quote("张新") not in url
    assert len(url) < 100


def test_arguments_survive_the_round_trip_through_json(community, resident):
    import decimal
    import json

    from stations.models import TargetGroup

    value = {
        "day": dt.date(2026, 3, 1),
        "amount": decimal.Decimal("12000.50"),
        "groups": TargetGroup.objects.filter(code="veteran"),
        "who": resident,
        "nested": [None, True, 3, "文"],
    }
    encoded = json.loads(json.dumps(closed_months._encode(value, {})))
    decoded = closed_months._decode(encoded)
    assert decoded["day"] == dt.date(2026, 3, 1)
    assert decoded["amount"] == decimal.Decimal("12000.50")
    assert [g.code for g in decoded["groups"]] == ["veteran"]
    assert decoded["who"].pk == resident.pk
    assert decoded["nested"] == [None, True, 3, "文"]


def test_a_call_naming_an_operation_that_is_not_guarded_cannot_be_replayed(community_staff):
    with pytest.raises(ValidationError):
        closed_months.replay({"op": "os.system", "kwargs": {}}, actor=community_staff, apply=False)


def test_a_12333_schedule_back_dated_into_a_closed_month_is_refused(city_bureau, community, month):
    from assistance.schedule import DEFAULT_SCHEDULE, SCHEDULE_KEY
    from stations.models import PolicyParameterValue
    from stations.services import policy_parameter_set
    from tests.factories.assistance import AssistanceCaseFactory

    # Opened four months before the closed month's end with no service: overdue then.
    AssistanceCaseFactory(resident=ResidentFactory(community=community), opened_on=month.end - dt.timedelta(days=120))
    close_month(community=community)
    lenient = {**DEFAULT_SCHEDULE, "3": dict.fromkeys(DEFAULT_SCHEDULE["3"], 0)}
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        policy_parameter_set(actor=city_bureau, key=SCHEDULE_KEY, value=lenient, valid_from=month.start)
    assert "overdue_items" in refused.value.changes[0].figures
    assert not PolicyParameterValue.objects.filter(key=SCHEDULE_KEY).exists()
    policy_parameter_set(actor=city_bureau, key=SCHEDULE_KEY, value=lenient, valid_from=dt.date.today())


def test_a_transfer_after_a_close_moves_the_person_and_the_closed_month_keeps_its_figures(
    community_staff, resident, sibling_community, month
):
    """A person's history follows them to the new community; the month closed
    before the move keeps the figures it was closed with (shown as drift)."""
    from reports.assemble import build_table
    from reports.nodes import parse_node
    from stations.services.residents import resident_transfer_request_accept
    from tests.factories.residents import ResidentTransferRequestFactory

    close_month(community=resident.community, by=community_staff)
    transfer = ResidentTransferRequestFactory(resident=resident, to_community=sibling_community)
    resident_transfer_request_accept(actor=community_staff, transfer=transfer)
    table = build_table(parse_node(resident.community.code), month)
    assert table.total.values["residents_registered"] == 1
    assert [(d.figure, d.at_close, d.now) for d in table.drift if d.figure == "residents_registered"] == [
        ("residents_registered", 1, 0)
    ]
