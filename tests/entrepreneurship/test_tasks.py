import datetime as dt

from django.utils import timezone

from entrepreneurship.tasks import remind_subsidy_reviewers
from stations.models import Notification
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import SubsidyApplicationFactory


def test_the_daily_job_reminds_the_street_of_a_waiting_application_once(street_officer, community):
    application = SubsidyApplicationFactory(resident=ResidentFactory(community=community), status="submitted")
    type(application).objects.filter(pk=application.pk).update(status_changed_at=timezone.now() - dt.timedelta(days=10))
    assert (remind_subsidy_reviewers.apply().get(), remind_subsidy_reviewers.apply().get()) == (1, 0)
    assert Notification.objects.get().recipient == street_officer
