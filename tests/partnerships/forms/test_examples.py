"""The typical example form offers the communities in scope, the user's own first chosen."""

import pytest

from partnerships.forms.examples import TypicalExampleForm

pytestmark = pytest.mark.django_db


def test_a_new_example_is_filed_in_the_users_community_by_default(community_staff, community, other_community):
    form = TypicalExampleForm(user=community_staff)

    assert list(form.fields["community"].queryset) == [community]
    assert form.fields["community"].initial == community.pk
