"""Staff accounts, each bound to one node of the region."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stations.fields import NormalizedCharField
from stations.scoping import ScopedQuerySet, ScopePaths

from .region import Community, District, Street


class Role(models.TextChoices):
    COMMUNITY_STAFF = "community_staff", _("Community staff")
    STREET_OFFICER = "street_officer", _("Street officer")
    DISTRICT_BUREAU = "district_bureau", _("District bureau")
    CITY_BUREAU = "city_bureau", _("City bureau")


_AccountManagerBase = UserManager.from_queryset(ScopedQuerySet)


class AccountManager(_AccountManagerBase):
    """The user manager with `visible_to(user)`."""

    use_in_migrations = True


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("district")
    )
    street = models.ForeignKey(
        Street, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("street")
    )
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("community")
    )
    phone = NormalizedCharField(_("phone"), max_length=20, blank=True)

    objects = AccountManager()
    # An account lies under every node above its own: a street officer sees
    # the accounts of their street and of its communities, not their district's.
    scope_paths = ScopePaths.via_own_node(district="district", street="street", community="community")

    class Meta:
        verbose_name = _("staff account")
        verbose_name_plural = _("staff accounts")
        constraints = [
            # The node matches the role: exactly the one foreign key of its level.
            models.CheckConstraint(
                name="user_node_matches_role",
                condition=(
                    Q(role="", district__isnull=True, street__isnull=True, community__isnull=True)
                    | Q(role=Role.CITY_BUREAU, district__isnull=True, street__isnull=True, community__isnull=True)
                    | Q(role=Role.DISTRICT_BUREAU, district__isnull=False, street__isnull=True, community__isnull=True)
                    | Q(role=Role.STREET_OFFICER, district__isnull=True, street__isnull=False, community__isnull=True)
                    | Q(role=Role.COMMUNITY_STAFF, district__isnull=True, street__isnull=True, community__isnull=False)
                ),
            )
        ]

    @property
    def is_region_staff(self) -> bool:
        return bool(self.role) and self.is_active

    @property
    def node(self):
        """The region node this account works in (None for the city)."""
        return self.community or self.street or self.district

    @property
    def display_name(self) -> str:
        """How pages, messages and exports name the account: the full name,
        or the username where none was given."""
        return self.get_full_name() or self.get_username()

    @property
    def node_label(self) -> str:
        from django.conf import settings

        node = self.node
        if node is None:
            return settings.PORTAL_CITY_NAME if self.role == Role.CITY_BUREAU else ""
        return str(node)

    def node_community_ids(self):
        """Pks of the communities in this account's node (all for the city)."""
        return Community.objects.visible_to(self).values_list("pk", flat=True)
