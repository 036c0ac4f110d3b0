"""Normalising stored values for data migrations (stations/migration_helpers.py)."""

import pytest

from stations.migration_helpers import normalize_stored_values
from stations.models import Community
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def test_a_code_typed_in_full_width_digits_is_stored_as_ascii(street):
    community = CommunityFactory(street=street)
    ascii_code = community.code
    Community.objects.filter(pk=community.pk).update(
        code=ascii_code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    )
    assert normalize_stored_values(Community, codes=("code",), unique=("code",)) == 1
    community.refresh_from_db()
    assert community.code == ascii_code


def test_a_unique_code_that_another_row_holds_is_left_as_stored_and_reported(street, capsys):
    taken = CommunityFactory(street=street)
    other = CommunityFactory(street=street)
    wide = taken.code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    Community.objects.filter(pk=other.pk).update(code=wide)
    assert normalize_stored_values(Community, codes=("code",), unique=("code",)) == 0
    other.refresh_from_db()
    assert other.code == wide and "left as stored" in capsys.readouterr().out
