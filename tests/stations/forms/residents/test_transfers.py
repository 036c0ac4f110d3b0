"""stations.forms.residents.transfers: asking for a person's record."""

import datetime as dt

import pytest

from stations.forms.residents.transfers import TransferRequestForm
from tests.factories import valid_id_number

pytestmark = pytest.mark.django_db


def test_the_request_offers_the_users_own_community_first_and_normalises_the_number(community_staff, community):
    number = valid_id_number(birth=dt.date(1985, 6, 1), male=False, serial=8)
    assert TransferRequestForm(user=community_staff)["to_community"].initial == community.pk
    data = {"id_number": number.lower() + " ", "to_community": community.pk}
    form = TransferRequestForm(data=data, user=community_staff)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["id_number"], form.cleaned_data["to_community"]) == (number, community)
