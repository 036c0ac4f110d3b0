"""The text message templates (stations/messaging/templates.py)."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]


def test_every_template_uses_exactly_its_parameters_in_both_languages():
    import re

    from stations.messaging.templates import TEMPLATES

    for template in TEMPLATES.values():
        for text in (template.text_zh, template.text_en):
            assert set(re.findall(r"\{(\w+)\}", text)) == set(template.params), template.code
        # A code the resident asked for is sent whatever their choice about
        # notifications (rules.REQUESTED_BY_RESIDENT): offering 退订 would mislead.
        if template.requested:
            assert "退订" not in template.text_zh, f"{template.code} is sent even after an opt-out"
        else:
            assert "退订" in template.text_zh, f"{template.code} must tell how to opt out"


def test_a_template_holds_the_sites_address_as_fixed_text(settings):
    from stations.messaging.templates import TEMPLATES

    settings.PORTAL_SITE_URL = "https://jy.example.gov.cn/"
    template = TEMPLATES["gig_offer"]
    assert "https://jy.example.gov.cn/g/${code}" in template.aliyun_text()
    assert "https://jy.example.gov.cn/g/{4}" in template.tencent_text()
    assert "https://jy.example.gov.cn/g/abc" in template.render({"when": "", "title": "", "pay": "", "code": "abc"})
