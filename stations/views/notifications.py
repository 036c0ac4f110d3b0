"""The notification centre at /staff/notifications/: each account's own
notifications; marking one or all read is a POST."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from stations.models import Notification
from stations.selectors import notification_get, notification_list
from stations.services import notification_mark_read, notifications_mark_all_read
from stations.views.mixins import StaffRequiredMixin

PAGE_SIZE = 30


def _back(request):
    url = reverse("stations:notification_list")
    return f"{url}?unread=1" if request.POST.get("unread") == "1" else url


class NotificationListView(StaffRequiredMixin, TemplateView):
    template_name = "stations/notification_list.html"

    def get_context_data(self, **kwargs):
        unread_only = self.request.GET.get("unread") == "1"
        notifications = notification_list(user=self.request.user, unread_only=unread_only)
        page = Paginator(notifications, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=page,
            notifications=page.object_list,
            unread_only=unread_only,
            query_string="unread=1" if unread_only else "",
            **kwargs,
        )


class NotificationReadView(StaffRequiredMixin, View):
    """Mark one of your notifications read; with `open`, go on to its link."""

    model = Notification
    http_method_names = ["post"]

    def post(self, request, pk):
        notification = notification_get(user=request.user, pk=pk)
        notification_mark_read(user=request.user, notification=notification)
        link = notification.link
        if (
            request.POST.get("open")
            and link
            and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}, require_https=False)
        ):
            return redirect(link)
        return redirect(_back(request))


class NotificationReadAllView(StaffRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        count = notifications_mark_all_read(user=request.user)
        messages.success(request, _("%(count)s notifications marked read.") % {"count": count})
        return redirect(_back(request))


urlpatterns = [
    path("notifications/", NotificationListView.as_view(), name="notification_list"),
    path("notifications/<int:pk>/read/", NotificationReadView.as_view(), name="notification_read"),
    path("notifications/read-all/", NotificationReadAllView.as_view(), name="notification_read_all"),
]
