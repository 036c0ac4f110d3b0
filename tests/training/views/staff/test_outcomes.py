"""Staff pages of what training led to."""

from django.urls import reverse

from tests.factories import ResidentFactory
from tests.factories.training import TrainingNeedFactory


def test_the_rates_page_falls_back_to_districts_for_an_unknown_grouping(client, city_bureau):
    client.force_login(city_bureau)

    response = client.get(reverse("training:rates"), {"by": "shoe_size"})

    assert response.status_code == 200 and response.context["group_by"] == "district"


def test_the_loop_page_counts_the_wishes_of_the_period(client, city_bureau, community):
    TrainingNeedFactory(resident=ResidentFactory(community=community))
    client.force_login(city_bureau)

    response = client.get(reverse("training:loop"))

    assert [row["wishes"] for row in response.context["rows"]] == [1]
