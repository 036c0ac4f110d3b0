"""`{{ case.assigned_to|staff_name }}`: who a staff account is, as pages show it.

A relation to an account may be empty (a change back-entered from a ledger,
a case not yet assigned, an account removed), and a template that reads
`x.get_full_name|default:x.username` fails on an empty one: a filter's
argument is looked up strictly. This filter takes the account itself.
"""

from django import template

register = template.Library()


@register.filter
def staff_name(account, empty: str = "—") -> str:
    if account is None or account == "":
        return empty
    return account.display_name
