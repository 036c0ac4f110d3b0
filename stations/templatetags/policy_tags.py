"""Showing policy parameter values: numbers grouped, yes/no, JSON as code."""

import json

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def policy_value(value, unit=""):
    if isinstance(value, bool):
        return format_html("<strong>{}</strong>", _("yes") if value else _("no"))
    if isinstance(value, int | float):
        # Amounts read the way bureau documents print them: 12,000 yuan.
        return format_html("<strong>{}</strong>{}", f"{value:,}", f" {unit}" if unit else "")
    if isinstance(value, list | dict):
        return format_html('<code class="json">{}</code>', json.dumps(value, ensure_ascii=False))
    return format_html("<strong>{}</strong>{}", value, f" {unit}" if unit else "")
