"""The one way a record changes state: a declared step, applied under a lock
in the actor's scope, with its event row and audit entry."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template

from entrepreneurship.models import ApplicationEvent, ApplicationStatus, SubsidyApplication
from stations.models import AuditAction, AuditEntry, Role
from stations.workflows import EventLog, Step, Workflow
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import SubsidyApplicationFactory, paid_application

S = ApplicationStatus
# A workflow over an existing model, declared here so the primitive is tested
# on its own terms rather than through one app's rules.
WORKFLOW = Workflow(
    state_field="status",
    changed_at_field="status_changed_at",
    steps=[
        Step("submit", {S.DRAFT}, S.SUBMITTED, "Submit", roles={Role.COMMUNITY_STAFF}),
        Step("street_check", {S.SUBMITTED}, S.STREET_CHECKED, "Check", roles={Role.STREET_OFFICER}),
        Step("return", {S.SUBMITTED, S.STREET_CHECKED}, S.DRAFT, "Return"),
    ],
    event=EventLog(
        model_path="entrepreneurship.ApplicationEvent",
        subject="application",
        step="transition",
        from_state="from_status",
        to_state="to_status",
    ),
)


@pytest.fixture
def application(community):
    return SubsidyApplicationFactory(resident=ResidentFactory(community=community))


def test_allowed_lists_the_steps_open_to_the_users_role_from_the_current_state(application, community_staff):
    assert [s.name for s in WORKFLOW.allowed(application, community_staff)] == ["submit"]


def test_a_step_without_roles_is_open_to_every_role(application, street_officer):
    application.status = S.SUBMITTED
    assert [s.name for s in WORKFLOW.allowed(application, street_officer)] == ["street_check", "return"]


def test_apply_moves_the_state_and_writes_the_event_and_the_audit_entry(application, community_staff):
    WORKFLOW.apply(
        queryset=SubsidyApplication.objects, obj=application, step="submit", actor=community_staff, note="ok"
    )

    assert application.status == S.SUBMITTED
    event = ApplicationEvent.objects.get(application=application)
    assert (event.transition, event.from_status, event.to_status, event.actor, event.note) == (
        "submit",
        S.DRAFT,
        S.SUBMITTED,
        community_staff,
        "ok",
    )
    entry = AuditEntry.objects.get(action=AuditAction.TRANSITION, object_id=str(application.pk))
    assert entry.changes["status"] == [S.DRAFT, S.SUBMITTED]


def test_apply_refuses_a_step_from_the_wrong_state_and_changes_nothing(application, street_officer):
    with pytest.raises(ValidationError) as refused:
        WORKFLOW.apply(queryset=SubsidyApplication.objects, obj=application, step="street_check", actor=street_officer)

    assert refused.value.code == "state"
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert not ApplicationEvent.objects.exists()


def test_a_workflow_may_word_the_wrong_state_refusal_for_its_records(application, street_officer):
    worded = Workflow(state_field="status", steps=list(WORKFLOW), state_message="%(step)s: not from %(state)s")
    with pytest.raises(ValidationError) as refused:
        worded.apply(queryset=SubsidyApplication.objects, obj=application, step="street_check", actor=street_officer)

    assert refused.value.messages[0].startswith("Check: not from ")


def test_conflict_error_turns_a_refused_constraint_into_the_callers_error(application, community_staff):
    paid_application(resident=application.resident, kind=application.kind)
    with pytest.raises(ValidationError) as refused:
        WORKFLOW.apply(
            queryset=SubsidyApplication.objects,
            obj=application,
            step="submit",
            actor=community_staff,
            conflict_error=lambda locked: ValidationError(f"slot held for {locked.pk}", code="once"),
        )

    assert refused.value.code == "once"
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_apply_refuses_a_role_the_step_is_not_open_to(application, street_officer):
    with pytest.raises(PermissionDenied):
        WORKFLOW.apply(queryset=SubsidyApplication.objects, obj=application, step="submit", actor=street_officer)


def test_apply_refuses_a_record_outside_the_actors_scope(application, other_community_staff):
    with pytest.raises(ValidationError) as refused:
        WORKFLOW.apply(queryset=SubsidyApplication.objects, obj=application, step="submit", actor=other_community_staff)

    assert refused.value.code == "scope"


def test_apply_refuses_an_unknown_step(application, community_staff):
    with pytest.raises(ValidationError) as refused:
        WORKFLOW.apply(queryset=SubsidyApplication.objects, obj=application, step="pay", actor=community_staff)

    assert refused.value.code == "unknown_step"


def test_a_check_that_refuses_leaves_the_record_as_it_was(application, community_staff):
    def check(locked):
        raise ValidationError({"note": "missing"})

    with pytest.raises(ValidationError):
        WORKFLOW.apply(
            queryset=SubsidyApplication.objects, obj=application, step="submit", actor=community_staff, check=check
        )

    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_a_check_can_set_fields_that_are_saved_with_the_step(application, community_staff):
    def check(locked):
        locked.decision_note = "checked under the lock"
        return ["decision_note"]

    WORKFLOW.apply(
        queryset=SubsidyApplication.objects, obj=application, step="submit", actor=community_staff, check=check
    )

    application.refresh_from_db()
    assert application.decision_note == "checked under the lock"


def test_after_runs_once_the_state_is_saved_with_the_previous_state(application, community_staff):
    seen = []
    WORKFLOW.apply(
        queryset=SubsidyApplication.objects,
        obj=application,
        step="submit",
        actor=community_staff,
        after=lambda locked, previous: seen.append((locked.status, previous)),
    )

    assert seen == [(S.SUBMITTED, S.DRAFT)]


def test_steps_for_filter_reads_the_models_declared_workflow(application, community_staff, monkeypatch):
    monkeypatch.setattr(SubsidyApplication, "workflow", WORKFLOW, raising=False)
    rendered = Template("{% load workflow_tags %}{% for s in obj|steps_for:user %}{{ s.name }};{% endfor %}").render(
        Context({"obj": application, "user": community_staff})
    )

    assert rendered == "submit;"


def test_before_runs_after_the_checks_and_ahead_of_the_save(application, community_staff):
    seen = []

    def check(locked):
        seen.append("check")

    def before(locked):
        stored = SubsidyApplication.objects.values_list("status", flat=True).get(pk=locked.pk)
        seen.append(("before", stored))

    WORKFLOW.apply(
        queryset=SubsidyApplication.objects,
        obj=application,
        step="submit",
        actor=community_staff,
        check=check,
        before=before,
    )

    assert seen == ["check", ("before", S.DRAFT)]
    assert application.status == S.SUBMITTED


def test_a_step_naming_a_rule_is_open_to_the_roles_of_that_rule(application, community_staff, city_bureau):
    ruled = Workflow(
        state_field="status", steps=[Step("submit", {S.DRAFT}, S.SUBMITTED, "Submit", rule="stations.set_policy")]
    )

    assert [s.name for s in ruled.allowed(application, city_bureau)] == ["submit"]
    assert ruled.allowed(application, community_staff) == []
