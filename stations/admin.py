from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from stations import models


class SuperuserOnlyAdminSite(admin.AdminSite):
    """Django admin is for superusers only; staff work in /staff/."""

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


admin.site.__class__ = SuperuserOnlyAdminSite


@admin.register(models.User)
class PortalUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Region", {"fields": ("role", "district", "street", "community", "phone")}))
    list_display = ("username", "first_name", "role", "district", "street", "community", "is_active")
    list_filter = ("role", "is_active")


for model in (models.District, models.Street, models.Station, models.RelatedSite):
    admin.site.register(model)


@admin.register(models.Community)
class CommunityAdmin(admin.ModelAdmin):
    # The bureaus keep these two with a date and history on the region page
    # (stations.services.region); an edit here would bypass both.
    readonly_fields = ("urban_population", "community_worker_count")


@admin.register(models.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "object_repr", "ip_address")
    list_filter = ("action",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.TaskHandoff)
class TaskHandoffAdmin(admin.ModelAdmin):
    """Background work and how far it got; failed rows carry the error."""

    list_display = ("created_at", "task_name", "key", "state", "handovers", "runs", "error")
    list_filter = ("state", "task_name")
    search_fields = ("key",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.TextMessage)
class TextMessageAdmin(admin.ModelAdmin):
    """Text messages to residents and how each went (docs/messaging.md)."""

    list_display = ("created_at", "template", "status", "gateway", "sent_at", "reason")
    list_filter = ("status", "template", "gateway")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Notifications and how their e-mail and SMS went: sent, or failed with the reason."""

    list_display = ("created_at", "recipient", "kind", "email_status", "sms_status", "delivery_error")
    list_filter = ("email_status", "sms_status", "kind")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
