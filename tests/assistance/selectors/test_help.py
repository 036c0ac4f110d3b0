import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from assistance.models import HelpRequestStatus
from assistance.selectors.help import help_request_get, help_request_todo, public_communities
from tests.factories.assistance import HelpRequestFactory


def test_the_todo_counts_the_waiting_requests_of_the_node_and_the_overdue_ones(
    community_staff, community, far_community
):
    today = dt.date.today()
    late = HelpRequestFactory(community=community, due_on=today - dt.timedelta(days=1))
    soon = HelpRequestFactory(community=community, due_on=today + dt.timedelta(days=2))
    HelpRequestFactory(
        community=community, status=HelpRequestStatus.ANSWERED, answered_at=timezone.now(), reply="请来驿站"
    )
    HelpRequestFactory(community=far_community)
    todo = help_request_todo(user=community_staff, today=today)
    assert ([r.pk for r in todo["items"]], todo["total"], todo["overdue"]) == ([late.pk, soon.pk], 2, 1)


def test_a_request_of_another_area_is_not_found(community_staff, far_community):
    request = HelpRequestFactory(community=far_community)
    with pytest.raises(Http404):
        help_request_get(user=community_staff, pk=request.pk)


def test_no_community_is_offered_before_a_district_is_chosen(community):
    assert not public_communities().exists()
    assert list(public_communities(district_id=community.street.district_id)) == [community]
