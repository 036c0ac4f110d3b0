"""The region (stations/models/region.py): codes nest, and workers per 10,000 come from sums."""

import pytest
from django.core.exceptions import ValidationError

from stations.models import Community
from stations.models.region import workers_per_10k

pytestmark = pytest.mark.django_db


def test_workers_per_10k_is_rounded_to_one_decimal_and_none_without_a_population():
    assert (workers_per_10k(3, 16000), workers_per_10k(3, 0)) == (1.9, None)


def test_a_communitys_code_must_start_with_its_streets(street):
    community = Community(street=street, name="新社区", code="999999999999")
    with pytest.raises(ValidationError) as refused:
        community.clean()
    assert "code" in refused.value.message_dict
