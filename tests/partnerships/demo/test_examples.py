"""Demo typical examples: their photos are real JPEG pictures, and nothing is
seeded without the demo city bureau to publish them."""

import io
import random

import pytest
from PIL import Image

from partnerships.demo.examples import demo_photo, seed_examples
from partnerships.models import TypicalExample


def test_a_demo_photo_is_an_800_by_600_jpeg():
    image = Image.open(io.BytesIO(demo_photo(3, "驿站").read()))

    assert (image.format, image.size) == ("JPEG", (800, 600))


@pytest.mark.django_db
def test_without_the_demo_city_bureau_no_example_is_seeded(community_staff):
    seed_examples(scale="small", rng=random.Random(1))

    assert not TypicalExample.objects.exists()
