"""The text_messages command: the templates as the providers register them."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]


def test_the_command_lists_every_template_in_both_providers_syntax():
    from io import StringIO

    from django.core.management import call_command

    from stations.messaging.templates import TEMPLATES

    out = StringIO()
    call_command("text_messages", "--templates", stdout=out)
    text = out.getvalue()
    assert all(code in text for code in TEMPLATES)
    assert "${title}" in text and "{1}" in text
