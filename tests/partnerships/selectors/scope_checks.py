"""The two answers every `<entity>_get(*, user, pk)` selector gives: the
record when it is in the user's scope, 404 when it is out of scope or missing.

A selectors' test module lists its `(selector, make)` pairs and takes the test:

    test_a_record_in_scope_is_returned_and_out_of_scope_answers_404_like_a_missing_one = scope_test(GETS)
"""

import pytest
from django.http import Http404


def assert_gets_in_scope_and_404_outside(get, *, user, make, inside, outside):
    """`make(community)` builds a record of that community."""
    record = make(inside)
    assert get(user=user, pk=record.pk) == record

    stranger = make(outside)
    with pytest.raises(Http404):
        get(user=user, pk=stranger.pk)
    with pytest.raises(Http404):
        get(user=user, pk=stranger.pk + 1000)


def scope_test(gets):
    """The test of every `(get, make)` pair in `gets`, one case per selector."""

    @pytest.mark.parametrize(("get", "make"), gets, ids=[get.__name__ for get, _ in gets])
    def test(community_staff, community, other_community, get, make):
        assert_gets_in_scope_and_404_outside(
            get, user=community_staff, make=make, inside=community, outside=other_community
        )

    return test
