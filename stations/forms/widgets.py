"""Widgets shared by the apps' forms."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class DateInput(forms.DateInput):
    """A browser date picker. It accepts only ISO values (YYYY-MM-DD), so the
    format is fixed rather than taken from the language's input formats."""

    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class FastSelect(forms.Select):
    """A single-choice <select> written in Python instead of one template per
    option (not for multiple choice: it reads one value back).

    Django renders every option through its own template; a public filter
    with a few hundred streets and communities spent most of the job list's
    time there (profiled: 50 of 65 ms). Same HTML, option groups included.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        if self.allow_multiple_selected:
            final["multiple"] = True
        selected = {str(v) for v in self.format_value(value)}
        parts = [format_html("<select{}>", flatatt(final))]
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                parts.append(format_html('<optgroup label="{}">', option_value))
                parts.extend(self._option(v, label, selected) for v, label in option_label)
                parts.append("</optgroup>")
            else:
                parts.append(self._option(option_value, option_label, selected))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every part is escaped above)

    @staticmethod
    def _option(value, label, selected: set[str]) -> str:
        value = "" if value is None else str(value)
        mark = " selected" if value in selected else ""
        return f'<option value="{conditional_escape(value)}"{mark}>{conditional_escape(label)}</option>'
