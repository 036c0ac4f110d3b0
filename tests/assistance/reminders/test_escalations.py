import datetime as dt

import pytest

from assistance.models import Escalation
from assistance.reminders import reminders_send
from assistance.schedule import month_end
from stations.models import Notification, Role
from tests.assistance.conftest import ALL4, TODAY
from tests.factories.users import UserFactory


def test_overdue_past_the_threshold_is_escalated_to_the_street_officer(
    make_case, give, street_officer, community_staff
):
    case = make_case(opened_days_ago=10)
    for kind in ALL4[:3]:
        give(case, kind, 1)
    due = month_end(case.opened_on, 3)
    reminders_send(today=due + dt.timedelta(days=13))
    assert not Notification.objects.filter(recipient=street_officer).exists()
    reminders_send(today=due + dt.timedelta(days=14))
    reminders_send(today=due + dt.timedelta(days=15))
    escalated = Notification.objects.get(recipient=street_officer)
    assert escalated.kind == "assistance.escalated"
    assert escalated.link.endswith(f"/staff/assistance/{case.pk}/")
    assert "14" in escalated.message and case.resident.name in escalated.message
    assert Notification.objects.filter(recipient=community_staff, kind="assistance.overdue").count() == 1


def test_officer_of_another_street_is_not_told(make_case, other_street):
    outsider = UserFactory(role=Role.STREET_OFFICER, community=None, street=other_street)
    case = make_case(opened_days_ago=10)
    reminders_send(today=month_end(case.opened_on, 3) + dt.timedelta(days=20))
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_services_given_after_the_reminder_stop_the_next_level(make_case, give, street_officer):
    case = make_case(opened_days_ago=10)
    due = month_end(case.opened_on, 3)
    reminders_send(today=due + dt.timedelta(days=1))
    for kind in ALL4:
        give(case, kind, 1)
    reminders_send(today=due + dt.timedelta(days=20))
    assert not Notification.objects.filter(recipient=street_officer).exists()


def test_item_76_days_overdue_reaches_the_street_officer_and_the_district_bureau(
    make_case, give, street_officer, district_bureau
):
    case = make_case(opened_days_ago=10)
    for kind in ALL4[1:]:
        give(case, kind, 1)
    late = month_end(case.opened_on, 3) + dt.timedelta(days=76)
    reminders_send(today=late)
    street = Notification.objects.get(recipient=street_officer)
    district = Notification.objects.get(recipient=district_bureau)
    assert (street.kind, district.kind) == ("assistance.escalated", "assistance.escalated_district")
    assert "76" in street.message and "76" in district.message
    assert set(Escalation.objects.values_list("level", "overdue_days")) == {("street", 76), ("district", 76)}


def test_district_bureau_is_told_only_from_30_days_overdue(make_case, give, street_officer, district_bureau):
    case = make_case(opened_days_ago=10)
    for kind in ALL4[1:]:
        give(case, kind, 1)
    due = month_end(case.opened_on, 3)
    for days in (14, 20, 29):
        reminders_send(today=due + dt.timedelta(days=days))
    assert not Notification.objects.filter(recipient=district_bureau).exists()
    reminders_send(today=due + dt.timedelta(days=30))
    reminders_send(today=due + dt.timedelta(days=31))
    assert Notification.objects.filter(recipient=district_bureau, kind="assistance.escalated_district").count() == 1
    assert Notification.objects.filter(recipient=street_officer).count() == 1


def test_each_item_escalates_once_per_level_when_the_run_repeats_every_day(
    make_case, give, street_officer, district_bureau
):
    case = make_case(opened_days_ago=10)
    give(case, ALL4[0], 1)  # the other three kinds miss month 3, then month 6
    start = month_end(case.opened_on, 3)
    for day in range(0, 230, 1):
        reminders_send(today=start + dt.timedelta(days=day))
        reminders_send(today=start + dt.timedelta(days=day))
    # 3 kinds short at month 3 and 6 (and policy contacts at month 12 too, not yet 14 days late).
    escalations = Escalation.objects.filter(case=case)
    assert escalations.filter(level="street").count() == escalations.filter(level="district").count()
    keys = list(escalations.values_list("kind", "due_on", "level"))
    assert len(keys) == len(set(keys))
    assert {due for _kind, due, _level in keys} == {month_end(case.opened_on, 3), month_end(case.opened_on, 6)}
    # One notification per case, level and day an item crossed a threshold.
    assert Notification.objects.filter(recipient=street_officer).count() == 2
    assert Notification.objects.filter(recipient=district_bureau).count() == 2


def test_runs_missed_for_days_catch_up_on_every_level(make_case, give, street_officer, district_bureau):
    case = make_case(opened_days_ago=10)
    for kind in ALL4[1:]:
        give(case, kind, 1)
    due = month_end(case.opened_on, 3)
    reminders_send(today=due + dt.timedelta(days=10), full=True)
    street = reminders_send(today=due + dt.timedelta(days=16))  # days 11-15 missed
    reminders_send(today=due + dt.timedelta(days=25), full=True)
    district = reminders_send(today=due + dt.timedelta(days=31))  # days 26-30 missed
    assert not street.full_sweep and not district.full_sweep
    assert (street.escalations, district.escalations) == (1, 1)
    assert Notification.objects.filter(recipient__in=[street_officer, district_bureau]).count() == 2


def test_a_backdated_case_opened_after_the_last_run_is_escalated_on_the_next(make_case, community, street_officer):
    reminders_send(today=TODAY)
    case = make_case(opened_days_ago=200)  # month 3 is long past: already overdue on its first day
    result = reminders_send(today=TODAY)
    assert not result.full_sweep
    assert Escalation.objects.filter(case=case, level="street").exists()
    assert Notification.objects.filter(recipient=street_officer, link__endswith=f"/{case.pk}/").count() == 1


def test_bureau_of_another_district_is_not_told(make_case, other_district):
    outsider = UserFactory(role=Role.DISTRICT_BUREAU, community=None, district=other_district)
    case = make_case(opened_days_ago=10)
    reminders_send(today=month_end(case.opened_on, 3) + dt.timedelta(days=40))
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_escalation_is_recorded_even_without_an_officer_account(make_case):
    case = make_case(opened_days_ago=10)
    result = reminders_send(today=month_end(case.opened_on, 3) + dt.timedelta(days=15))
    assert result.escalations == 4
    assert not Notification.objects.filter(kind__startswith="assistance.escalated").exists()


def test_the_database_refuses_a_second_escalation_of_an_item_at_a_level(make_case):
    from django.db import IntegrityError, transaction

    case = make_case(opened_days_ago=200)
    reminders_send(today=TODAY)
    first = Escalation.objects.filter(case=case).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.create(
            case=case,
            kind=first.kind,
            due_on=first.due_on,
            level=first.level,
            required=1,
            done=0,
            escalated_on=TODAY,
            overdue_days=99,
        )
