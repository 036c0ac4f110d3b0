import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from assistance.models import Escalation
from assistance.reminders import reminders_send
from assistance.schedule import month_end
from stations.models import Notification, Role
from tests.factories.users import UserFactory

from .conftest import ALL4, TODAY


def test_moving_the_clock_past_a_due_date_sends_one_reminder_not_two(make_case, give, community_staff):
    case = make_case(opened_days_ago=10)
    for kind in ALL4[1:]:
        give(case, kind, 1)
    day_after = month_end(case.opened_on, 3) + dt.timedelta(days=1)
    first = reminders_send(today=day_after)
    second = reminders_send(today=day_after)
    assert (first.sent, second.sent) == (1, 0)
    note = Notification.objects.get()
    assert note.recipient == community_staff
    assert note.kind == "assistance.overdue"
    assert case.resident.name in note.message
    assert note.link.endswith(f"/staff/assistance/{case.pk}/")


def test_due_soon_reminder_goes_out_a_week_ahead_once(make_case, community_staff):
    case = make_case(opened_days_ago=10)
    week_before = month_end(case.opened_on, 3) - dt.timedelta(days=6)
    assert reminders_send(today=week_before).sent == 4  # one per counted service
    assert reminders_send(today=week_before + dt.timedelta(days=1)).sent == 0
    assert set(Notification.objects.values_list("kind", flat=True)) == {"assistance.due_soon"}


def test_nothing_is_sent_for_a_case_on_schedule(make_case, give):
    case = make_case(opened_days_ago=10)
    for kind in ALL4:
        give(case, kind, 1)
    assert reminders_send(today=month_end(case.opened_on, 3) + dt.timedelta(days=1)).sent == 0


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


def test_closed_cases_get_no_reminders(make_case):
    case = make_case(opened_days_ago=10)
    case.status, case.closed_on, case.close_reason = "closed", TODAY, "moved_away"
    case.save()
    assert reminders_send(today=month_end(case.opened_on, 3) + dt.timedelta(days=1)).sent == 0


def test_reminder_e_mail_goes_to_staff_with_an_address(make_case, community_staff, django_capture_on_commit_callbacks):
    community_staff.email = "staff@example.org"
    community_staff.save()
    case = make_case(opened_days_ago=10)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(today=month_end(case.opened_on, 3) + dt.timedelta(days=2))
    assert len(mail.outbox) == 4
    assert mail.outbox[0].to == ["staff@example.org"]


def test_reminder_run_takes_the_same_queries_for_few_or_many_cases(
    make_case, community_staff, django_capture_on_commit_callbacks
):
    opened = 10
    for _ in range(2):
        make_case(opened_days_ago=opened)
    day = month_end(TODAY - dt.timedelta(days=opened), 3) + dt.timedelta(days=1)
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few, django_capture_on_commit_callbacks(execute=False):
        reminders_send(today=day)
    Notification.objects.all().delete()
    # 88 notifications: one INSERT on SQLite, whose 999 parameters hold 90 rows of 11 columns.
    for _ in range(20):
        make_case(opened_days_ago=opened)
    with CaptureQueriesContext(connection) as many, django_capture_on_commit_callbacks(execute=False):
        result = reminders_send(today=day)
    assert result.sent == 22 * 4
    assert len(many.captured_queries) == len(few.captured_queries)
    # five policy figures, the last run, the newest case id, the cases, names,
    # used keys, households, recipients' addresses, the insert, the run's log
    # row; PostgreSQL adds the advisory lock that keeps two beat instances apart
    # and a SET LOCAL.
    assert len(few.captured_queries) <= (22 if connection.vendor == "postgresql" else 20)


def test_command_moves_the_clock_with_today(make_case, capsys):
    case = make_case(opened_days_ago=10)
    day = month_end(case.opened_on, 3) + dt.timedelta(days=1)
    call_command("send_12333_reminders", "--today", day.isoformat())
    call_command("send_12333_reminders", "--today", day.isoformat())
    out = capsys.readouterr().out
    assert "4 new" in out and "0 new" in out
    assert Notification.objects.count() == 4


def test_setting_moves_the_clock_for_the_task(make_case, settings):
    from assistance.tasks import send_12333_reminders

    case = make_case(opened_days_ago=10)
    settings.ASSISTANCE_TODAY = month_end(case.opened_on, 3) + dt.timedelta(days=1)
    assert send_12333_reminders.apply().get()["sent"] == 4


def test_household_placement_reminder_once(community, community_staff):
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=40))
    HouseholdCaseFactory(household=household, assigned_to=community_staff)
    first = reminders_send(today=TODAY)
    second = reminders_send(today=TODAY)
    assert (first.sent, second.sent) == (1, 0)
    assert Notification.objects.get().kind == "assistance.household_overdue"


def test_services_given_after_the_reminder_stop_the_next_level(make_case, give, street_officer):
    case = make_case(opened_days_ago=10)
    due = month_end(case.opened_on, 3)
    reminders_send(today=due + dt.timedelta(days=1))
    for kind in ALL4:
        give(case, kind, 1)
    reminders_send(today=due + dt.timedelta(days=20))
    assert not Notification.objects.filter(recipient=street_officer).exists()


def test_reminder_selection_agrees_with_the_ledger_filters(make_case, give):
    """The reminder SQL and the ledger's ORM filter select the same cases."""
    from assistance.models import AssistanceCase
    from assistance.reminders import due_rows, reminder_window
    from assistance.selectors import due_cases

    cases = [make_case(opened_days_ago=days) for days in (5, 80, 88, 95, 100, 104, 170, 185, 330, 360, 380)]
    for case in cases[::2]:
        for kind in ALL4:
            give(case, kind, 1)
    for day, first_run in ((TODAY, True), (TODAY + dt.timedelta(days=3), False)):
        window = reminder_window(day)
        assert window.full_sweep is first_run
        orm = set()
        for due in window.due_windows():
            qs = AssistanceCase.objects.all()
            if due.min_case_id is not None:
                qs = qs.filter(pk__gt=due.min_case_id)
            orm |= set(
                due_cases(qs, schedule=window.schedule, due_after=due.due_after, due_by=due.due_by).values_list(
                    "pk", flat=True
                )
            )
        assert {r["id"] for r in due_rows(today=day)} == orm
        assert orm
        reminders_send(today=day)


# --- escalation: however late, once per item and level -----------------------------------------


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


def test_daily_run_looks_only_at_cases_that_crossed_a_threshold_since_the_last(make_case, give, street_officer):
    behind = [make_case(opened_days_ago=days) for days in range(100, 400, 10)]
    first = reminders_send(today=TODAY)
    assert first.full_sweep
    assert first.cases_selected == len(behind)
    # The next day: only cases with an item due within the staff window or
    # crossing a threshold that day, not every overdue case again.
    second = reminders_send(today=TODAY + dt.timedelta(days=1))
    assert not second.full_sweep
    assert second.cases_selected < len(behind) // 3
    assert second.escalations == 0 or second.cases_selected > 0


def test_a_weekly_run_looks_at_every_case_again(make_case):
    make_case(opened_days_ago=200)
    runs = [reminders_send(today=TODAY + dt.timedelta(days=n)) for n in range(0, 9)]
    assert [r.full_sweep for r in runs] == [True, False, False, False, False, False, False, True, False]


def test_changing_a_threshold_makes_the_next_run_look_at_every_case(make_case, give, city_bureau, street_officer):
    from stations.services.policy import policy_parameter_set

    case = make_case(opened_days_ago=10)
    for kind in ALL4[1:]:
        give(case, kind, 1)
    due = month_end(case.opened_on, 3)
    reminders_send(today=due + dt.timedelta(days=9))
    assert not Notification.objects.filter(recipient=street_officer).exists()
    policy_parameter_set(
        actor=city_bureau, key="assistance.escalate_overdue_days", value=7, valid_from=due, note="提前上报"
    )
    result = reminders_send(today=due + dt.timedelta(days=10))
    assert result.full_sweep
    assert Notification.objects.filter(recipient=street_officer).count() == 1
    assert Escalation.objects.get(level="street").overdue_days == 10


def test_escalation_thresholds_are_policy_parameters_the_city_bureau_sets_with_history(city_bureau):
    from stations.models import PolicyParameterValue
    from stations.policy import policy_value
    from stations.services.policy import policy_parameter_set

    day = dt.date(2027, 1, 1)
    policy_parameter_set(actor=city_bureau, key="assistance.escalate_district_days", value=45, valid_from=day)
    assert policy_value("assistance.escalate_district_days", on=day - dt.timedelta(days=1)) == 30
    assert policy_value("assistance.escalate_district_days", on=day) == 45
    assert PolicyParameterValue.objects.filter(key="assistance.escalate_district_days").count() == 1


def test_an_escalation_threshold_must_be_a_whole_number_of_days(city_bureau):
    from django.core.exceptions import ValidationError

    from stations.services.policy import policy_parameter_set

    for bad in (0, -3, 2.5, 1000):
        with pytest.raises(ValidationError):
            policy_parameter_set(
                actor=city_bureau, key="assistance.escalate_district_days", value=bad, valid_from=TODAY
            )


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


def test_household_past_its_deadline_reaches_the_street_then_the_district(
    community, community_staff, street_officer, district_bureau
):
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=200))
    HouseholdCaseFactory(household=household, assigned_to=community_staff)
    reminders_send(today=TODAY)
    reminders_send(today=TODAY)
    kinds = dict(Notification.objects.values_list("recipient__username", "kind"))
    assert kinds == {
        street_officer.username: "assistance.household_escalated",
        district_bureau.username: "assistance.household_escalated_district",
    }


@pytest.mark.django_db(transaction=True)
def test_three_runs_at_once_escalate_each_item_once(make_case, give, street_officer, district_bureau):
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent writers need PostgreSQL: SQLite serialises whole-database writes.")
    case = make_case(opened_days_ago=10)
    for kind in ALL4[1:]:
        give(case, kind, 1)
    late = month_end(case.opened_on, 3) + dt.timedelta(days=76)
    barrier = threading.Barrier(3)
    errors = []

    def run():
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            reminders_send(today=late, full=True)
        except Exception as exc:  # the assertion below names it
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(Escalation.objects.values_list("level", flat=True)) == ["district", "street"]
    assert Notification.objects.filter(recipient=street_officer).count() == 1
    assert Notification.objects.filter(recipient=district_bureau).count() == 1


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
