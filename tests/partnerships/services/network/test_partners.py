"""Partners of the network and their embedded service points."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from partnerships.models import (
    PartnerKind,
)
from partnerships.services.network.partners import partner_end, partner_save
from stations.closed_months import ClosedMonthError
from stations.models import AuditEntry, RelatedSite, Role, SiteKind
from stations.selectors import public_nearby_sites
from stations.validators import credit_code_check_char
from tests.factories import StationFactory, UserFactory
from tests.factories.jobs import EmployerFactory
from tests.factories.partnerships_network import (
    PartnerFactory,
    unsaved_partner,
)
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_partner_serves_its_lead_community_and_the_neighbours_chosen(community_staff, community, sibling_community):
    partner = partner_save(actor=community_staff, partner=unsaved_partner(community), communities=[sibling_community])
    assert set(partner.communities.all()) == {community, sibling_community}


def test_sharing_a_partner_outside_the_street_is_refused(community_staff, community, other_community):
    with pytest.raises(ValidationError) as exc:
        partner_save(actor=community_staff, partner=unsaved_partner(community), communities=[other_community])
    assert "communities" in exc.value.message_dict
    assert other_community.name in exc.value.message_dict["communities"][0]


def test_community_staff_cannot_lead_a_partner_for_another_community(community_staff, sibling_community):
    with pytest.raises(ValidationError) as exc:
        partner_save(actor=community_staff, partner=unsaved_partner(sibling_community))
    assert "community" in exc.value.message_dict


def test_a_bank_hosting_a_service_point_shows_on_the_station_finder(community_staff, community):
    station = StationFactory(community=community)
    partner = partner_save(actor=community_staff, partner=unsaved_partner(community), hosts_service_point=True)
    site = partner.service_point
    assert site.kind == SiteKind.EMBEDDED_POINT and site.is_active
    assert (site.community, site.name, site.address) == (community, "枣庄银行光明路支行", "光明路88号")
    assert site in public_nearby_sites(station=station)


def test_the_service_point_does_not_publish_the_contact_persons_phone(community_staff, community):
    partner = partner_save(
        actor=community_staff, partner=unsaved_partner(community, contact_phone="13863205678"), hosts_service_point=True
    )
    assert partner.service_point.phone == ""


def test_editing_the_partner_keeps_what_staff_set_on_its_service_point(community_staff, community):
    partner = partner_save(actor=community_staff, partner=unsaved_partner(community), hosts_service_point=True)
    RelatedSite.objects.filter(pk=partner.service_point_id).update(
        name="光明路支行便民服务点", address="光明路88号一楼", phone="0632-3310000"
    )
    partner.refresh_from_db()
    partner.address = "光明路90号"
    partner.contact_phone = "13863209999"
    partner_save(actor=community_staff, partner=partner, hosts_service_point=True)
    site = RelatedSite.objects.get()
    assert (site.name, site.address, site.phone) == ("光明路支行便民服务点", "光明路88号一楼", "0632-3310000")


def test_unticking_the_service_point_deactivates_it(community_staff, community):
    partner = partner_save(actor=community_staff, partner=unsaved_partner(community), hosts_service_point=True)
    partner_save(actor=community_staff, partner=partner, hosts_service_point=False)
    assert RelatedSite.objects.get().is_active is False


def test_ticking_it_again_reactivates_the_same_service_point(community_staff, community):
    partner = partner_save(actor=community_staff, partner=unsaved_partner(community), hosts_service_point=True)
    partner_save(actor=community_staff, partner=partner, hosts_service_point=False)
    partner_save(actor=community_staff, partner=partner, hosts_service_point=True)
    assert RelatedSite.objects.get().is_active is True


def test_ending_the_partnership_deactivates_the_service_point(community_staff, community):
    partner = partner_save(actor=community_staff, partner=unsaved_partner(community), hosts_service_point=True)
    ended = partner_end(actor=community_staff, partner=partner)
    assert ended.ended_on == TODAY()
    assert RelatedSite.objects.get().is_active is False


def test_an_enterprise_cannot_host_a_service_point(community_staff, community):
    with pytest.raises(ValidationError) as exc:
        partner_save(
            actor=community_staff,
            partner=unsaved_partner(community, kind=PartnerKind.ENTERPRISE),
            hosts_service_point=True,
        )
    assert "hosts_service_point" in exc.value.message_dict


def test_ending_twice_is_refused_with_the_date(community_staff, community):
    partner = partner_save(actor=community_staff, partner=unsaved_partner(community))
    partner_end(actor=community_staff, partner=partner)
    with pytest.raises(ValidationError) as exc:
        partner_end(actor=community_staff, partner=partner)
    assert "ended_on" in exc.value.message_dict


def test_partner_of_another_community_cannot_be_edited(other_community_staff, community):
    partner = PartnerFactory(community=community)
    with pytest.raises(PermissionDenied):
        partner_save(actor=other_community_staff, partner=partner)


def test_a_neighbour_sharing_a_partner_cannot_make_itself_the_lead(community, sibling_community):
    neighbour = UserFactory(role=Role.COMMUNITY_STAFF, community=sibling_community)
    partner = PartnerFactory(community=community, communities=[sibling_community])
    partner.community = sibling_community
    with pytest.raises(ValidationError) as exc:
        partner_save(actor=neighbour, partner=partner)
    assert "community" in exc.value.message_dict
    partner.refresh_from_db()
    assert partner.community == community
    assert set(partner.communities.all()) == {community, sibling_community}


def test_editing_keeps_the_communities_the_editor_cannot_choose(community_staff, community, other_community):
    # Shared with a community of another street (recorded before it moved, or
    # loaded), which the lead community's staff are not offered.
    partner = PartnerFactory(community=community, communities=[other_community])
    partner.address = "光明路90号"
    partner_save(actor=community_staff, partner=partner, communities=[])
    assert set(partner.communities.all()) == {community, other_community}


def test_the_lead_can_stop_sharing_with_a_neighbour(community_staff, community, sibling_community):
    partner = partner_save(actor=community_staff, partner=unsaved_partner(community), communities=[sibling_community])
    partner_save(actor=community_staff, partner=partner, communities=[])
    assert list(partner.communities.all()) == [community]


def test_a_credit_code_is_stored_in_capitals(community_staff, community):
    code = "91370402MA3C4D5E6"
    code += credit_code_check_char(code)
    partner = partner_save(actor=community_staff, partner=unsaved_partner(community, credit_code=code.lower()))
    partner.refresh_from_db()
    assert partner.credit_code == code


def test_employer_record_must_be_in_scope(community_staff, community, far_community):
    employer = EmployerFactory(community=far_community)
    with pytest.raises(ValidationError) as exc:
        partner_save(actor=community_staff, partner=unsaved_partner(community, employer=employer))
    assert "employer" in exc.value.message_dict


def test_saving_a_partner_is_audited(community_staff, community):
    partner = partner_save(actor=community_staff, partner=unsaved_partner(community))
    assert AuditEntry.objects.filter(object_id=str(partner.pk), action="create").exists()


# --- closed months: the partner network ----------------------------------------
def test_a_partner_cannot_be_dated_to_start_in_a_closed_month(community_staff, community, month):
    partner = PartnerFactory(community=community, partner_since=timezone.localdate())
    close_month(community=community, by=community_staff)
    partner.partner_since = day_in(month)
    with pytest.raises(ClosedMonthError):
        partner_save(actor=community_staff, partner=partner)


def test_a_partnership_cannot_end_in_a_closed_month(community_staff, community, month, before):
    partner = PartnerFactory(community=community, partner_since=before)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        partner_end(actor=community_staff, partner=partner, ended_on=day_in(month))
