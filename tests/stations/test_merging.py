"""Finding every relation to a resident without naming the apps (stations/merging.py)."""

from stations.merging import resident_relations


def test_every_relation_to_a_resident_is_found_without_stations_naming_the_apps():
    labels = {r.label for r in resident_relations()}
    assert {
        "stations.servicerecord",
        "assistance.assistancecase",
        "training.enrolment",
        "entrepreneurship.subsidyapplication",
        "jobs.recommendation",
        "jobs.placement",
        "partnerships.projectplacement",
        "entrepreneurship.business_founders",
    } <= labels
    assert "stations.residentmerge" not in labels
