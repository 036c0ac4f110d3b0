"""Demo staff training: trainee accounts that cannot sign in, made once."""

import random

import pytest

from partnerships.demo.staff_training import TRAINEES, seed_staff_training
from stations.models import User
from tests.factories.region import CommunityFactory

pytestmark = pytest.mark.django_db


def test_a_trainee_account_is_made_once_in_its_community_without_a_password(street):
    username, code, _name = TRAINEES[0]
    CommunityFactory(street=street, code=code)

    seed_staff_training(scale="small", rng=random.Random(1))
    seed_staff_training(scale="small", rng=random.Random(1))

    trainee = User.objects.get(username=username)
    assert trainee.community.code == code and not trainee.has_usable_password()
