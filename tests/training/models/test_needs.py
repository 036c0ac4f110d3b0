"""The needs list and the public's requests to join."""

import pytest
from django.db import IntegrityError, transaction

from tests.factories import ResidentFactory
from tests.factories.training import JoinRequestFactory, TrainingNeedFactory


def test_the_database_keeps_one_wish_per_trade_and_round(community):
    need = TrainingNeedFactory(resident=ResidentFactory(community=community), occupation="电工")

    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingNeedFactory(resident=need.resident, occupation="电工", round_date=need.round_date)


def test_a_request_to_join_names_the_asker_and_the_class(open_class, community):
    request = JoinRequestFactory(training_class=open_class, community=community, name="王秀英")

    assert str(request) == f"王秀英 → {open_class.title}"
