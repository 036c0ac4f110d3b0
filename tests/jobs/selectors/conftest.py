"""What the selectors' tests share."""

import pytest
from django.http import Http404


def answers_like_a_missing_one(getter, *, user, record) -> None:
    """`getter` answers 404 for `record` (out of the user's scope) as for a pk nobody holds."""
    with pytest.raises(Http404):
        getter(user=user, pk=record.pk)
    with pytest.raises(Http404):
        getter(user=user, pk=record.pk + 1000)
