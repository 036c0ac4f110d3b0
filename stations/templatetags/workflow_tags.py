"""`{% for step in posting|steps_for:request.user %}`: the workflow steps a
user may take on a record now, as its model's declared `workflow` says, so a
template never decides from the state itself which buttons to show."""

from django import template

register = template.Library()


@register.filter
def steps_for(obj, user) -> list:
    workflow = getattr(type(obj), "workflow", None)
    return workflow.allowed(obj, user) if workflow is not None else []
