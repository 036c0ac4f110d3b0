"""Staff station and related-site pages (/staff/stations/)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stations.models import AuditEntry, RelatedSite, SiteKind, Station, StationService, StationStatus
from tests.factories import RelatedSiteFactory, StationFactory


def _station_post(community, **over):
    data = {
        "name": "光明路就业驿站",
        "community": community.pk,
        "status": StationStatus.OPEN,
        "address": "光明路1号",
        "opening_hours": "周一至周五 8:30-17:30",
        "phone": "0632-3311234",
        "latitude": "34.864000",
        "longitude": "117.556000",
        "operator_kind": "public",
        "operator_name": "",
        "services": list(StationService.objects.values_list("pk", flat=True)[:4]),
        "served_communities": [community.pk],
        "note": "",
    }
    data.update(over)
    return data


def test_station_list_shows_only_stations_in_scope(staff_client, community, other_community):
    StationFactory(community=community, name="本社区驿站")
    StationFactory(community=other_community, name="别处驿站")
    html = staff_client.get(reverse("stations:station_list")).content.decode()
    assert "本社区驿站" in html
    assert "别处驿站" not in html


def _list_queries(client, url, make, count):
    for _ in range(count):
        make()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_station_list_query_count_is_fixed(staff_client, community, django_assert_max_num_queries):
    def make():
        StationFactory(community=community).services.set(StationService.objects.all()[:2])

    url = reverse("stations:station_list")
    assert _list_queries(staff_client, url, make, 2) == _list_queries(staff_client, url, make, 30)
    # session, user, header (node, notifications), count, page, services, session save
    with django_assert_max_num_queries(12):
        staff_client.get(url)


def test_related_site_list_query_count_is_fixed(staff_client, community):
    url = reverse("stations:site_list")

    def make():
        RelatedSiteFactory(community=community)

    assert _list_queries(staff_client, url, make, 2) == _list_queries(staff_client, url, make, 30)


def test_staff_creates_a_station_with_services_and_served_communities(staff_client, community):
    response = staff_client.post(reverse("stations:station_create"), _station_post(community))
    assert response.status_code == 302
    station = Station.objects.get(name="光明路就业驿站")
    assert station.services.count() == 4
    assert list(station.served_communities.all()) == [community]
    assert AuditEntry.objects.filter(object_id=str(station.pk), action="create").exists()


def test_create_form_starts_in_the_name_field_with_own_community(staff_client, community):
    html = staff_client.get(reverse("stations:station_create")).content.decode()
    assert 'name="name"' in html and "autofocus" in html
    assert 'accesskey="s"' in html
    assert f'<option value="{community.pk}" selected>' in html


def test_form_error_keeps_what_was_typed(staff_client, community):
    response = staff_client.post(reverse("stations:station_create"), _station_post(community, phone=""))
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert "光明路1号" in response.content.decode()


def test_host_community_outside_scope_is_refused(staff_client, community, other_community):
    response = staff_client.post(reverse("stations:station_create"), _station_post(other_community))
    assert response.status_code == 200
    assert "community" in response.context["form"].errors
    assert not Station.objects.exists()


def test_served_community_outside_scope_is_not_offered(staff_client, community, other_community):
    response = staff_client.post(
        reverse("stations:station_create"), _station_post(community, served_communities=[other_community.pk])
    )
    assert "served_communities" in response.context["form"].errors


def test_edit_keeps_served_communities_outside_the_editors_area(staff_client, community, other_community):
    station = StationFactory(community=community)
    station.served_communities.set([community, other_community])
    response = staff_client.post(
        reverse("stations:station_update", args=[station.pk]), _station_post(community, name="新名字")
    )
    assert response.status_code == 302
    station.refresh_from_db()
    assert station.name == "新名字"
    assert set(station.served_communities.all()) == {community, other_community}


def test_edit_is_audited_field_by_field(staff_client, community):
    station = StationFactory(community=community, phone="0632-1111111")
    staff_client.post(reverse("stations:station_update", args=[station.pk]), _station_post(community))
    entry = AuditEntry.objects.get(object_id=str(station.pk), action="update")
    assert entry.changes["phone"] == ["0632-1111111", "0632-3311234"]
    assert "services" in entry.changes


def test_station_out_of_scope_answers_404(staff_client, other_community):
    station = StationFactory(community=other_community)
    assert staff_client.get(reverse("stations:station_update", args=[station.pk])).status_code == 404
    assert staff_client.post(reverse("stations:station_update", args=[station.pk]), {}).status_code == 404


def test_street_officer_edits_any_station_in_the_street(client, street_officer, sibling_community):
    station = StationFactory(community=sibling_community)
    client.force_login(street_officer)
    assert client.get(reverse("stations:station_update", args=[station.pk])).status_code == 200


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("stations:station_list"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_save_and_add_another_returns_to_an_empty_form(staff_client, community):
    response = staff_client.post(reverse("stations:station_create"), _station_post(community, _addanother="1"))
    assert response.url == reverse("stations:station_create")


def test_staff_creates_and_edits_a_related_site(staff_client, community):
    data = {"kind": SiteKind.MICRO_FACTORY, "name": "光明微工厂", "community": community.pk, "is_active": "on"}
    assert staff_client.post(reverse("stations:site_create"), data).status_code == 302
    site = RelatedSite.objects.get(name="光明微工厂")
    data.update(name="光明微工厂二号", is_active="")
    assert staff_client.post(reverse("stations:site_update", args=[site.pk]), data).status_code == 302
    site.refresh_from_db()
    assert (site.name, site.is_active) == ("光明微工厂二号", False)
    assert AuditEntry.objects.filter(object_id=str(site.pk), action="update").exists()


def test_related_site_list_is_scoped(staff_client, community, other_community):
    RelatedSiteFactory(community=community, name="我的工厂")
    RelatedSiteFactory(community=other_community, name="别人的工厂")
    html = staff_client.get(reverse("stations:site_list")).content.decode()
    assert "我的工厂" in html and "别人的工厂" not in html


def test_related_site_out_of_scope_answers_404(staff_client, other_community):
    site = RelatedSiteFactory(community=other_community)
    assert staff_client.get(reverse("stations:site_update", args=[site.pk])).status_code == 404


def test_stations_menu_item_is_shown_to_staff(staff_client):
    html = staff_client.get(reverse("stations:site_list")).content.decode()
    assert f'href="{reverse("stations:station_list")}" accesskey="o"' in html
