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


@dataclass(frozen=True)
class MessageTemplate:
    code: str
    purpose: object  # lazy text, shown to staff and on the template list
    params: tuple[str, ...]
    text_zh: str
    text_en: str
    # A message the person has just asked for themselves: a sign-in code on
    # /me/ (sent at once, without the consent, quiet hours and daily cap that
    # govern notifications: stations.messaging.rules.REQUESTED_BY_RESIDENT) or
    # the answer to their help request (sent on the consent given when asking,
    # whether or not a resident record with consent exists). A 退订 from the
    # number still withholds the answer.
    requested: bool = False

    def render(self, params: dict, *, language: str = "zh-hans") -> str:
        text = self.text_en if language.startswith("en") else self.text_zh
        return _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), "")), text)

    def aliyun_text(self) -> str:
        """The text as registered with Alibaba Cloud: ${name} variables."""
        return _PLACEHOLDER.sub(lambda m: "${" + m.group(1) + "}", self.text_zh)

    def tencent_text(self) -> str:
        """The text as registered with Tencent Cloud: {1}, {2} … in params order."""
        return _PLACEHOLDER.sub(lambda m: "{" + str(self.params.index(m.group(1)) + 1) + "}", self.text_zh)


JOB_ALERT = "job_alert"
SERVICE_APPOINTMENT = "service_appointment"
CLASS_START = "class_start"
SUBSIDY_APPROVED = "subsidy_approved"
SUBSIDY_REJECTED = "subsidy_rejected"
SIGN_IN_CODE = "sign_in_code"
CHANGE_DECLINED = "change_declined"
DATA_REQUEST_ANSWERED = "data_request_answered"
HELP_REQUEST_ANSWER = "help_request_answer"

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
            requested=True,
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
