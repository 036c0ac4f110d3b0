import datetime as dt

import pytest

from assistance.models import Escalation
from assistance.reminders import reminders_send
from assistance.schedule import month_end
from stations.models import Notification
from tests.assistance.conftest import ALL4, TODAY


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
