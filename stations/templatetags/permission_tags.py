"""`{% if user|can:"app.rule" %}`: the role rules of stations.permissions in a
template, so a link shows only to those the view behind it lets in."""

from django import template

from stations.permissions import user_can

register = template.Library()


@register.filter
def can(user, permission: str) -> bool:
    return user_can(user, permission)
