"""Who did what to which record, and who looked at whose personal data."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.scoping import ScopedQuerySet, ScopePaths

from .region import Community, District, Street


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed full record")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    REMOVE = "remove", _("Removed")
    EXPORT = "export", _("Exported")
    IMPORT = "import", _("Imported")
    TRANSITION = "transition", _("Workflow step")
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    LOGOUT = "logout", _("Signed out")
    PERMISSION_DENIED = "permission_denied", _("Permission refused")
    ACCOUNT = "account", _("Account change")
    MERGE = "merge", _("Merged duplicate records")
    MERGE_UNDONE = "merge_undone", _("Undid a merge")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # Accounts are deactivated, never deleted, so the trail always names a person.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    path = models.CharField(max_length=300, blank=True)
    # Where the record sits in the region, copied so the trail can be scoped
    # without joining every audited model.
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    street = models.ForeignKey(Street, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    scope_paths = ScopePaths(district="district", street="street", community="community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()} {self.object_repr}"
