"""Input formats for zh-hans, read before Django's own (FORMAT_MODULE_PATH).

Django renders a date field's value with the first DATE_INPUT_FORMATS entry,
which for zh-hans is "%Y/%m/%d"; an <input type="date"> only accepts
"YYYY-MM-DD" and shows any other value as empty, so every date the portal
prefilled (today's date, a resident's graduation date) looked blank and was
submitted empty. ISO first fixes that; the Chinese ways of typing a date are
still accepted. Display formats (DATE_FORMAT: 2026年11月26日) stay Django's.
"""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2026-11-26': what <input type="date"> sends and accepts
    "%Y/%m/%d",  # '2026/11/26'
    "%Y年%m月%d日",  # '2026年11月26日'
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # what <input type="datetime-local"> sends
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M",
]
# Amounts of money are shown grouped by thousands (¥12,000.00), as Chinese
# finance documents write them; grouping applies only where a template asks
# for it (floatformat:"2g", intcomma), never to ids in forms.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
