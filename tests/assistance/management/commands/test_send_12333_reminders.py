import datetime as dt

from django.core.management import call_command

from assistance.schedule import month_end
from stations.models import Notification


def test_command_moves_the_clock_with_today(make_case, capsys):
    case = make_case(opened_days_ago=10)
    day = month_end(case.opened_on, 3) + dt.timedelta(days=1)
    call_command("send_12333_reminders", "--today", day.isoformat())
    call_command("send_12333_reminders", "--today", day.isoformat())
    out = capsys.readouterr().out
    assert "4 new" in out and "0 new" in out
    assert Notification.objects.count() == 4
