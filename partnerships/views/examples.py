"""Staff pages for typical examples: the list (with the city bureau's review
queue), drafts, photos and the workflow steps."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from stations.params import pk_text
from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

from ..forms.examples import ExamplePhotoForm, ExampleTransitionForm, TypicalExampleForm
from ..models import ExampleKind, ExamplePhoto, ExampleStatus, TypicalExample
from ..models.examples import EDITABLE_STATUSES
from ..selectors import examples as selectors
from ..services import examples as services


class ExampleListView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/examples_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        get = self.request.GET
        filters = {
            "status": get.get("status", "") if get.get("status", "") in ExampleStatus.values else "",
            "kind": get.get("kind", "") if get.get("kind", "") in ExampleKind.values else "",
            "community": pk_text(get.get("community")),
            "q": get.get("q", "").strip()[:50],
            "queue": get.get("queue") == "1",
        }
        page = Paginator(selectors.example_list(user=user, filters=filters), 50).get_page(get.get("page"))
        query = get.copy()
        query.pop("page", None)
        can_publish = user_can(user, "partnerships.publish_example")
        return super().get_context_data(
            page=page,
            filters=filters,
            statuses=ExampleStatus.choices,
            kinds=ExampleKind.choices,
            query_string=query.urlencode(),
            can_propose=user_can(user, "partnerships.propose_example"),
            can_publish=can_publish,
            waiting=selectors.example_list(user=user, filters={"queue": True}).count() if can_publish else None,
            **kwargs,
        )


class ExampleCreateView(ServiceFormView):
    permission = "partnerships.propose_example"
    template_name = "partnerships/examples_form.html"
    form_class = TypicalExampleForm
    success_message = gettext_lazy("Draft saved. Add photos, then submit it to the city bureau.")

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        example = form.save(commit=False)
        services.typical_example_save(actor=self.request.user, example=example, request=self.request)
        return reverse("partnerships:example_detail", kwargs={"pk": example.pk})


class ExampleUpdateView(ExampleCreateView):
    model = TypicalExample
    success_message = gettext_lazy("Changes saved.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_can(request.user, self.permission):
            self.example = selectors.example_get(user=request.user, pk=kwargs["pk"])
            if self.example.status not in EDITABLE_STATUSES:
                messages.error(
                    request,
                    _("This example cannot be changed now: it is %(status)s.")
                    % {"status": self.example.get_status_display()},
                )
                return redirect("partnerships:example_detail", pk=self.example.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.example}

    def get_context_data(self, **kwargs):
        return super().get_context_data(example=self.example, **kwargs)


class ExampleDetailView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/examples_detail.html"
    model = TypicalExample

    def get_example(self):
        return selectors.example_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        example = kwargs.pop("example", None) or self.get_example()
        user = self.request.user
        editable = example.status in EDITABLE_STATUSES and user_can(user, "partnerships.propose_example")
        photos = list(example.photos.all())
        step_form = kwargs.pop("step_form", None)
        return super().get_context_data(
            example=example,
            photos=photos,
            editable=editable,
            can_add_photo=editable and len(photos) < services.MAX_PHOTOS,
            max_photos=services.MAX_PHOTOS,
            photo_form=kwargs.pop("photo_form", None) or ExamplePhotoForm(),
            step_form=step_form or ExampleTransitionForm(),
            # The step whose form was refused shows its errors and the note typed.
            failed_step=self.request.POST.get("step", "") if step_form is not None else "",
            **kwargs,
        )


class ExampleTransitionView(ServiceFormView):
    """POST one workflow step; errors are shown on the detail page with the note kept."""

    permission = "partnerships.propose_example"
    http_method_names = ["post"]
    model = TypicalExample
    form_class = ExampleTransitionForm
    form_context_name = "step_form"
    page_view = ExampleDetailView

    def load(self):
        self.example = selectors.example_get(user=self.request.user, pk=self.kwargs["pk"])

    def perform(self, form):
        self.step = form.cleaned_data["step"]
        try:
            services.typical_example_transition(
                actor=self.request.user,
                example=self.example,
                step=self.step,
                note=form.cleaned_data["note"],
                request=self.request,
            )
        except ValidationError as exc:
            raise _step_errors(form, exc) from exc
        return reverse("partnerships:example_detail", kwargs={"pk": self.example.pk})

    def get_success_message(self, result):
        return _("Done: %(step)s") % {"step": TypicalExample.workflow.step(self.step).label}


def _step_errors(form, exc: ValidationError) -> ValidationError:
    """A step's field errors name fields of the example (consent, story): they
    go at the top with the field's label, and a note error beside the note."""
    if not hasattr(exc, "error_dict"):
        return exc
    errors_by_field: dict[str, list] = {}
    for field, errors in exc.error_dict.items():
        if field in form.fields:
            errors_by_field.setdefault(field, []).extend(errors)
            continue
        label = TypicalExample._meta.get_field(field).verbose_name if field != NON_FIELD_ERRORS else ""
        for error in errors:
            for message in error.messages:
                errors_by_field.setdefault(NON_FIELD_ERRORS, []).append(f"{label}: {message}" if label else message)
    return ValidationError(errors_by_field)


class ExamplePhotoAddView(ServiceFormView):
    """POST a photo (an upload); a refusal shows the example's page with the form's errors."""

    permission = "partnerships.propose_example"
    http_method_names = ["post"]
    model = TypicalExample
    form_class = ExamplePhotoForm
    form_context_name = "photo_form"
    page_view = ExampleDetailView
    success_message = gettext_lazy("Photo added.")

    def load(self):
        self.example = selectors.example_get(user=self.request.user, pk=self.kwargs["pk"])

    def perform(self, form):
        services.example_photo_add(
            actor=self.request.user,
            example=self.example,
            upload=form.cleaned_data["image"],
            caption=form.cleaned_data["caption"],
            request=self.request,
        )
        return reverse("partnerships:example_detail", kwargs={"pk": self.example.pk})


class ExamplePhotoRemoveView(StaffRequiredMixin, View):
    permission = "partnerships.propose_example"
    model = ExamplePhoto
    http_method_names = ["post"]

    def post(self, request, pk):
        photo = selectors.example_photo_get(user=request.user, pk=pk)
        try:
            services.example_photo_remove(actor=request.user, photo=photo, request=request)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Photo removed."))
        return redirect("partnerships:example_detail", pk=photo.example_id)


def photo_response(photo: ExamplePhoto, *, public: bool) -> FileResponse:
    """The stored JPEG, inline, never sniffed as anything else. Published
    photos may sit in shared caches for an hour (a withdrawal takes effect
    within that); staff copies of unpublished photos are not kept at all
    (the staff middleware sets no-store on every /staff/ answer too)."""
    try:
        handle = photo.image.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Content-Disposition"] = f'inline; filename="photo-{photo.pk}.jpg"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


class ExamplePhotoView(StaffRequiredMixin, View):
    permission = "partnerships.view"
    model = ExamplePhoto

    def get(self, request, pk):
        return photo_response(selectors.example_photo_get(user=request.user, pk=pk), public=False)


urlpatterns = [
    path("examples/", ExampleListView.as_view(), name="example_list"),
    path("examples/new/", ExampleCreateView.as_view(), name="example_create"),
    path("examples/<int:pk>/", ExampleDetailView.as_view(), name="example_detail"),
    path("examples/<int:pk>/edit/", ExampleUpdateView.as_view(), name="example_update"),
    path("examples/<int:pk>/step/", ExampleTransitionView.as_view(), name="example_transition"),
    path("examples/<int:pk>/photos/", ExamplePhotoAddView.as_view(), name="example_photo_add"),
    path("examples/photos/<int:pk>.jpg", ExamplePhotoView.as_view(), name="example_photo"),
    path("examples/photos/<int:pk>/remove/", ExamplePhotoRemoveView.as_view(), name="example_photo_remove"),
]
