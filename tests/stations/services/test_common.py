import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stations.models import Community
from stations.services.common import lock_visible


def test_lock_visible_returns_the_row_in_the_actors_area(community_staff, community):
    assert lock_visible(Community, actor=community_staff, pk=community.pk, error=PermissionDenied()) == community


def test_lock_visible_raises_the_callers_error_outside_the_area(community_staff, other_community):
    with pytest.raises(ValidationError) as exc:
        lock_visible(
            Community, actor=community_staff, pk=other_community.pk, error=ValidationError({"community": "elsewhere"})
        )
    assert exc.value.message_dict == {"community": ["elsewhere"]}


def test_lock_visible_raises_for_no_key(community_staff):
    with pytest.raises(PermissionDenied):
        lock_visible(Community, actor=community_staff, pk=None, error=PermissionDenied())


def test_lock_visible_keeps_the_filters_of_a_queryset(street_officer, community, sibling_community):
    rows = Community.objects.exclude(pk=sibling_community.pk)
    assert lock_visible(rows, actor=street_officer, pk=community.pk, error=PermissionDenied()) == community
    with pytest.raises(PermissionDenied):
        lock_visible(rows, actor=street_officer, pk=sibling_community.pk, error=PermissionDenied())
