"""Typographic rules of each language, applied to every text a document prints.

French puts a narrow no-break space before ``; ! ?``, a no-break space before
``:``, inside « guillemets » and between a number and its unit, and uses
typographic apostrophes. English takes no space before punctuation and uses
curly quotes and apostrophes. Writers type plain spaces and straight quotes;
careerdocs does the rest, in the PDF and the DOCX alike.

Link targets and code in inline Markdown (``[text](https://…)``, ```code```),
and web and e-mail addresses typed in the text, are left untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .markup import ADDRESS

NBSP = "\u00a0"  # no-break space
NNBSP = "\u202f"  # narrow no-break space

# Parts of a text that are not prose: link targets and code spans of inline Markdown,
# and web and e-mail addresses typed as they are.
_PROTECTED = re.compile(rf"(\]\([^)]*\)|`[^`]*`|{ADDRESS})")
_UNITS = r"(?:%|€|\$|£|h|min|km|m|cm|mm|kg|g|ans?|mois|jours?|heures?|k€|M€)"

Rules = list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]]

# Every rule matches in time linear in the text: a run of spaces is only looked at from
# its first space (the look-behinds), so a long run of spaces costs once, not per space.
_SPACES = "[ \u00a0\u202f]"
_RUN_START = "(?<![ \u00a0\u202f])"

FRENCH: Rules = [
    (re.compile(r"(?<=\w)'"), "\u2019"),
    (re.compile(r"'"), "\u2019"),
    (re.compile(r'"([^"]*)"'), lambda m: f"«{NBSP}{m.group(1).strip()}{NBSP}»"),
    (re.compile(rf"«{_SPACES}*"), f"«{NBSP}"),
    (re.compile(rf"{_RUN_START}{_SPACES}*»"), f"{NBSP}»"),
    (re.compile(rf"{_RUN_START}{_SPACES}*([;!?])"), f"{NNBSP}\\1"),
    (re.compile(rf"(?<=[\w»)]){_SPACES}*:(?=\s|$)"), f"{NBSP}:"),
    (re.compile(rf"(?<=\d) (?={_UNITS}(?!\w))"), NBSP),
]

ENGLISH: Rules = [
    (re.compile(r"(?<=\w)'"), "\u2019"),
    (re.compile(r"'(?=\w)"), "\u2018"),
    (re.compile(r"'"), "\u2019"),
    (re.compile(r'"(?=\w)'), "\u201c"),
    (re.compile(r'"'), "\u201d"),
    (re.compile(rf"(?<=\w){_SPACES}+([;:!?])"), r"\1"),
]

RULES = {"fr": FRENCH}


def rules_for(lang: str) -> Rules:
    """French rules for French; English rules, the plainest, for other languages."""
    return RULES.get(lang, ENGLISH)


def typographer(lang: str) -> Callable[[str], str]:
    """A function that applies ``lang``'s rules to a text (inline Markdown allowed)."""
    rules = rules_for(lang)

    def apply(text: str) -> str:
        parts = _PROTECTED.split(text)
        # Odd parts are link targets and code spans: keep them as they are.
        return "".join(part if index % 2 else _apply_rules(part, rules)
                       for index, part in enumerate(parts))

    return apply


def _apply_rules(text: str, rules: Rules) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text
