"""The partner network's forms: choices in scope, and commitment rows that
count only once something is typed in them."""

import pytest

from partnerships.forms.network import CommitmentFormSet, MeetingForm
from tests.factories.partnerships_network import PartnerFactory

pytestmark = pytest.mark.django_db


def test_a_meeting_offers_only_partners_in_scope(community_staff, community, other_community):
    mine = PartnerFactory(community=community)
    PartnerFactory(community=other_community)

    form = MeetingForm(user=community_staff)

    assert list(form.fields["partners"].queryset) == [mine]
    assert form.fields["community"].initial == community.pk


def test_untouched_commitment_rows_are_skipped_and_a_posts_row_needs_a_number(community_staff, community):
    partner = PartnerFactory(community=community)
    data = {"c-TOTAL_FORMS": "2", "c-INITIAL_FORMS": "0", "c-0-kind": "posts", "c-1-kind": "posts"}
    data.update({"c-0-partner": str(partner.pk), "c-0-description": "保洁岗位", "c-0-due_on": "2026-06-30"})

    formset = CommitmentFormSet(data, user=community_staff, prefix="c")

    assert not formset.is_valid()
    assert formset.errors[0] == {"posts_promised": ["Say how many posts were promised."]} and formset.errors[1] == {}
