"""API enums are named after their choice classes, so names stay stable."""

from django.conf import settings

from stations.models import EmploymentStatus, Role


def _overrides():
    return dict(settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].items())


def test_each_choice_class_gives_its_enum_name():
    overrides = _overrides()
    assert overrides["EmploymentStatusEnum"] is EmploymentStatus
    assert overrides["RoleEnum"] is Role


def test_choice_set_names_are_unique():
    values = [tuple(choices.values) for choices in _overrides().values()]
    assert len(values) == len(set(values))
