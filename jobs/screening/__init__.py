"""Posting screening: a pure function from a posting's fields to flags.

Every posting is screened on every save and again at publication, whoever
wrote it. Two kinds of rule:

- blocking: what the law forbids. Nobody can publish a posting with a
  blocking flag, whatever their role and whatever note they write: pay below
  the local minimum wage (monthly for full-time work, hourly for part-time and
  hourly work); a condition on sex, ethnicity, household registration or local
  origin, marriage or childbearing; a pregnancy test; turning away disabled
  people or hepatitis B carriers; fees or deposits charged to applicants;
  keeping their ID cards (Employment Promotion Law arts. 3, 26-31; Provisions
  on Employment Services and Employment Management arts. 14, 19-20; Labour
  Contract Law arts. 9, 72; Women's Rights Protection Law art. 43).
- advisory: judgement calls (an age limit, a health or physical requirement).
  Publishing needs the reviewer's recorded reason.

Flags are stored as codes with the field and the words that matched (or the
figures); `describe` turns them into a label and a message in the reader's
language when a page is drawn, so a language switch works and no code or
stored sentence reaches a page. Patterns are deliberately narrow: "女装店员",
"本地生活服务", "免押金" or "户籍不限" must not trip them; a condition on who may
apply must.

The rules are in `rules`, screening in `flags`, showing flags in `notes`; the
names other modules use (migration 0004 among them) are importable from here.
"""

from .flags import Flag, minimum_pay, minimum_wages, screen, screen_posting
from .notes import describe, describe_all, flag_label
from .rules import BLOCKING_CODES, RULES

__all__ = [
    "BLOCKING_CODES",
    "RULES",
    "Flag",
    "describe",
    "describe_all",
    "flag_label",
    "minimum_pay",
    "minimum_wages",
    "screen",
    "screen_posting",
]
