from benchmarks.measures import reminders
from tests.factories.residents import ResidentFactory

KEYS = {"name", "value", "unit", "limit", "ratio", "target", "met", "note", "load_average"}


def test_reminder_figure_times_a_daily_run_and_leaves_no_run_log(db, community, community_staff):
    import datetime as dt

    from assistance.models import Escalation, ReminderRun
    from tests.factories.assistance import AssistanceCaseFactory

    AssistanceCaseFactory(
        resident=ResidentFactory(community=community),
        assigned_to=community_staff,
        opened_on=dt.date.today() - dt.timedelta(days=200),
    )
    (result,) = reminders.measure_reminders(repeat=1)
    assert result.name == "12333 reminder run (first of the day)"
    assert set(result.as_json()) == KEYS
    assert not ReminderRun.objects.exists() and not Escalation.objects.exists()
