"""`user|can:"app.rule"` in templates (stations/templatetags/permission_tags.py)."""

import pytest
from django.template import Context, Template

pytestmark = pytest.mark.django_db

TEMPLATE = Template('{% load permission_tags %}{% if user|can:"stations.set_policy" %}set{% else %}read{% endif %}')


def test_the_city_bureau_may_set_policy_in_a_template(city_bureau):
    assert TEMPLATE.render(Context({"user": city_bureau})) == "set"


def test_community_staff_may_not_set_policy_in_a_template(community_staff):
    assert TEMPLATE.render(Context({"user": community_staff})) == "read"
