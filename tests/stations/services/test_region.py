"""The bureaus keep urban population and community workers with a date and
history (stations.services.region)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stations.models import AuditAction, AuditEntry, CommunityHeadcount
from stations.services.region import community_headcount_record, street_headcounts_record

TODAY = timezone.localdate


def _record(actor, community, *, on=None, population=9000, workers=15, note=""):
    return community_headcount_record(
        actor=actor,
        community=community,
        effective_from=on or TODAY(),
        urban_population=population,
        community_worker_count=workers,
        note=note,
    )


def test_a_district_bureau_records_figures_and_the_community_holds_them_from_today(district_bureau, community):
    row = _record(district_bureau, community, population=9000, workers=15, note="2026 survey")

    community.refresh_from_db()
    assert (community.urban_population, community.community_worker_count) == (9000, 15)
    assert (row.recorded_by, row.note) == (district_bureau, "2026 survey")


def test_the_first_record_keeps_the_figures_held_before_as_an_undated_row(district_bureau, community):
    _record(district_bureau, community)

    baseline = CommunityHeadcount.objects.get(community=community, effective_from__isnull=True)
    assert (baseline.urban_population, baseline.community_worker_count, baseline.recorded_by) == (8000, 12, None)


def test_a_back_dated_record_before_a_later_one_leaves_todays_figures(district_bureau, community):
    _record(district_bureau, community, on=TODAY() - dt.timedelta(days=10), population=9000, workers=15)
    _record(district_bureau, community, on=TODAY() - dt.timedelta(days=100), population=8500, workers=13)

    community.refresh_from_db()
    assert (community.urban_population, community.community_worker_count) == (9000, 15)
    assert community.headcounts.count() == 3


def test_a_record_dated_in_the_future_is_refused(district_bureau, community):
    with pytest.raises(ValidationError) as caught:
        _record(district_bureau, community, on=TODAY() + dt.timedelta(days=1))

    assert "effective_from" in caught.value.message_dict
    assert not CommunityHeadcount.objects.exists()


def test_a_negative_figure_is_refused(district_bureau, community):
    with pytest.raises(ValidationError) as caught:
        _record(district_bureau, community, workers=-1)

    assert "community_worker_count" in caught.value.message_dict


def test_each_record_is_audited_with_the_figures_before_and_after(district_bureau, community):
    _record(district_bureau, community, population=9000, workers=15)

    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(community.pk))
    assert entry.changes["urban_population"] == [8000, 9000]
    assert entry.changes["community_worker_count"] == [12, 15]


def test_a_district_bureau_cannot_record_for_another_districts_community(district_bureau, far_community):
    with pytest.raises(PermissionDenied):
        _record(district_bureau, far_community)

    assert not CommunityHeadcount.objects.exists()


def test_the_city_bureau_records_for_any_community(city_bureau, far_community):
    _record(city_bureau, far_community, workers=20)

    far_community.refresh_from_db()
    assert far_community.community_worker_count == 20


@pytest.mark.parametrize("role", ["community_staff", "street_officer"])
def test_community_staff_and_street_officers_only_read_the_figures(request, role, community):
    with pytest.raises(PermissionDenied):
        _record(request.getfixturevalue(role), community)


def test_a_streets_form_records_only_the_communities_whose_figures_changed(
    district_bureau, street, community, sibling_community
):
    rows = street_headcounts_record(
        actor=district_bureau,
        street=street,
        effective_from=TODAY(),
        figures={community.pk: (8000, 12), sibling_community.pk: (6000, 14)},
    )

    assert [r.community for r in rows] == [sibling_community]
    assert not CommunityHeadcount.objects.filter(community=community).exists()


def test_a_streets_form_with_one_bad_figure_records_nothing(district_bureau, street, community, sibling_community):
    with pytest.raises(ValidationError):
        street_headcounts_record(
            actor=district_bureau,
            street=street,
            effective_from=TODAY(),
            figures={community.pk: (9000, 15), sibling_community.pk: (6000, -2)},
        )

    community.refresh_from_db()
    assert community.urban_population == 8000
    assert not CommunityHeadcount.objects.exists()


def test_a_streets_form_cannot_carry_a_community_of_another_street(district_bureau, street, other_community):
    with pytest.raises(PermissionDenied):
        street_headcounts_record(
            actor=district_bureau, street=street, effective_from=TODAY(), figures={other_community.pk: (1, 1)}
        )
