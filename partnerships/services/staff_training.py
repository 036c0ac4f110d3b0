"""Write operations for the training of community employment staff
(系统培训、定期轮训, 保障措施 三).

District bureaus run courses for their district, the city bureau runs courses
for everyone. A course's attendees are staff accounts inside the organiser's
own area, and each attendance copies the attendee's node (district, street,
community), so the record is scoped like the person who attended.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations import closed_months
from stations.audit import audit_record, field_changes
from stations.models import AuditAction, Role, User
from stations.selectors import staff_account_list
from stations.services.common import lock_visible, require

from ..models import StaffTrainingAttendance, StaffTrainingSession

SESSION_FIELDS = ["kind", "title", "starts_on", "ends_on", "hours", "place", "trainer", "content"]


def attendee_node(user: User) -> dict:
    """The district, street and community an attendance is filed under: a
    community staff member's community with its street and district, a street
    officer's street and district, a district account's district, none for
    the city."""
    if user.community_id:
        community = user.community
        return {"community": community, "street": community.street, "district": community.street.district}
    if user.street_id:
        return {"community": None, "street": user.street, "district": user.street.district}
    return {"community": None, "street": None, "district": user.district}


def _session_in_scope(actor: User, session: StaffTrainingSession) -> StaffTrainingSession:
    return lock_visible(StaffTrainingSession, actor=actor, pk=session.pk, error=PermissionDenied("course out of scope"))


def _attendance_communities(session: StaffTrainingSession) -> list[int]:
    return list(session.attendances.exclude(community=None).values_list("community", flat=True).distinct())


@closed_months.guard(label=gettext_lazy("Save a staff training course"))
@transaction.atomic
def staff_training_session_save(*, actor: User, session: StaffTrainingSession, request=None) -> StaffTrainingSession:
    """Record or change a course. A district bureau's course belongs to its
    district; the city bureau's courses belong to no district."""
    require(actor, "partnerships.manage_staff_training")
    creating = session.pk is None
    before = {}
    if creating:
        session.created_by = actor
        session.district = actor.district if actor.role == Role.DISTRICT_BUREAU else None
    else:
        stored = _session_in_scope(actor, session)
        before = {name: getattr(stored, name) for name in SESSION_FIELDS}
        # Its attendances and hours count in the month it starts in.
        closed_months.touch(communities=_attendance_communities(stored), dates=[stored.starts_on, session.starts_on])
        session.district_id, session.created_by_id = stored.district_id, stored.created_by_id
    session.full_clean()
    session.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=session,
        request=request,
        changes={} if creating else field_changes(before, session, SESSION_FIELDS),
    )
    return session


@closed_months.guard(label=gettext_lazy("Record staff attending a course"))
@transaction.atomic
def staff_training_attendees_add(
    *,
    actor: User,
    session: StaffTrainingSession,
    attendees: list[User],
    completed: bool = True,
    score: str = "",
    request=None,
) -> list[StaffTrainingAttendance]:
    """Record staff accounts as attending a course. Each must be an account in
    the actor's area (the city: any); someone already on the course is refused
    by name so nobody is counted twice."""
    require(actor, "partnerships.manage_staff_training")
    locked = _session_in_scope(actor, session)
    if not attendees:
        raise ValidationError({"attendees": _("Choose at least one staff member.")})
    in_scope = set(staff_account_list(user=actor).filter(pk__in=[a.pk for a in attendees]).values_list("pk", flat=True))
    outside = [a for a in attendees if a.pk not in in_scope]
    if outside:
        raise ValidationError({"attendees": _("Choose staff accounts in your own area.")})
    already = set(locked.attendances.filter(attendee__in=attendees).values_list("attendee_id", flat=True))
    if already:
        names = "、".join(a.display_name for a in attendees if a.pk in already)
        raise ValidationError({"attendees": _("Already recorded on this course: %(names)s.") % {"names": names}})
    closed_months.touch(communities=[a.community_id for a in attendees], dates=[locked.starts_on])
    records = []
    for attendee in attendees:
        record = StaffTrainingAttendance(
            session=locked,
            attendee=attendee,
            completed=completed,
            score=(score or "").strip(),
            **attendee_node(attendee),
        )
        record.full_clean()
        record.save()
        records.append(record)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        request=request,
        changes={"attendees_added": [a.username for a in attendees], "completed": completed},
    )
    return records


@closed_months.guard(label=gettext_lazy("Change a staff training attendance"))
@transaction.atomic
def staff_training_attendance_update(
    *, actor: User, attendance: StaffTrainingAttendance, completed: bool, score: str = "", request=None
) -> StaffTrainingAttendance:
    """Mark an attendance completed or not and record its assessment."""
    require(actor, "partnerships.manage_staff_training")
    session = _session_in_scope(actor, attendance.session)
    closed_months.touch(communities=[attendance.community_id], dates=[session.starts_on])
    before = {"completed": attendance.completed, "score": attendance.score}
    attendance.completed = completed
    attendance.score = (score or "").strip()
    attendance.full_clean()
    attendance.save(update_fields=["completed", "score"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=attendance,
        request=request,
        changes=field_changes(before, attendance, ["completed", "score"]),
    )
    return attendance


@closed_months.guard(label=gettext_lazy("Take someone off a staff training course"))
@transaction.atomic
def staff_training_attendance_remove(*, actor: User, attendance: StaffTrainingAttendance, request=None) -> None:
    """Take someone off a course (recorded by mistake)."""
    require(actor, "partnerships.manage_staff_training")
    session = _session_in_scope(actor, attendance.session)
    closed_months.touch(communities=[attendance.community_id], dates=[session.starts_on])
    audit_record(
        actor=actor,
        action=AuditAction.REMOVE,
        obj=attendance,
        request=request,
        changes={"session": attendance.session_id, "attendee": attendance.attendee.username},
    )
    attendance.delete()
