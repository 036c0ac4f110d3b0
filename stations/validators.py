"""Validators for the national identifiers the portal keeps.

Each `normalize_*` returns the canonical form or raises ValidationError with a
message that says exactly what is wrong, in the user's language.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# GB 11643-1999 resident ID number
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"


def id_check_char(first17: str) -> str:
    return ID_CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def id_birth_date(id_number: str) -> dt.date:
    return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def id_sex(id_number: str) -> str:
    """'M' or 'F': the 17th digit is odd for men."""
    return "M" if int(id_number[16]) % 2 else "F"


def normalize_resident_id(value: str, *, today: dt.date | None = None) -> str:
    raw = re.sub(r"\s+", "", str(value or ""))
    if not raw:
        raise ValidationError(_("Enter the resident ID number."), code="required")
    if re.fullmatch(r"\d(\.\d+)?E\+\d+", raw, flags=re.IGNORECASE):
        raise ValidationError(
            _(
                "The ID number %(value)s was turned into a number by the spreadsheet and its last "
                "digits are lost. Format the column as text and type the number again."
            )
            % {"value": raw},
            code="scientific",
        )
    candidate = raw.upper()
    if not re.fullmatch(r"\d{17}[\dX]", candidate):
        raise ValidationError(
            _("An ID number has 18 characters: 17 digits and a final digit or X (you entered %(n)d).")
            % {"n": len(raw)},
            code="format",
        )
    try:
        birth = id_birth_date(candidate)
    except ValueError:
        raise ValidationError(
            _("The birth date in the ID number (%(digits)s) is not a real date.") % {"digits": candidate[6:14]},
            code="birth_date",
        ) from None
    today = today or dt.date.today()
    if birth > today or birth.year < 1900:
        raise ValidationError(
            _("The birth date in the ID number (%(date)s) is impossible.") % {"date": birth.isoformat()},
            code="birth_date",
        )
    expected = id_check_char(candidate[:17])
    if candidate[17] != expected:
        raise ValidationError(
            _(
                "The ID number's check character is wrong (it ends in %(given)s; the first 17 digits "
                "need %(expected)s). Check each digit against the ID card."
            )
            % {"given": candidate[17], "expected": expected},
            code="checksum",
        )
    return candidate


def validate_resident_id(value: str) -> None:
    normalize_resident_id(value)


# Mobile phone numbers: 1[3-9] and 9 digits, without country prefix.
def normalize_mobile(value: str) -> str:
    raw = re.sub(r"[\s\-()（）]", "", str(value or ""))
    if raw.startswith("+86"):
        raw = raw[3:]
    elif raw.startswith("0086"):
        raw = raw[4:]
    if not re.fullmatch(r"1[3-9]\d{9}", raw):
        raise ValidationError(
            _("A mobile number has 11 digits and starts with 13 to 19 (you entered %(value)s).") % {"value": value},
            code="mobile",
        )
    return raw


def validate_mobile(value: str) -> None:
    normalize_mobile(value)


# GB 32100-2015 unified social credit code
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    code = re.sub(r"\s+", "", str(value or "")).upper()
    if len(code) != 18 or any(c not in CREDIT_CODE_CHARS for c in code):
        raise ValidationError(
            _("A unified social credit code has 18 characters: digits and capital letters except I, O, S, V and Z."),
            code="format",
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("The credit code's check character is wrong (it ends in %(given)s; expected %(expected)s).")
            % {"given": code[17], "expected": expected},
            code="checksum",
        )
    return code


def validate_credit_code(value: str) -> None:
    normalize_credit_code(value)


def mask_resident_id(value: str) -> str:
    """370402********123X: region code and last four kept."""
    if not value or len(value) < 10:
        return value or ""
    return f"{value[:6]}{'*' * (len(value) - 10)}{value[-4:]}"


def mask_mobile(value: str) -> str:
    """138****5678."""
    if not value or len(value) < 7:
        return value or ""
    return f"{value[:3]}****{value[-4:]}"
