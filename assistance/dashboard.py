"""The assistance to-do panel on the staff dashboard."""

from stations.permissions import user_can


def todo_panel_context(request):
    from assistance.forms import ServiceRecordForm
    from assistance.selectors import todo_for

    user = request.user
    if not user_can(user, "assistance.view_case"):
        return None
    context = todo_for(user=user)
    context["can_record"] = user_can(user, "assistance.record_service")
    context["quick_form"] = ServiceRecordForm(today=context["today"])
    return context
