import datetime as dt

from django.utils import timezone

from assistance import clock


def test_the_clock_is_the_local_date_unless_pinned(settings):
    settings.ASSISTANCE_TODAY = None
    assert clock.today() == timezone.localdate()


def test_a_pinned_date_may_be_a_date_or_its_iso_text(settings):
    settings.ASSISTANCE_TODAY = "2027-03-01"
    assert clock.today() == dt.date(2027, 3, 1)
    settings.ASSISTANCE_TODAY = dt.date(2027, 4, 2)
    assert clock.today() == dt.date(2027, 4, 2)
