"""Model fields that normalise what they hold, wherever it comes from.

Staff forms, the ledger and employer imports, the API, public forms, tasks
and demo data all write through models, and every look-up by an identifier
goes through a queryset. Putting the normalisation (stations.validators:
`normalize_code`, `normalize_text`) in the field makes the model the one
boundary they all pass:

- `to_python` (run by `full_clean`) normalises before the validators run, so
  a full-width ID number gets the checksum or length message it deserves;
- `pre_save` normalises the value written (and the instance keeps it);
- `get_prep_value` normalises the right-hand side of exact and `in` look-ups,
  so `Resident.objects.filter(id_number="３７０４…")` finds the person;
- the form field (and the API's, stations.apis.fields) normalise what was
  typed before checking its length, so "9135 0100 M000 100Y43" is not
  "too long".

Pattern look-ups (`contains`, `endswith`) are not prepared by Django:
callers normalise search text themselves (`stations.selectors.search_q`).

Both fields deconstruct as a plain CharField: the database column is the
same, so adopting them needs no schema migration in any app.
"""

from __future__ import annotations

from django import forms
from django.db import models

from stations.validators import normalize_code, normalize_text

# Room in the input box for what normalisation removes (spaces between digit
# groups, a +86 prefix, full-width punctuation) before the length is checked.
TYPING_ALLOWANCE = 24


class NormalizingFormField(forms.CharField):
    """A form CharField that normalises before checking length and validators."""

    def __init__(self, *, normalizer, **kwargs):
        self.normalizer = normalizer
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return self.normalizer(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.max_length is not None and "maxlength" in attrs:
            attrs["maxlength"] = str(self.max_length + TYPING_ALLOWANCE)
        return attrs


class _NormalizingCharField(models.CharField):
    normalizer = staticmethod(normalize_text)

    def _normalized(self, value):
        return self.normalizer(value) if isinstance(value, str) else value

    def to_python(self, value):
        return self._normalized(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = self._normalized(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        return self._normalized(super().get_prep_value(value))

    def formfield(self, **kwargs):
        form_class = kwargs.get("form_class", NormalizingFormField)
        # A choice field, or a form class a form asked for, keeps its own.
        if self.choices or not (isinstance(form_class, type) and issubclass(form_class, NormalizingFormField)):
            return super().formfield(**kwargs)
        return super().formfield(**{**kwargs, "form_class": form_class, "normalizer": self.normalizer})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class IdentifierField(_NormalizingCharField):
    """An identifier (resident ID number, mobile, credit code, division code,
    registration number): `normalize_code`, so spaces go and x becomes X."""

    normalizer = staticmethod(normalize_code)


class NormalizedCharField(_NormalizingCharField):
    """A person's name or other short text: `normalize_text` (NFKC, invisible
    characters removed, trimmed; inner spaces kept as typed)."""

    normalizer = staticmethod(normalize_text)
