"""A typical example's photos are stored under a name that gives nothing away."""

import pytest

from tests.factories.partnerships_examples import ExamplePhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_photo_is_stored_under_a_random_name_not_the_uploaders(community):
    photo = ExamplePhotoFactory(example__community=community)

    folder, name = photo.image.name.rsplit("/", 1)
    assert folder == f"examples/{photo.example_id}" and len(name) == len("0" * 32 + ".jpg")
