"""The resident form trimmed for ledger rows (stations/imports/forms.py)."""

import pytest

from stations.imports.forms import ImportRowForm
from stations.models import Resident
from tests.factories import valid_id_number

pytestmark = pytest.mark.django_db


def test_a_row_sets_neither_the_community_nor_the_target_groups():
    form = ImportRowForm()
    assert "community" not in form.fields and "target_groups" not in form.fields


def test_a_full_width_id_number_is_checked_in_ascii(community):
    ascii_id = valid_id_number()
    wide = ascii_id.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    form = ImportRowForm(
        data={"name": "张三", "id_number": wide, "education": "senior"}, instance=Resident(community=community)
    )
    form.is_valid()
    assert "id_number" not in form.errors
    assert form.cleaned_data["id_number"] == ascii_id
