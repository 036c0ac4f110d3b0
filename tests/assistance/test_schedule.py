"""The 12333 rule as pure functions: no database."""

import datetime as dt

from assistance.schedule import (
    DEFAULT_SCHEDULE,
    add_months,
    case_is_compliant,
    case_progress,
    household_progress,
    latest_opening_due_by,
    month_end,
    parse_schedule,
    validate_schedule,
)

SCHEDULE = parse_schedule(DEFAULT_SCHEDULE)
OPENED = dt.date(2025, 1, 15)
NONE = {}
YEAR_MET = {"policy_contact": 2, "career_guidance": 3, "job_recommendation": 3, "training_information": 3}


def test_add_months_clamps_to_the_end_of_a_short_month():
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 11, 30), 3) == dt.date(2025, 2, 28)


def test_month_n_of_a_case_ends_the_day_before_the_same_date_n_months_later():
    assert month_end(OPENED, 3) == dt.date(2025, 4, 14)
    assert month_end(OPENED, 12) == dt.date(2026, 1, 14)


def test_latest_opening_due_by_is_the_exact_inverse_of_month_end():
    for offset in range(0, 800, 3):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=offset)
        for month in (3, 6, 12):
            latest = latest_opening_due_by(day, month)
            assert month_end(latest, month) <= day
            assert month_end(latest + dt.timedelta(days=1), month) > day


def test_new_case_is_first_due_at_the_end_of_month_three():
    progress = case_progress(opened_on=OPENED, counts=NONE, schedule=SCHEDULE, today=OPENED)
    assert progress.next_due.next_due_on == dt.date(2025, 4, 14)
    assert progress.next_due.next_due_count == 1
    assert not progress.is_overdue


def test_items_become_overdue_the_day_after_their_date():
    on_the_day = case_progress(opened_on=OPENED, counts=NONE, schedule=SCHEDULE, today=dt.date(2025, 4, 14))
    after = case_progress(opened_on=OPENED, counts=NONE, schedule=SCHEDULE, today=dt.date(2025, 4, 15))
    assert not on_the_day.is_overdue
    assert len(after.overdue) == 4
    assert after.overdue[0].overdue_days == 1


def test_met_month_three_minimums_move_the_next_due_to_month_six():
    counts = dict.fromkeys(YEAR_MET, 1)
    progress = case_progress(opened_on=OPENED, counts=counts, schedule=SCHEDULE, today=dt.date(2025, 5, 1))
    guidance = next(k for k in progress.kinds if k.kind == "career_guidance")
    policy = next(k for k in progress.kinds if k.kind == "policy_contact")
    assert (guidance.next_due_count, guidance.next_due_on) == (2, dt.date(2025, 7, 14))
    # One policy contact suffices to month 6; the second is due by month 12.
    assert (policy.next_due_count, policy.next_due_on) == (2, dt.date(2026, 1, 14))
    assert not progress.is_overdue


def test_a_closed_case_has_nothing_due_after_it_closed():
    progress = case_progress(
        opened_on=OPENED, counts=NONE, schedule=SCHEDULE, today=dt.date(2025, 12, 1), closed_on=dt.date(2025, 3, 1)
    )
    assert progress.next_due is None


def test_full_year_counts_make_a_case_compliant():
    assert case_is_compliant(
        opened_on=OPENED, counts=YEAR_MET, schedule=SCHEDULE, closed_on=None, closed_for_work=False
    )


def test_one_count_short_makes_a_case_not_compliant():
    counts = {**YEAR_MET, "training_information": 2}
    assert not case_is_compliant(
        opened_on=OPENED, counts=counts, schedule=SCHEDULE, closed_on=None, closed_for_work=False
    )


def test_early_closure_for_work_needs_only_the_minimums_due_by_closing():
    month_four = dt.date(2025, 5, 20)
    assert case_is_compliant(
        opened_on=OPENED,
        counts=dict.fromkeys(YEAR_MET, 1),
        schedule=SCHEDULE,
        closed_on=month_four,
        closed_for_work=True,
    )
    short = {**dict.fromkeys(YEAR_MET, 1), "job_recommendation": 0}
    assert not case_is_compliant(
        opened_on=OPENED, counts=short, schedule=SCHEDULE, closed_on=month_four, closed_for_work=True
    )


def test_closure_for_work_before_any_checkpoint_is_compliant():
    assert case_is_compliant(
        opened_on=OPENED, counts=NONE, schedule=SCHEDULE, closed_on=dt.date(2025, 2, 1), closed_for_work=True
    )


def test_early_closure_for_another_reason_is_judged_on_the_full_year_counts():
    assert not case_is_compliant(
        opened_on=OPENED,
        counts=dict.fromkeys(YEAR_MET, 1),
        schedule=SCHEDULE,
        closed_on=dt.date(2025, 5, 20),
        closed_for_work=False,
    )


def test_schedule_validation_rejects_falling_minimums_and_a_missing_month_twelve():
    assert validate_schedule(DEFAULT_SCHEDULE) == []
    bad = {"3": {"policy_contact": 2}, "6": {"policy_contact": 1}}
    problems = validate_schedule(bad)
    assert len(problems) == 2


def test_household_needs_a_member_in_work_by_the_deadline_counted_from_identification():
    progress = household_progress(flagged_on=OPENED, work_started_on=None, today=dt.date(2025, 2, 20), deadline_days=30)
    assert progress.next_item.code == "placement"
    assert progress.deadline_on == progress.next_item.due_on == dt.date(2025, 2, 14)
    assert progress.days_since_identified == 36
    assert (progress.overdue_days, progress.next_item.overdue) == (6, True)


def test_household_within_its_deadline_shows_the_days_left():
    progress = household_progress(flagged_on=OPENED, work_started_on=None, today=dt.date(2025, 1, 25), deadline_days=30)
    assert (progress.days_since_identified, progress.days_left, progress.overdue_days) == (10, 20, 0)
    assert not progress.next_item.overdue


def test_household_with_a_member_in_work_has_nothing_due():
    progress = household_progress(
        flagged_on=OPENED, work_started_on=dt.date(2025, 2, 1), today=dt.date(2025, 3, 10), deadline_days=30
    )
    assert progress.next_item is None
