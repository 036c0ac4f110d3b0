import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from stations.models import Notification
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import SubsidyApplicationFactory


def test_the_command_reminds_as_of_the_day_it_is_given(street_officer, community, capsys):
    application = SubsidyApplicationFactory(resident=ResidentFactory(community=community), status="submitted")
    type(application).objects.filter(pk=application.pk).update(status_changed_at=timezone.now())
    call_command("remind_subsidy_reviewers")
    later = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    call_command("remind_subsidy_reviewers", "--today", later)
    assert capsys.readouterr().out.splitlines() == ["0 reminder(s) sent.", "1 reminder(s) sent."]
    assert Notification.objects.get().recipient == street_officer
