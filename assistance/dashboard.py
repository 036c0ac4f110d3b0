"""The assistance to-do panel on the staff dashboard: the user's own cases,
and for street officers and district bureaus every overdue case of their
communities, whoever works it."""

from stations.permissions import user_can


def todo_panel_context(request):
    from assistance.forms import ServiceRecordForm
    from assistance.selectors import AREA_OVERDUE_ROLES, overdue_in_scope, todo_for

    user = request.user
    if not user_can(user, "assistance.view_case"):
        return None
    context = todo_for(user=user)
    context["can_record"] = user_can(user, "assistance.record_service")
    context["quick_form"] = ServiceRecordForm(today=context["today"])
    context["area"] = overdue_in_scope(user=user, today=context["today"]) if user.role in AREA_OVERDUE_ROLES else None
    # Officers rarely hold cases themselves: their own lists show only when they do.
    context["show_mine"] = context["area"] is None or bool(
        context["overdue"] or context["due_soon"] or context["new_cases"]
    )
    return context


def help_panel_context(request):
    """Help requests from the public page waiting for an answer in the
    user's node; hidden when there are none."""
    from assistance.selectors.help import help_request_todo

    if not user_can(request.user, "assistance.view_help_request"):
        return None
    context = help_request_todo(user=request.user)
    return context if context["total"] else None
