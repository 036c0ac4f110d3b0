"""Every text message template the portal sends, in one place.

Chinese providers send only templates approved in advance under a registered
signature: a site registers each template below with its provider (the text
in the provider's syntax: `manage.py text_message_templates`) and maps the
code to the provider's template id in PORTAL_TEXT_MESSAGE_TEMPLATE_IDS.
A message is a template code plus parameters; the rendered text is what the
resident reads and what staff see on the resident's record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Alibaba Cloud allows 35 characters in one variable and Tencent Cloud fewer
# for some kinds; 20 keeps every parameter within both.
PARAM_MAX_LENGTH = 20
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# A link cannot be a parameter (it would pass 20 characters, and providers
# refuse links in variables): a template's text holds the site's address as
# this marker, filled from PORTAL_SITE_URL, so it is fixed text when
# registered. A site that changes its address registers the template again.
SITE_MARKER = "[site]"


def site_url() -> str:
    from django.conf import settings

    return (getattr(settings, "PORTAL_SITE_URL", "") or "").rstrip("/")


@dataclass(frozen=True)
class MessageTemplate:
    code: str
    purpose: object  # lazy text, shown to staff and on the template list
    params: tuple[str, ...]
    text_zh: str
    text_en: str
    # A one-time sign-in code the resident has just asked for on the page
    # (stations.messaging.rules.REQUESTED_BY_RESIDENT): sent at once, without
    # the consent, quiet hours and daily cap that govern notifications. (A
    # message asked for that can wait, such as a help request's answer, is
    # queued with asked_by_recipient: stations.services.messaging.)
    requested: bool = False

    def render(self, params: dict, *, language: str = "zh-hans") -> str:
        text = self.text_en if language.startswith("en") else self.text_zh
        return _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), "")), text.replace(SITE_MARKER, site_url()))

    def aliyun_text(self) -> str:
        """The text as registered with Alibaba Cloud: ${name} variables."""
        return _PLACEHOLDER.sub(lambda m: "${" + m.group(1) + "}", self.text_zh.replace(SITE_MARKER, site_url()))

    def tencent_text(self) -> str:
        """The text as registered with Tencent Cloud: {1}, {2} … in params order."""
        return _PLACEHOLDER.sub(
            lambda m: "{" + str(self.params.index(m.group(1)) + 1) + "}",
            self.text_zh.replace(SITE_MARKER, site_url()),
        )


JOB_ALERT = "job_alert"
SERVICE_APPOINTMENT = "service_appointment"
CLASS_START = "class_start"
SUBSIDY_APPROVED = "subsidy_approved"
SUBSIDY_REJECTED = "subsidy_rejected"
SIGN_IN_CODE = "sign_in_code"
CHANGE_DECLINED = "change_declined"
DATA_REQUEST_ANSWERED = "data_request_answered"
HELP_REQUEST_ANSWER = "help_request_answer"
GIG_OFFER = "gig_offer"
GIG_PLACE_FREE = "gig_place_free"
GIG_CANCELLED = "gig_cancelled"
GIG_POSTER_LINK = "gig_poster_link"
GIG_EMPLOYER_LINK = "gig_employer_link"

TEMPLATES: dict[str, MessageTemplate] = {
    t.code: t
    for t in (
        MessageTemplate(
            code=JOB_ALERT,
            purpose=_("Job alert: a new posting matches a resident's saved search"),
            params=("title", "pay"),
            text_zh="您订阅的岗位提醒：{title}，{pay}。详情请咨询社区就业驿站。回复退订不再接收。",
            text_en="Job alert: {title}, {pay}. Ask your community employment station for details. Reply 退订 to stop.",
        ),
        MessageTemplate(
            code=SERVICE_APPOINTMENT,
            purpose=_("12333 assistance: an appointment for a service, the day before"),
            params=("service", "when", "place"),
            text_zh="提醒：您预约的{service}服务将于{when}在{place}办理，请按时前往。回复退订不再接收。",
            text_en="Reminder: your {service} appointment is at {when}, {place}. Reply 退订 to stop.",
        ),
        MessageTemplate(
            code=CLASS_START,
            purpose=_("Training: a class the resident is enrolled in starts tomorrow"),
            params=("course", "date", "place"),
            text_zh="您报名的培训班“{course}”将于{date}开课，地点：{place}。回复退订不再接收。",
            text_en="Your training class “{course}” starts on {date} at {place}. Reply 退订 to stop.",
        ),
        MessageTemplate(
            code=SUBSIDY_APPROVED,
            purpose=_("Entrepreneurship: a subsidy application was approved"),
            params=("kind", "amount"),
            text_zh="您申请的{kind}已审核通过，核定金额{amount}元。回复退订不再接收。",
            text_en="Your application for {kind} was approved: {amount} yuan. Reply 退订 to stop.",
        ),
        MessageTemplate(
            code=SUBSIDY_REJECTED,
            purpose=_("Entrepreneurship: a subsidy application was rejected"),
            params=("kind",),
            text_zh="您申请的{kind}未通过审核，原因请咨询社区就业驿站。回复退订不再接收。",
            text_en="Your application for {kind} was not approved; your station can tell you why. Reply 退订 to stop.",
        ),
        MessageTemplate(
            code=SIGN_IN_CODE,
            purpose=_("Resident's own page: the six-digit sign-in code the resident asked for"),
            params=("code",),
            text_zh="您的登录验证码为{code}，5分钟内有效。如非本人操作，请忽略本短信。",
            text_en="Your sign-in code is {code}, valid for 5 minutes. If you did not ask for it, ignore this message.",
            requested=True,
        ),
        MessageTemplate(
            code=CHANGE_DECLINED,
            purpose=_("Resident's own page: staff declined a change the resident asked for"),
            params=("reason",),
            text_zh="您在“我的页面”提交的信息修改未被采纳，原因：{reason}。回复退订不再接收。",
            text_en="The change you asked for on your page was not made: {reason}. Reply 退订 to stop.",
        ),
        MessageTemplate(
            code=DATA_REQUEST_ANSWERED,
            purpose=_("Resident's own page: staff answered a request to correct or delete personal data"),
            params=("kind",),
            text_zh="您提出的{kind}申请已有答复，请登录“我的页面”查看。回复退订不再接收。",
            text_en="Your {kind} request has been answered; see your page. Reply 退订 to stop.",
        ),
        MessageTemplate(
            code=HELP_REQUEST_ANSWER,
            purpose=_("Help request: the community's answer to a resident who asked for help on the public page"),
            params=("ref", "reply", "phone"),
            text_zh="您的求助（编号{ref}）已有答复：{reply}。如有疑问请致电{phone}。回复退订不再接收。",
            text_en="Your help request {ref} has an answer: {reply}. Questions: call {phone}. Reply 退订 to stop.",
        ),
        # The day-labour corner (jobs.services.gigs): {code} is a short code
        # (10 characters) that opens the resident's or the poster's page at /g/.
        MessageTemplate(
            code=GIG_OFFER,
            purpose=_("Odd jobs: a new odd job near home fits what the resident takes"),
            params=("when", "title", "pay", "code"),
            text_zh="零工：{when} {title}，{pay}。接单或取消请打开 [site]/g/{code} 回复退订不再接收。",
            text_en="Odd job {when}: {title}, {pay}. Accept or decline: [site]/g/{code} Reply 退订 to stop.",
        ),
        MessageTemplate(
            code=GIG_PLACE_FREE,
            purpose=_("Odd jobs: a place came free and went to the resident on the waiting list"),
            params=("title", "when", "code"),
            text_zh="有名额空出，零工“{title}”（{when}）已为您保留。详情 [site]/g/{code} 回复退订不再接收。",
            text_en="A place came free: the odd job “{title}” ({when}) is yours. Details: [site]/g/{code} "
            "Reply 退订 to stop.",
        ),
        MessageTemplate(
            code=GIG_CANCELLED,
            purpose=_("Odd jobs: an odd job the resident had a place on was cancelled"),
            params=("title", "when"),
            text_zh="您接的零工“{title}”（{when}）已取消，请勿前往。回复退订不再接收。",
            text_en="The odd job “{title}” ({when}) you had a place on is cancelled: do not go. Reply 退订 to stop.",
        ),
        MessageTemplate(
            code=GIG_POSTER_LINK,
            purpose=_("Odd jobs: the link for the household that posted an odd job (who is coming, pay)"),
            params=("title", "code"),
            text_zh="您发布的零工“{title}”已发出。查看接单人、确认工钱请打开 [site]/g/{code} 回复退订不再接收。",
            text_en="Your odd job “{title}” is out. See who is coming and confirm pay: [site]/g/{code} "
            "Reply 退订 to stop.",
        ),
        MessageTemplate(
            code=GIG_EMPLOYER_LINK,
            purpose=_("Odd jobs: a registered employer's private link for posting odd jobs, which it asked for"),
            params=("employer", "until", "code"),
            text_zh="{employer}：您的零工发布链接 [site]/g/{code} ，{until}前有效，请勿转发。回复退订不再接收。",
            text_en="{employer}: your link for posting odd jobs, [site]/g/{code}, valid until {until}; "
            "do not pass it on. Reply 退订 to stop.",
        ),
    )
}


def get_template(code: str) -> MessageTemplate:
    try:
        return TEMPLATES[code]
    except KeyError:
        raise ValidationError({"template": f"unknown text message template {code!r}"}) from None


def clean_params(template: MessageTemplate, params: dict) -> dict[str, str]:
    """The parameters as sent: exactly the template's, as short text."""
    missing = [name for name in template.params if name not in params]
    extra = [name for name in params if name not in template.params]
    if missing or extra:
        raise ValidationError(
            {"params": f"template {template.code!r} takes {list(template.params)}; missing {missing}, extra {extra}"}
        )
    cleaned = {}
    for name in template.params:
        value = " ".join(str(params[name]).split())
        cleaned[name] = value if len(value) <= PARAM_MAX_LENGTH else value[: PARAM_MAX_LENGTH - 1] + "…"
    return cleaned
