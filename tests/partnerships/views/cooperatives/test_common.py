"""What the cooperatives' pages share."""

import pytest

from partnerships.views.cooperatives.common import may_see_hardship, query_string

pytestmark = pytest.mark.django_db


def test_the_query_string_keeps_only_the_filters_set():
    assert (
        query_string({"kind": "labour_cooperative", "community": "", "q": "光明"})
        == "kind=labour_cooperative&q=%E5%85%89%E6%98%8E"
    )


def test_staff_who_keep_residents_records_see_hardship_groups(community_staff):
    assert may_see_hardship(community_staff)


def test_a_bureau_does_not_see_hardship_groups(district_bureau):
    assert not may_see_hardship(district_bureau)
