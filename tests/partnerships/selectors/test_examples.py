"""Typical examples through their selectors: staff read their area's, the
public only what is published."""

import pytest
from django.http import Http404

from partnerships.selectors import examples as selectors
from tests.factories.partnerships_examples import ExamplePhotoFactory, TypicalExampleFactory

pytestmark = pytest.mark.django_db


def test_an_example_in_scope_is_returned_with_its_photos(community_staff, community):
    example = TypicalExampleFactory(community=community)

    assert selectors.example_get(user=community_staff, pk=example.pk) == example


def test_an_example_out_of_scope_answers_404_like_a_missing_one(community_staff, other_community):
    example = TypicalExampleFactory(community=other_community)

    with pytest.raises(Http404):
        selectors.example_get(user=community_staff, pk=example.pk)
    with pytest.raises(Http404):
        selectors.example_get(user=community_staff, pk=example.pk + 1000)


def test_a_photo_of_another_areas_example_answers_404(community_staff, other_community):
    photo = ExamplePhotoFactory(example__community=other_community)

    with pytest.raises(Http404):
        selectors.example_photo_get(user=community_staff, pk=photo.pk)


def test_the_public_reads_a_published_example_and_not_a_draft(community):
    published = TypicalExampleFactory(community=community, published=True)
    draft = TypicalExampleFactory(community=community)

    assert selectors.public_example_get(pk=published.pk) == published
    with pytest.raises(Http404):
        selectors.public_example_get(pk=draft.pk)


def test_the_public_gets_no_photo_of_a_draft(community):
    photo = ExamplePhotoFactory(example__community=community)

    with pytest.raises(Http404):
        selectors.public_photo_get(pk=photo.pk)
