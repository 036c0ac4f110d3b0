from assistance.models import CaseStatus
from config.api_schema import ChoiceEnumNames


def test_each_choice_set_is_named_after_its_class():
    names = ChoiceEnumNames("assistance")
    assert names["CaseStatusEnum"] is CaseStatus


def test_only_the_given_apps_choices_are_named():
    names = ChoiceEnumNames("assistance")
    assert all(cls.__module__.startswith("assistance.") for cls in names.values())
    assert len(names) == len(list(names))
