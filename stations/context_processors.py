from django.conf import settings

from stations import navigation


def portal(request):
    user = getattr(request, "user", None)
    context = {
        "PORTAL_CITY_NAME": settings.PORTAL_CITY_NAME,
        "public_nav_items": navigation.public_items(),
        "unread_notifications": 0,
        "staff_nav_items": [],
    }
    if user is not None and user.is_authenticated:
        context["unread_notifications"] = user.notifications.filter(read_at__isnull=True).count()
        context["staff_nav_items"] = navigation.staff_items(user)
    return context
