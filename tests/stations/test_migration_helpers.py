"""Normalising stored values for data migrations (stations/migration_helpers.py)."""

import pytest
from django.db import connection

from stations.migration_helpers import normalize_stored_values
from stations.models import Community
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _store_raw_code(community, code):
    """As typed before normalisation existed: past the field, which normalises every write."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Community._meta.db_table} SET code = %s WHERE id = %s", [code, community.pk])  # noqa: S608


def test_a_code_typed_in_full_width_digits_is_stored_as_ascii(street):
    community = CommunityFactory(street=street)
    ascii_code = community.code
    _store_raw_code(community, ascii_code.translate(FULL_WIDTH))
    assert normalize_stored_values(Community, codes=("code",), unique=("code",)) == 1
    community.refresh_from_db()
    assert community.code == ascii_code


def test_a_unique_code_that_another_row_holds_is_left_as_stored_and_reported(street, capsys):
    taken = CommunityFactory(street=street)
    other = CommunityFactory(street=street)
    wide = taken.code.translate(FULL_WIDTH)
    _store_raw_code(other, wide)
    assert normalize_stored_values(Community, codes=("code",), unique=("code",)) == 0
    assert Community.objects.filter(pk=other.pk).values_list("code", flat=True).get() == wide
    assert "left as stored" in capsys.readouterr().out
