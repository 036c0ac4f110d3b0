"""Links that show only to those the view behind them lets in.

`{% url_if_allowed "jobs:posting_edit" pk=posting.pk as edit_url %}` is
`{% url %}` that gives "" when the signed-in user's role lacks the
`permission` rule of the view the URL leads to
(stations.permissions.allowed_url). `{% if user|can:"app.rule" %}` asks a
rule by name, for what is not a link (a form's button, a column).
"""

from django import template

from stations.permissions import allowed_url, user_can

register = template.Library()


@register.filter
def can(user, permission: str) -> bool:
    return user_can(user, permission)


@register.simple_tag(takes_context=True)
def url_if_allowed(context, viewname, *args, **kwargs) -> str:
    return allowed_url(context.get("user"), viewname, *args, **kwargs)
