"""Showing policy parameter values (stations/templatetags/policy_tags.py)."""

from django.utils import translation

from stations.templatetags.policy_tags import policy_value


def test_an_amount_is_grouped_in_thousands_with_its_unit():
    assert policy_value(12000, "yuan") == "<strong>12,000</strong> yuan"


def test_a_yes_no_value_is_shown_in_words():
    with translation.override("en"):
        assert policy_value(True) == "<strong>yes</strong>"


def test_a_structured_value_is_shown_as_json_code_and_escaped():
    shown = policy_value({"3": 1, "<b>": "社区"})
    assert shown.startswith('<code class="json">') and "&lt;b&gt;" in shown and "社区" in shown
