"""`manage.py remind_late_commitments`: the scheduled reminder, by hand, as of a given day."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from tests.factories.partnerships_network import CommitmentFactory

pytestmark = pytest.mark.django_db


def test_the_command_reminds_as_of_the_day_given_and_says_how_many(community):
    CommitmentFactory(meeting__community=community, due_on=dt.date(2026, 3, 1))
    out = io.StringIO()

    call_command("remind_late_commitments", "--today", "2026-03-02", stdout=out)

    assert out.getvalue().strip() == "1 reminder(s) sent."


def test_nothing_is_late_before_its_due_date(community):
    CommitmentFactory(meeting__community=community, due_on=dt.date(2026, 3, 1))
    out = io.StringIO()

    call_command("remind_late_commitments", "--today", "2026-03-01", stdout=out)

    assert out.getvalue().strip() == "0 reminder(s) sent."
