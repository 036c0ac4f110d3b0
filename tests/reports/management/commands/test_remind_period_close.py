"""`manage.py remind_period_close`."""

import io

from django.core.management import call_command


def test_before_the_fifth_no_community_is_reminded(community_staff):
    out = io.StringIO()

    call_command("remind_period_close", "--today", "2026-11-04", stdout=out)

    assert out.getvalue().strip() == "0 reminder(s) sent."


def test_from_the_fifth_a_late_community_is_reminded(community_staff):
    out = io.StringIO()

    call_command("remind_period_close", "--today", "2026-11-06", stdout=out)

    assert out.getvalue().strip() == "1 reminder(s) sent."
