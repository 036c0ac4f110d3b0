import pytest

from reports.periods import previous_month


@pytest.fixture
def period():
    from django.utils import timezone

    return previous_month(timezone.localdate())
