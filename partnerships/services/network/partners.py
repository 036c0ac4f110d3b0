"""Partners of the network and the embedded service points some of them host
(T14): a point is a public listing in the station finder while its partner
is active and hosts it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs import selectors as jobs_selectors
from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, Community, RelatedSite, Role, SiteKind, User
from stations.scoping import CityWideRead, city_wide
from stations.services.common import lock_visible, require, require_community_in_scope

from ...models import Partner, PartnerKind

# Kinds of partner that may host an embedded service point (T14).
SERVICE_POINT_KINDS = frozenset({PartnerKind.SHOP, PartnerKind.BANK, PartnerKind.PARCEL_STATION})

RULE = "partnerships.manage_network"
# Who to call at a partner and what it offers, as the staff form and the API
# both take them (hosting a service point is the service's own argument).
PARTNER_OFFER_FIELDS = (
    "contact_name",
    "contact_phone",
    "address",
    "offers_vacancies",
    "offers_training_venue",
    "offers_policy_publicity",
    "offers_sponsorship",
    "hosts_service_point",
)


def neighbour_communities(*, actor: User, lead: Community | None = None):
    """Communities that may share a partner with the lead (联建): those of the
    actor's street (community staff and street officers) or of the lead's
    district (bureaus). Sharing reaches past the actor's own scope on purpose:
    a community invites its neighbours."""
    qs = city_wide(Community, read=CityWideRead.NEIGHBOUR_COMMUNITIES).select_related("street")
    if actor.role == Role.COMMUNITY_STAFF and actor.community_id:
        return qs.filter(street_id=actor.community.street_id)
    if actor.role == Role.STREET_OFFICER and actor.street_id:
        return qs.filter(street_id=actor.street_id)
    if actor.role == Role.DISTRICT_BUREAU and actor.district_id:
        return qs.filter(street__district_id=actor.district_id)
    if actor.role == Role.CITY_BUREAU:
        return qs.filter(street__district_id=lead.street.district_id) if lead is not None else qs
    return qs.none()


def _partner_in_scope(actor: User, partner: Partner, *, lock: bool) -> Partner:
    return lock_visible(Partner, actor=actor, pk=partner.pk, lock=lock, error=PermissionDenied("partner out of scope"))


def _sync_service_point(partner: Partner, *, hosts: bool) -> RelatedSite | None:
    """Create, activate or deactivate the partner's embedded service point so
    the public station finder shows exactly the active ones.

    Name and address are copied only when the point is created: from then on
    the point is a public listing that staff keep on the related site page,
    and saving the partner must not overwrite what they set there. The
    contact person's phone is never copied: it is not for publishing."""
    site = partner.service_point
    wanted = hosts and partner.is_active
    if not wanted:
        if site is not None and site.is_active:
            site.is_active = False
            site.save(update_fields=["is_active"])
        return site
    if site is not None:
        if not site.is_active:
            site.is_active = True
            site.save(update_fields=["is_active"])
        return site
    site = RelatedSite(
        kind=SiteKind.EMBEDDED_POINT,
        community=partner.community,
        name=partner.name,
        address=partner.address,
        is_active=True,
    )
    site.full_clean()
    site.save()
    partner.service_point = site
    partner.save(update_fields=["service_point"])
    return site


@closed_months.guard(name="partnerships.services.network.partner_save", label=gettext_lazy("Save a partner"))
@transaction.atomic
def partner_save(
    *,
    actor: User,
    partner: Partner,
    communities: Iterable[Community] = (),
    hosts_service_point: bool = False,
    request=None,
) -> Partner:
    """Create or edit a partner. `communities` are the neighbouring communities
    that share it; the lead community is always among those served."""
    require(actor, RULE)
    creating = partner.pk is None
    kept: list[Community] = []
    if not creating:
        stored = _partner_in_scope(actor, partner, lock=False)
        # A neighbour that shares the partner sees it, but only the lead
        # community (or an officer above it) may edit it: otherwise a
        # neighbour could make itself the lead and drop the community that
        # brought the partner in.
        require_community_in_scope(actor, stored.community)
    require_community_in_scope(actor, partner.community_id and partner.community)
    if not creating:
        # The form only offers the communities the actor may choose; the
        # ones it cannot choose stay as they are.
        kept = list(
            stored.communities.exclude(pk=partner.community_id)
            .exclude(pk__in=neighbour_communities(actor=actor, lead=partner.community).values("pk"))
            .exclude(pk__in=Community.objects.visible_to(actor).values("pk"))
        )
    errors = {}
    shared = {c.pk: c for c in communities if c.pk != partner.community_id}
    allowed = set(
        neighbour_communities(actor=actor, lead=partner.community).filter(pk__in=shared).values_list("pk", flat=True)
    )
    outside = [c.name for pk, c in shared.items() if pk not in allowed]
    if outside:
        errors["communities"] = [
            _("Share a partner only with neighbouring communities of your street or district: %(names)s.")
            % {"names": "、".join(outside)}
        ]
    if hosts_service_point and partner.kind not in SERVICE_POINT_KINDS:
        errors["hosts_service_point"] = [_("Only a shop, a bank branch or a parcel station can host a service point.")]
    if partner.employer_id and not jobs_selectors.employer_is_visible(user=actor, pk=partner.employer_id):
        errors["employer"] = [_("Choose an employer record in your own area.")]
    try:
        partner.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    # An active partner counts for its lead community from its start date.
    closed_months.touch(
        communities=[partner.community_id, None if creating else stored.community_id],
        dates=[partner.partner_since, partner.ended_on, None if creating else stored.partner_since],
    )
    partner.save()
    served = [partner.community, *shared.values(), *(c for c in kept if c.pk not in shared)]
    partner.communities.set(served)
    _sync_service_point(partner, hosts=hosts_service_point)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=partner,
        request=request,
        changes={
            "communities": sorted(c.name for c in served),
            "service_point": bool(hosts_service_point),
        },
    )
    return partner


@closed_months.guard(name="partnerships.services.network.partner_end", label=gettext_lazy("End a partnership"))
@transaction.atomic
def partner_end(*, actor: User, partner: Partner, ended_on: dt.date | None = None, request=None) -> Partner:
    """End a partnership; its service point leaves the station finder."""
    require(actor, RULE)
    partner = _partner_in_scope(actor, partner, lock=True)
    require_community_in_scope(actor, partner.community)
    ended_on = ended_on or timezone.localdate()
    if partner.ended_on is not None:
        raise ValidationError(
            {"ended_on": _("This partnership already ended on %(date)s.") % {"date": partner.ended_on}}
        )
    if ended_on > timezone.localdate():
        raise ValidationError({"ended_on": _("The end date cannot be in the future.")})
    if ended_on < partner.partner_since:
        raise ValidationError({"ended_on": _("The end date cannot be before the start date.")})
    closed_months.touch(communities=[partner.community_id], dates=[ended_on])
    partner.ended_on = ended_on
    partner.save(update_fields=["ended_on"])
    _sync_service_point(partner, hosts=False)
    audit_record(
        actor=actor, action=AuditAction.TRANSITION, obj=partner, request=request, changes={"ended_on": ended_on}
    )
    return partner
