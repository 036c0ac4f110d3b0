import datetime as dt

from django.core import mail

from assistance.reminders import reminders_send
from assistance.schedule import month_end
from stations.models import Notification
from tests.assistance.conftest import ALL4, TODAY


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
