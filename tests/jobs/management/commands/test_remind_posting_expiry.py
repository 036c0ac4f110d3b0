import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories.jobs import PostingFactory

pytestmark = pytest.mark.django_db


def test_the_command_mails_the_employer_of_a_posting_about_to_expire_once(community):
    PostingFactory(
        employer__community=community,
        valid_until=timezone.localdate() + dt.timedelta(days=2),
        contact_email="hr@example.cn",
    )
    out = io.StringIO()

    call_command("remind_posting_expiry", stdout=out)
    call_command("remind_posting_expiry", stdout=out)

    assert out.getvalue().split() == ["1", "0"]
    assert [m.to for m in mail.outbox] == [["hr@example.cn"]]
