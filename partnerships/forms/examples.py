from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import TypicalExample
from ..selectors.common import community_choices


class TypicalExampleForm(forms.ModelForm):
    class Meta:
        model = TypicalExample
        fields = ["kind", "title", "person_name", "community", "summary", "story", "consent_on_file"]
        widgets = {
            "kind": forms.Select(attrs={"autofocus": True}),
            "summary": forms.Textarea(attrs={"rows": 2, "maxlength": 200}),
            "story": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "person_name": _("As it may appear on the public site, for example a surname and a title (王师傅)."),
            "summary": _("One or two sentences shown in the list of stories."),
            "consent_on_file": _("Required before submitting: the person agreed in writing to be published."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = community_choices(user=user)
        if user.community_id and not self.instance.pk:
            self.fields["community"].initial = user.community_id


class ExamplePhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 8 MB. Location data in the file is removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(
        label=_("Caption"),
        max_length=100,
        required=False,
        help_text=_("Describes the photo for people who cannot see it."),
    )


class ExampleTransitionForm(forms.Form):
    step = forms.ChoiceField(choices=[(s.name, s.label) for s in TypicalExample.workflow], widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))
