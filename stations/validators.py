"""Validators for the national identifiers the portal keeps.

Each `normalize_*` returns the canonical form or raises ValidationError with a
message that says exactly what is wrong, in the user's language.

Text reaches the portal from Chinese input methods (full-width digits and
letters, the ideographic space), from spreadsheets and from pasted web pages
(zero-width spaces, byte-order marks, control characters). `normalize_text`
and `normalize_code` are the one boundary every identifier and name passes:
the validators below call them first, and the model fields in
`stations.fields` apply them on every save and every exact lookup. After
them, the validators accept ASCII only (`[0-9]`, never `\\d`, which also
matches full-width and other scripts' digits).
"""

import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Format characters (zero-width space and joiners, byte-order mark, bidi
# marks, soft hyphen), control characters and lone surrogates: invisible, and
# never part of a name or a number.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
# Control and separator characters that stand between words: they become a
# space rather than vanish, so "张\t三" does not turn into one word.
_SPACE_LIKE = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def normalize_text(value) -> str:
    """A name or other short text as it should be stored: Unicode NFKC
    (full-width letters and digits become ASCII, the ideographic space a
    space), invisible and control characters removed, line breaks and tabs
    made spaces, trimmed. Inner spaces are kept as typed."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    if text.isascii() and text.isprintable():
        return text.strip()
    kept = []
    for char in text:
        if char in _SPACE_LIKE:
            kept.append(" ")
        elif unicodedata.category(char) not in _INVISIBLE_CATEGORIES:
            kept.append(char)
    return "".join(kept).strip()


def normalize_code(value) -> str:
    """An identifier's canonical text: `normalize_text`, every space removed
    (people type ID and phone numbers in groups), upper case (a final x of an
    ID number is stored X)."""
    return "".join(normalize_text(value).split()).upper()


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
    raw = normalize_code(value)
    if not raw:
        raise ValidationError(_("Enter the resident ID number."), code="required")
    if re.fullmatch(r"[0-9](\.[0-9]+)?E\+[0-9]+", raw):
        raise ValidationError(
            _(
                "The ID number %(value)s was turned into a number by the spreadsheet and its last "
                "digits are lost. Format the column as text and type the number again."
            )
            % {"value": raw},
            code="scientific",
        )
    candidate = raw
    stray = sorted(
        {c for c in candidate[:17] if c not in "0123456789"} | {c for c in candidate[17:] if c not in "0123456789X"}
    )
    if len(candidate) == 18 and stray:
        raise ValidationError(
            _("An ID number holds digits only, with X allowed as its last character; remove %(chars)s.")
            % {"chars": "、".join(f"“{c}”" for c in stray)},
            code="format",
        )
    if not re.fullmatch(r"[0-9]{17}[0-9X]", candidate):
        raise ValidationError(
            _("An ID number has 18 characters: 17 digits and a final digit or X (you entered %(n)d).")
            % {"n": len(candidate)},
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
# Separators people type between groups of digits (after NFKC, full-width
# brackets and hyphens are already ASCII).
_PHONE_SEPARATORS = re.compile(r"[-‐‑‒–—()]")


def normalize_mobile(value: str) -> str:
    raw = _PHONE_SEPARATORS.sub("", normalize_code(value))
    if raw.startswith("+86"):
        raw = raw[3:]
    elif raw.startswith("0086"):
        raw = raw[4:]
    if not re.fullmatch(r"1[3-9][0-9]{9}", raw):
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
    code = normalize_code(value)
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


def normalize_fields(obj, **normalizers) -> dict[str, list[str]]:
    """For a model's clean(): put each named field of `obj` that has a value
    into its canonical form, in place (`credit_code=normalize_credit_code`),
    and return the messages of those that fail, by field."""
    errors: dict[str, list[str]] = {}
    for name, normalize in normalizers.items():
        value = getattr(obj, name)
        if value:
            try:
                setattr(obj, name, normalize(value))
            except ValidationError as exc:
                errors[name] = exc.messages
    return errors


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
