"""Rules every template keeps."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
# A filter's argument is looked up strictly: `|default:x.recorded_by.username`
# raises when recorded_by is empty, and the page answers 500. An argument
# that reaches through more than one attribute is refused; a name and one
# attribute of an object the view always gives stay allowed.
DEEP_FILTER_ARGUMENT = re.compile(r"\|\w+:(\w+(?:\.\w+){2,})")


def test_no_filter_argument_reaches_through_a_relation():
    found = [
        f"{path.relative_to(TEMPLATES_DIR)}:{number}: {match.group(1)}"
        for path in sorted(TEMPLATES_DIR.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for match in DEEP_FILTER_ARGUMENT.finditer(line)
    ]
    assert not found, (
        "Filter arguments that fail with a 500 when a relation on the way is empty; "
        "use {{ account|staff_name }} (people_tags) for a person, or {% with %} / {% if %}:\n" + "\n".join(found)
    )
