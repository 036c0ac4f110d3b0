from django.db.models import F

from tests.benchmarks.citygen.conftest import TINY


def test_city_live_postings_are_open_today_and_expired_ones_closed(city):
    from django.utils import timezone

    from jobs.models import Posting

    today = timezone.localdate()
    assert Posting.objects.live(on=today).count() == TINY["postings"]
    expired = Posting.objects.filter(status="expired")
    assert not expired.filter(valid_until__gte=today).exists()
    assert not expired.filter(valid_until__lt=F("valid_from")).exists()
