"""Target groups (stations/models/target_groups.py): reference rows, some sensitive."""

import pytest

from stations.models import TargetGroup, TargetGroupCode

pytestmark = pytest.mark.django_db


def test_every_code_has_its_reference_row_in_order():
    assert list(TargetGroup.objects.values_list("code", flat=True)) == list(TargetGroupCode.values)


def test_the_minimum_living_group_is_sensitive_and_the_veterans_are_not():
    groups = {group.code: group for group in TargetGroup.objects.all()}
    assert groups[TargetGroupCode.MINIMUM_LIVING].is_sensitive
    assert not groups[TargetGroupCode.VETERAN].is_sensitive
