"""The two answers every `<entity>_get(*, user, pk)` selector gives: the
record when it is in the user's scope, 404 when it is out of scope or missing."""

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
