"""Staff pages of classes."""

import re

from django.urls import reverse

from tests.factories.training import TrainingClassFactory
from training.models import ClassStatus


def test_the_bureau_cancels_an_open_class_from_its_page(client, district_bureau, open_class):
    client.force_login(district_bureau)

    response = client.post(reverse("training:class_step", kwargs={"pk": open_class.pk}), {"step": "cancel"})

    assert response.status_code == 302
    open_class.refresh_from_db()
    assert open_class.status == ClassStatus.CANCELLED


def test_a_class_of_another_district_answers_404(client, community_staff, far_community):
    far = TrainingClassFactory(community=far_community)
    client.force_login(community_staff)

    assert client.get(reverse("training:class_detail", kwargs={"pk": far.pk})).status_code == 404


def test_the_class_page_offers_the_bureau_only_the_steps_its_status_allows(client, district_bureau, open_class):
    client.force_login(district_bureau)

    page = client.get(reverse("training:class_detail", kwargs={"pk": open_class.pk})).content.decode()

    assert re.findall(r'name="step" value="([a-z]+)"', page) == ["start", "cancel", "replan"]


def test_the_class_page_offers_community_staff_no_step(client, community_staff, open_class):
    client.force_login(community_staff)

    page = client.get(reverse("training:class_detail", kwargs={"pk": open_class.pk})).content.decode()

    assert 'name="step"' not in page


def test_a_step_the_status_does_not_allow_comes_back_as_an_error_message(client, district_bureau, open_class):
    client.force_login(district_bureau)

    response = client.post(
        reverse("training:class_step", kwargs={"pk": open_class.pk}), {"step": "finish"}, follow=True
    )

    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    open_class.refresh_from_db()
    assert open_class.status == ClassStatus.OPEN


def test_an_unknown_step_answers_404(client, district_bureau, open_class):
    client.force_login(district_bureau)

    assert client.post(reverse("training:class_step", kwargs={"pk": open_class.pk}), {"step": "x"}).status_code == 404
