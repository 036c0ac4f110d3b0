"""The models of the resident's requests."""

import datetime as dt

from django.utils import timezone

from self_service import services
from self_service.models import DataRequest
from stations.models import Resident


def test_a_change_request_shows_each_change_with_its_label_and_choices(resident):
    change = services.change_request_create(resident=resident, data={"wanted_work_pattern": "part_time"})

    field = Resident._meta.get_field("wanted_work_pattern")

    [(label, _old, new)] = change.rows()

    assert (label, new) == (str(field.verbose_name), dict(field.flatchoices)["part_time"])


def test_a_data_request_is_open_until_answered(community_staff, resident):
    request = DataRequest.objects.create(
        resident=resident, kind="deletion", details="删除旧地址", due_on=dt.date.today()
    )
    opened = request.is_open
    request.outcome, request.answer = "done", "已删除"
    request.answered_by, request.answered_at = community_staff, timezone.now()

    assert (opened, request.is_open) == (True, False)
