"""stations.forms.region: a street's population and worker figures, one row
per community."""

import pytest

from stations.forms.region import MAX_POPULATION, StreetHeadcountForm
from stations.models import Community

pytestmark = pytest.mark.django_db


def _data(communities, population, workers):
    data = {"effective_from": "2026-01-01"}
    for c in communities:
        data[f"population_{c.pk}"] = population
        data[f"workers_{c.pk}"] = workers
    return data


def test_the_figures_are_returned_per_community(community, sibling_community):
    communities = Community.objects.filter(pk__in=[community.pk, sibling_community.pk]).order_by("pk")
    form = StreetHeadcountForm(data=_data(communities, "4200", "9"), communities=communities)
    assert form.is_valid(), form.errors
    assert form.figures() == {community.pk: (4200, 9), sibling_community.pk: (4200, 9)}
    assert [row[0] for row in form.rows()] == list(communities)


def test_a_population_with_extra_digits_is_refused(community):
    communities = Community.objects.filter(pk=community.pk)
    form = StreetHeadcountForm(data=_data(communities, str(MAX_POPULATION + 1), "9"), communities=communities)
    assert not form.is_valid()
    assert f"population_{community.pk}" in form.errors
