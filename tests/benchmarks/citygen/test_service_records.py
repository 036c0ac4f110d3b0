from django.db.models import F

from stations.models import ServiceRecord


def test_city_service_records_lie_between_registration_and_today(city):
    from django.utils import timezone

    assert not ServiceRecord.objects.filter(served_on__gt=timezone.localdate()).exists()
    assert not ServiceRecord.objects.filter(served_on__lt=F("resident__created_at__date")).exists()
