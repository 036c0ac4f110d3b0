from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def percent_change(value):
    """A percent change as +12.5% / -3% / 0%, or "—" where there is none."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    return f"{sign}{value:g}%"
