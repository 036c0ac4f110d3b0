"""Settings from environment variables: the local `.env` file and strict casts.

A value that cannot mean what it says stops start-up with the variable's
name, instead of quietly becoming something else (a mistyped `DJANGO_DEBUG`
or `DJANGO_SECURE_SSL_REDIRECT` must not silently turn a protection off).
An empty value means the default, like an unset one.
"""

import json
import os
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})


def load_dot_env(path: Path) -> None:
    """Fill the variables the environment does not already set from a `.env`
    file (made by `make run` from .env.example), parsed by python-dotenv:
    quotes, `export` and inline `# comments` are understood. A real
    environment variable always wins, even an empty one. Values are taken
    literally (no `${VAR}` expansion: a secret key may contain `$`)."""
    if path.is_file():
        load_dotenv(path, override=False, interpolate=False, encoding="utf-8")


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    """true/false, 1/0, yes/no, on/off in any case; anything else stops start-up."""
    value = _raw(name)
    if value is None:
        return default
    word = value.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use one of true/false, 1/0, yes/no, on/off.")


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name: str, default: str = "") -> list[str]:
    """Comma-separated values."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_path(name: str, default: Path, *, base: Path) -> Path:
    """A directory; a relative one is taken relative to `base` (the project
    directory), not to wherever the process happens to start."""
    value = _raw(name)
    return default if value is None else base / value


def env_json(name: str, default: str) -> object:
    """A JSON value (an object of template ids, say); invalid JSON stops start-up."""
    value = env_str(name, default)
    try:
        return json.loads(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not valid JSON.") from None


_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$", re.IGNORECASE)


def env_origins(name: str) -> list[str]:
    """Web origins separated by spaces or commas (https://host[:port]): no
    path, no wildcard, nothing that could end a header value early."""
    origins = [item for item in re.split(r"[\s,]+", env_str(name, "")) if item]
    for origin in origins:
        if not _ORIGIN.match(origin):
            raise ImproperlyConfigured(
                f"{name}: {origin!r} is not an origin; write scheme and host (and port), e.g. https://example.gov.cn."
            )
    return [origin.lower() for origin in origins]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One of `choices` (matched regardless of case, returned as spelled there)."""
    value = env_str(name, default)
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise ImproperlyConfigured(f"{name}={value!r}: use one of {', '.join(choices)}.")


SECRET_KEY_MISSING = "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for development)."  # noqa: S105 (a message)


def secret_key_is_set() -> bool:
    from django.conf import settings

    try:
        return bool(settings.SECRET_KEY)
    except ImproperlyConfigured:  # Django's lazy settings refuse an empty key
        return False


def require_secret_key() -> None:
    """Stop a server process that would start without a secret key."""
    if not secret_key_is_set():
        raise ImproperlyConfigured(SECRET_KEY_MISSING)
