import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories.training import ProviderFactory


def test_provider_of_another_district_is_refused_for_a_class(open_class, other_district):
    open_class.provider = ProviderFactory(district=other_district)
    with pytest.raises(ValidationError):
        open_class.full_clean()


def test_a_class_ending_before_it_starts_is_refused_at_the_end_date(open_class):
    open_class.end_date = open_class.start_date - dt.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        open_class.full_clean()

    assert "end_date" in refused.value.message_dict
