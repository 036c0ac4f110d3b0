import pytest
from django.http import Http404

from stations.selectors import notification_get
from stations.services import notification_send

pytestmark = pytest.mark.django_db


def test_someone_elses_notification_is_404(community_staff, other_community_staff):
    theirs, _ = notification_send(recipient=other_community_staff, kind="info", message="hello", dedupe_key="t1")

    assert notification_get(user=other_community_staff, pk=theirs.pk) == theirs
    with pytest.raises(Http404):
        notification_get(user=community_staff, pk=theirs.pk)
