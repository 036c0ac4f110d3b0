import datetime as dt

from assistance.forms import CaseOpenForm, CompliancePeriodForm
from stations.models import User


def test_a_period_ending_before_it_starts_is_refused_on_its_end():
    form = CompliancePeriodForm({"period_start": "2026-10-31", "period_end": "2026-10-01", "level": "community"})
    assert not form.is_valid()
    assert list(form.errors) == ["period_end"]


def test_the_case_form_offers_the_user_as_assignee_when_they_may_hold_the_case(community_staff, street_officer):
    today = dt.date(2026, 10, 1)
    staff = User.objects.filter(pk=community_staff.pk)
    mine = CaseOpenForm(staff_queryset=staff, user=community_staff, today=today)
    theirs = CaseOpenForm(staff_queryset=staff, user=street_officer, today=today)
    assert (mine.fields["assigned_to"].initial, theirs.fields["assigned_to"].initial) == (community_staff.pk, None)
    assert mine.fields["opened_on"].initial == today
