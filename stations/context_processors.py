from django.conf import settings
from django.utils.functional import SimpleLazyObject

from stations import navigation


def _unread_count(request):
    """The header's unread count: one COUNT, only on pages that show it."""
    from stations.selectors import unread_notification_count

    def count():
        if not hasattr(request, "_unread_notifications"):
            request._unread_notifications = unread_notification_count(user=request.user)
        return request._unread_notifications

    return SimpleLazyObject(count)


def portal(request):
    user = getattr(request, "user", None)
    context = {
        "PORTAL_CITY_NAME": settings.PORTAL_CITY_NAME,
        "public_nav_items": navigation.public_items(),
        "unread_notifications": 0,
        "staff_nav_items": [],
    }
    if user is not None and user.is_authenticated:
        context["unread_notifications"] = _unread_count(request)
        context["staff_nav_items"] = navigation.staff_items(user)
    return context
