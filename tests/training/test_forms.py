"""Training forms: a resident is found by the ID number as typed."""

import pytest

from tests.factories import ResidentFactory
from training.forms import NeedForm


@pytest.mark.django_db
def test_a_resident_typed_by_full_width_id_number_in_groups_is_found(community_staff, community):
    resident = ResidentFactory(community=community, id_number="11010519491231002X")
    form = NeedForm(
        data={"resident": "１１０１０５ １９４９１２３１ ００２ｘ", "occupation": "育婴员", "round_date": "2026-03-01"},
        user=community_staff,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["resident"] == resident
