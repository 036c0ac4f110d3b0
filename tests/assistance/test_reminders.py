import datetime as dt

from django.core import mail
from django.core.management import call_command

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
    from django.db import connection
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
    # policy, cases, officers, names, households, recipients' addresses, insert;
    # PostgreSQL adds the advisory lock that keeps two beat instances apart and a SET LOCAL.
    assert len(few.captured_queries) <= (19 if connection.vendor == "postgresql" else 17)


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

    cases = [make_case(opened_days_ago=days) for days in (5, 80, 88, 95, 100, 170, 185, 330, 360, 380)]
    for case in cases[::2]:
        for kind in ALL4:
            give(case, kind, 1)
    day = TODAY
    window = reminder_window(day)
    orm = due_cases(
        AssistanceCase.objects.all(),
        schedule=window.schedule,
        due_after=window.oldest - dt.timedelta(days=1),
        due_by=window.latest,
    )
    assert {r["id"] for r in due_rows(today=day)} == set(orm.values_list("pk", flat=True))
    assert orm.exists()
