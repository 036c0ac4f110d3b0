"""OpenAPI schema helpers for drf-spectacular, read by the settings (before any
app is loaded, hence here and not in an app)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping


class ChoiceEnumNames(Mapping):
    """`ENUM_NAME_OVERRIDES` made from every TextChoices/IntegerChoices class
    defined in the given apps: each choice set is named after its class
    (`EmploymentStatusEnum`; `JobsRejectionReasonEnum` where two apps use the
    same class name), whatever the fields using it are called.

    Without it drf-spectacular names enums after fields and, where apps reuse
    a field name (`status`, `reason`), invents hashed names (`Status2e3Enum`)
    and warns, which `manage.py check --deploy` reports. Built lazily: the
    settings module is read before any model class exists.
    """

    def __init__(self, *app_labels: str):
        self.app_labels = app_labels

    def _names(self) -> dict[str, type]:
        from django.db.models import Choices

        def subclasses(cls):
            for sub in cls.__subclasses__():
                yield sub
                yield from subclasses(sub)

        classes = sorted(
            {
                cls
                for cls in subclasses(Choices)
                if cls.__module__.split(".")[0] in self.app_labels and list(cls.values)
            },
            key=lambda cls: (cls.__module__, cls.__name__),
        )
        seen_names: dict[str, int] = {}
        for cls in classes:
            seen_names[cls.__name__] = seen_names.get(cls.__name__, 0) + 1
        names: dict[str, type] = {}
        seen_values: set[tuple] = set()
        for cls in classes:
            values = tuple(cls.values)
            if values in seen_values:  # one name per choice set
                continue
            seen_values.add(values)
            prefix = cls.__module__.split(".")[0].capitalize() if seen_names[cls.__name__] > 1 else ""
            names[f"{prefix}{cls.__name__}Enum"] = cls
        return names

    def __getitem__(self, key: str) -> type:
        return self._names()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())
