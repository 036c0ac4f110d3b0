"""The resident search column: what a name can be found by, as tokens.

`Resident.search_tokens` holds, space-separated, every single character and
every pair of neighbouring characters of the name (lowercased), then the
pinyin initials and the full pinyin without tones (张晓燕: ``zxy`` and
``zhangxiaoyan``), once for every reading of the surname (单: dan, shan and
chan). On PostgreSQL a GIN index on the tokens as an array answers a one- or
two-character search with one index probe (pg_trgm needs three characters);
a longer name search asks for all its pairs and rechecks with ``icontains``.
SQLite has no such index: there the name search is the plain ``icontains``
and a pinyin search matches the padded column with LIKE, with the same
results.

The column is derived (`Resident.derive()`, which the services and the import
call before every write) and filled for stored rows by a data migration.
"""

from __future__ import annotations

import re

from django.db.models import BooleanField, Expression, F

# A name is at most 50 characters: 50 unigrams + 49 pairs + a few readings.
PINYIN_QUERY_RE = re.compile(r"[a-z]+")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def name_grams(text: str) -> list[str]:
    """The single characters and neighbouring pairs of `text`, lowercased,
    spaces dropped, without repeats, in order."""
    chars = [c for c in text.lower() if not c.isspace()]
    grams = dict.fromkeys([*chars, *("".join(p) for p in zip(chars, chars[1:], strict=False))])
    return list(grams)


def query_grams(text: str) -> list[str]:
    """The tokens a name search must find: the text itself when it is one or
    two characters, else each of its pairs."""
    chars = "".join(c for c in text.lower() if not c.isspace())
    if len(chars) <= 2:
        return [chars] if chars else []
    return list(dict.fromkeys(chars[i : i + 2] for i in range(len(chars) - 1)))


def pinyin_readings(name: str) -> list[str]:
    """Initials and full pinyin of a Chinese name, for every reading of the
    surname (its first character); empty for a name without Chinese."""
    name = "".join(c for c in name if not c.isspace())
    if not name or not _CJK_RE.match(name[0]):
        return []
    # Imported on first use: its dictionaries take about 55 MB and 0.4 s to
    # load, which processes that never write a resident need not pay.
    from pypinyin import Style, lazy_pinyin, pinyin

    rest = lazy_pinyin(name[1:], style=Style.NORMAL, errors="ignore") if len(name) > 1 else []
    rest = [s.lower() for s in rest if PINYIN_QUERY_RE.fullmatch(s.lower())]
    surnames = pinyin(name[0], style=Style.NORMAL, heteronym=True, errors="ignore")
    readings: list[str] = []
    for first in surnames[0] if surnames else []:
        syllables = [first, *rest]
        readings.append("".join(s[0] for s in syllables))
        readings.append("".join(syllables))
    return list(dict.fromkeys(r for r in readings if PINYIN_QUERY_RE.fullmatch(r)))


def search_tokens_for(name: str) -> str:
    """The stored search column for a name."""
    tokens = dict.fromkeys([*name_grams(name), *pinyin_readings(name)])
    return " ".join(t for t in tokens if t)


def pinyin_query(text: str) -> str | None:
    """`text` as a pinyin search (letters, maybe with spaces or apostrophes
    between syllables), lowercased and joined; None when it is not one."""
    joined = re.sub(r"[\s'’]", "", text.lower())
    return joined if PINYIN_QUERY_RE.fullmatch(joined) else None


class HasSearchTokens(Expression):
    """True where the resident's search column holds every one of `tokens`.

    PostgreSQL: ``string_to_array(search_tokens, ' ') @> ARRAY[...]``, the
    expression of the GIN index (stations migration 0012). Elsewhere: the
    space-padded column LIKE each token, the same answer without an index."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, tokens: list[str], column: str = "search_tokens"):
        super().__init__()
        self.tokens = list(tokens)
        self.column = F(column)

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, exprs):
        (self.column,) = exprs

    def as_sql(self, compiler, connection):
        column_sql, params = compiler.compile(self.column)
        if not self.tokens:
            return "1=1", []
        likes = " AND ".join(f"(' ' || {column_sql} || ' ') LIKE %s" for _ in self.tokens)
        return f"({likes})", [p for t in self.tokens for p in (*params, f"% {_like_escape(t)} %")]

    def as_postgresql(self, compiler, connection):
        column_sql, params = compiler.compile(self.column)
        if not self.tokens:
            return "TRUE", []
        return f"string_to_array({column_sql}, ' ') @> %s::text[]", [*params, self.tokens]


def _like_escape(token: str) -> str:
    # Tokens hold no spaces; % and _ would be wildcards in LIKE.
    return token.replace("\\", "").replace("%", "").replace("_", "")
