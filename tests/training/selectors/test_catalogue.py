"""Staff reads of catalogues, courses and providers."""

import pytest
from django.http import Http404

from tests.factories.training import CatalogueFactory, EnrolmentFactory, ProviderFactory
from training.selectors import catalogue_get, provider_list


def test_a_providers_rating_is_the_mean_of_its_trainees_scores(district_bureau, district, open_class):
    for score in (5, 4, None):
        EnrolmentFactory(training_class=open_class, feedback_score=score)
    ProviderFactory(district=district, name="未评分学校")

    rows = {p.name: (p.rating, p.rating_count) for p in provider_list(user=district_bureau)}

    assert rows[open_class.provider.name] == (4.5, 2)
    assert rows["未评分学校"] == (None, 0)


def test_a_catalogue_of_another_district_answers_like_a_missing_one(district_bureau, other_district):
    far = CatalogueFactory(district=other_district)

    for pk in (far.pk, far.pk + 1000):
        with pytest.raises(Http404):
            catalogue_get(user=district_bureau, pk=pk)
