"""Staff pages for the training of community employment staff: the bureaus'
courses and attendees, every account's own record, and a bureau's view of
one person's record."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from stations.forms.errors import error_messages
from stations.models import User
from stations.params import pk_text, year_text
from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

from ..forms.staff_training import AttendanceForm, AttendeesForm, StaffTrainingSessionForm
from ..models import StaffTrainingAttendance, StaffTrainingKind, StaffTrainingSession
from ..selectors import staff_training as selectors
from ..services import staff_training as services


class StaffTrainingListView(StaffRequiredMixin, TemplateView):
    """The bureaus' courses. Street officers organise no courses: they see the
    staff of their street with their hours. Community staff are sent to their
    own record."""

    permission = "partnerships.view"
    template_name = "partnerships/staff_training_list.html"

    def get(self, request, *args, **kwargs):
        if not user_can(request.user, "partnerships.view_staff_training"):
            return redirect("partnerships:my_training")
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if user_can(self.request.user, "partnerships.manage_staff_training"):
            return [self.template_name]
        return ["partnerships/staff_training_people.html"]

    def get_context_data(self, **kwargs):
        get = self.request.GET
        if not user_can(self.request.user, "partnerships.manage_staff_training"):
            people = Paginator(selectors.staff_training_people(user=self.request.user), 50).get_page(get.get("page"))
            return super().get_context_data(page=people, year=timezone.localdate().year, **kwargs)
        filters = {
            "kind": get.get("kind", "") if get.get("kind", "") in StaffTrainingKind.values else "",
            "year": year_text(get.get("year")),
            "community": pk_text(get.get("community")),
        }
        page = Paginator(selectors.staff_training_list(user=self.request.user, filters=filters), 50).get_page(
            get.get("page")
        )
        query = get.copy()
        query.pop("page", None)
        return super().get_context_data(
            page=page, filters=filters, kinds=StaffTrainingKind.choices, query_string=query.urlencode(), **kwargs
        )


class StaffTrainingCreateView(ServiceFormView):
    permission = "partnerships.manage_staff_training"
    template_name = "partnerships/staff_training_form.html"
    form_class = StaffTrainingSessionForm
    success_message = gettext_lazy("Course recorded. Now add its attendees.")

    def perform(self, form):
        session = form.save(commit=False)
        services.staff_training_session_save(actor=self.request.user, session=session, request=self.request)
        return reverse("partnerships:staff_training_detail", kwargs={"pk": session.pk})


class StaffTrainingUpdateView(StaffTrainingCreateView):
    model = StaffTrainingSession
    success_message = gettext_lazy("Changes saved.")

    def get_session(self):
        if not hasattr(self, "_session"):
            self._session = selectors.staff_training_session_get(user=self.request.user, pk=self.kwargs["pk"])
        return self._session

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_session()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.get_session(), **kwargs)


class StaffTrainingDetailView(ServiceFormView):
    """A course with its attendees; the form adds attendees."""

    permission = "partnerships.manage_staff_training"
    template_name = "partnerships/staff_training_detail.html"
    form_class = AttendeesForm
    model = StaffTrainingSession

    def get_session(self):
        if not hasattr(self, "_session"):
            self._session = selectors.staff_training_session_get(user=self.request.user, pk=self.kwargs["pk"])
        return self._session

    def load(self):
        self.get_session()  # 404 before reading the form

    def get_form_kwargs(self):
        kwargs = {"user": self.request.user}
        if self.request.method == "GET":
            kwargs["session"] = self.get_session()
        return kwargs

    def get_context_data(self, **kwargs):
        session = self.get_session()
        attendances = list(selectors.staff_training_attendances(user=self.request.user, session=session))
        return super().get_context_data(session=session, attendances=attendances, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        added = services.staff_training_attendees_add(
            actor=self.request.user,
            session=self.get_session(),
            attendees=list(data["attendees"]),
            completed=data["completed"],
            score=data["score"],
            request=self.request,
        )
        messages.success(self.request, _("%(n)d attendees recorded.") % {"n": len(added)})
        return reverse("partnerships:staff_training_detail", kwargs={"pk": self.kwargs["pk"]})


class StaffTrainingAttendanceView(StaffRequiredMixin, View):
    """POST: change an attendance (completed, assessment) or, with remove=1, take it off the course."""

    permission = "partnerships.manage_staff_training"
    model = StaffTrainingAttendance
    http_method_names = ["post"]

    def post(self, request, pk):
        attendance = selectors.staff_training_attendance_get(user=request.user, pk=pk)
        try:
            if request.POST.get("remove") == "1":
                services.staff_training_attendance_remove(actor=request.user, attendance=attendance, request=request)
                messages.success(request, _("Taken off the course."))
            else:
                form = AttendanceForm(request.POST, instance=attendance)
                if not form.is_valid():
                    for errors in form.errors.values():
                        for message in errors:
                            messages.error(request, message)
                    return redirect("partnerships:staff_training_detail", pk=attendance.session_id)
                services.staff_training_attendance_update(
                    actor=request.user,
                    attendance=attendance,
                    completed=form.cleaned_data["completed"],
                    score=form.cleaned_data["score"],
                    request=request,
                )
                messages.success(request, _("Saved."))
        except ValidationError as exc:
            for message in error_messages(exc):
                messages.error(request, message)
        return redirect("partnerships:staff_training_detail", pk=attendance.session_id)


class MyTrainingView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/staff_training_record.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.request.user,
            own=True,
            record=selectors.staff_training_record(person=self.request.user),
            **kwargs,
        )


class StaffTrainingPersonView(StaffRequiredMixin, TemplateView):
    """One account's record, for street officers and bureaus, within the
    accounts they may list."""

    permission = "partnerships.view_staff_training"
    template_name = "partnerships/staff_training_record.html"
    model = User

    def get_context_data(self, **kwargs):
        person = selectors.staff_person_get(user=self.request.user, pk=self.kwargs["user_pk"])
        return super().get_context_data(
            person=person,
            own=person.pk == self.request.user.pk,
            record=selectors.staff_training_record(person=person),
            **kwargs,
        )


urlpatterns = [
    path("training/", StaffTrainingListView.as_view(), name="staff_training_list"),
    path("training/new/", StaffTrainingCreateView.as_view(), name="staff_training_create"),
    path("training/mine/", MyTrainingView.as_view(), name="my_training"),
    path("training/<int:pk>/", StaffTrainingDetailView.as_view(), name="staff_training_detail"),
    path("training/<int:pk>/edit/", StaffTrainingUpdateView.as_view(), name="staff_training_update"),
    path("training/attendances/<int:pk>/", StaffTrainingAttendanceView.as_view(), name="staff_training_attendance"),
    path("training/people/<int:user_pk>/", StaffTrainingPersonView.as_view(), name="staff_training_person"),
]
