"""The rules the partner network's records keep themselves."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import Commitment, CommitmentKind, CommitmentStatus, Partner


def test_a_partnership_cannot_end_before_it_began():
    partner = Partner(partner_since=dt.date(2026, 3, 1), ended_on=dt.date(2026, 2, 1))

    with pytest.raises(ValidationError) as refused:
        partner.clean()
    assert list(refused.value.error_dict) == ["ended_on"]


def test_a_promise_of_posts_says_how_many():
    with pytest.raises(ValidationError) as refused:
        Commitment(kind=CommitmentKind.POSTS).clean()
    assert list(refused.value.error_dict) == ["posts_promised"]


def test_a_commitment_done_after_its_due_date_counts_as_late():
    due = dt.date(2026, 3, 1)
    done_late = Commitment(status=CommitmentStatus.DONE, due_on=due, closed_on=due + dt.timedelta(days=1))
    done_on_time = Commitment(status=CommitmentStatus.DONE, due_on=due, closed_on=due)

    assert (done_late.is_late(), done_on_time.is_late()) == (True, False)
