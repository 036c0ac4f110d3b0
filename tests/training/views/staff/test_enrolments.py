"""Staff pages of enrolments."""

from django.urls import reverse

from tests.factories import ResidentFactory
from training.models import Enrolment


def test_staff_enrol_a_resident_by_id_number_and_stay_on_the_class(client, community_staff, community, open_class):
    resident = ResidentFactory(community=community)
    client.force_login(community_staff)

    response = client.post(
        reverse("training:enrol"), {"training_class": open_class.pk, "resident": resident.id_number, "note": ""}
    )

    assert response.status_code == 302 and response.url.endswith(f"?class={open_class.pk}")
    assert Enrolment.objects.filter(resident=resident, training_class=open_class).exists()


def test_an_unknown_id_number_keeps_the_form_and_enrols_no_one(client, community_staff, open_class):
    client.force_login(community_staff)

    response = client.post(
        reverse("training:enrol"), {"training_class": open_class.pk, "resident": "11010519491231002X", "note": ""}
    )

    assert response.status_code == 200
    assert not Enrolment.objects.exists()
