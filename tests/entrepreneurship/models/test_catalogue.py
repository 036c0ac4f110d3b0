import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entrepreneurship.models import CatalogueState, StartupEvent, StartupProject
from entrepreneurship.models.catalogue import waits_for_its_community


def test_a_communitys_draft_waits_for_it_and_a_bureaus_own_draft_does_not(community):
    theirs = StartupProject(state=CatalogueState.DRAFT, community=community)
    own = StartupProject(state=CatalogueState.DRAFT, community=None)
    assert (waits_for_its_community(theirs, "publish"), waits_for_its_community(own, "publish")) == (True, False)
    assert not waits_for_its_community(StartupProject(state=CatalogueState.PROPOSED, community=community), "publish")


def test_an_events_entries_must_close_before_it_starts():
    starts = timezone.now() + dt.timedelta(days=5)
    event = StartupEvent(title="创业大赛", starts_at=starts, signup_deadline=starts.date() + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        event.clean()
    assert "signup_deadline" in refused.value.message_dict


def test_only_a_published_item_is_published():
    assert StartupProject(state=CatalogueState.PUBLISHED).is_published
    assert not StartupProject(state=CatalogueState.PROPOSED).is_published
