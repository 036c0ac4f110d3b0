from django.urls import reverse

from tests.factories.users import UserFactory


def test_account_list_links_each_account_to_its_training_record(client, district_bureau, community):
    account = UserFactory(community=community)
    client.force_login(district_bureau)

    body = client.get(reverse("stations:account_list")).content.decode()

    assert reverse("partnerships:staff_training_person", kwargs={"user_pk": account.pk}) in body


def test_resident_record_offers_the_residents_labour_projects(client, community_staff, community):
    from tests.factories import ResidentFactory

    resident = ResidentFactory(community=community)
    client.force_login(community_staff)

    body = client.get(reverse("stations:resident_detail", kwargs={"pk": resident.pk})).content.decode()

    assert reverse("partnerships:resident_project_placements", kwargs={"resident_pk": resident.pk}) in body
