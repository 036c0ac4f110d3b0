"""Staff pages of classes."""

from django.urls import reverse

from tests.factories.training import TrainingClassFactory
from training.models import ClassStatus


def test_the_bureau_cancels_an_open_class_from_its_page(client, district_bureau, open_class):
    client.force_login(district_bureau)

    response = client.post(reverse("training:class_status", kwargs={"pk": open_class.pk}), {"status": "cancelled"})

    assert response.status_code == 302
    open_class.refresh_from_db()
    assert open_class.status == ClassStatus.CANCELLED


def test_a_class_of_another_district_answers_404(client, community_staff, far_community):
    far = TrainingClassFactory(community=far_community)
    client.force_login(community_staff)

    assert client.get(reverse("training:class_detail", kwargs={"pk": far.pk})).status_code == 404
