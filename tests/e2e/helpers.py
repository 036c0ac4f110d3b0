"""Small steps the journeys share."""

from __future__ import annotations


def select_containing(page, selector: str, text: str) -> str:
    """Choose the option of the <select> at `selector` whose label contains
    `text` (labels often carry more, such as a street or a masked ID), as a
    user reading the list would. Returns the chosen value."""
    select = page.locator(selector)
    option = select.locator("option", has_text=text)
    if option.count() != 1:
        labels = select.locator("option").all_inner_texts()
        raise AssertionError(f"{selector}: expected one option containing {text!r}, found {option.count()}: {labels}")
    value = option.get_attribute("value")
    select.select_option(value=value)
    return value
