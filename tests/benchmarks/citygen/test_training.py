from django.db.models import F

from stations.models import District
from training.models import Catalogue, TrainingClass


def test_city_classes_take_courses_and_providers_of_their_own_district(city):
    assert TrainingClass.objects.exists()
    assert not TrainingClass.objects.exclude(course__catalogue__district=F("community__street__district")).exists()
    assert not TrainingClass.objects.exclude(provider__district=F("community__street__district")).exists()
    assert Catalogue.objects.filter(status="published").count() == District.objects.count()
