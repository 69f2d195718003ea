"""Titles never end on a line of one word.

A heading, a cover title or a call to action that wraps with one short word alone on
its last line ("côte à / côte", "side by / side") looks like a mistake. The last two
words of every such text are joined by a no-break space, so its last line holds two
words at least. This is done on the printed HTML (every theme and campus template
gets it, whatever its markup) and on the Word files' titles, through :func:`bind_last`.
A pair of words too long to share a line is left free: it would not fit.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
MAX_PAIR = 28  # characters: a longer last pair could be wider than its line…
SHORT_LAST = 12  # …unless its last word is short (a long word before it can still break)
# Headings, and the paragraphs whose class names them a title, a call to action or a
# hook (cover-subtitle, back-cta, sud-title…): the names every theme uses.
TITLE_WORDS = ("title", "cta", "hook")
_ELEMENT = re.compile(
    r"(<(h[1-6])\b[^>]*>)(.*?)(</\2>)"
    rf"|(<(p|div)\b[^>]*class=\"[^\"]*(?:{'|'.join(TITLE_WORDS)})[^\"]*\"[^>]*>)"
    r"((?:(?!<(?:p|div)\b).)*?)(</\6>)", re.S)
_TAG = re.compile(r"(<[^>]*>)")


def bind_last(text: str) -> str:
    """Plain ``text`` with its last two words joined by a no-break space."""
    words = text.split(" ")
    if len(words) < 2 or not words[-2] or not _worth_binding(words[-2], words[-1]):
        return text
    return " ".join(words[:-2]) + (" " if len(words) > 2 else "") + words[-2] + NBSP + words[-1]


def bind_titles(html: str) -> str:
    """``html`` with the last two words of every heading and title bound together."""
    def bind(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1) + _bind_inner(match.group(3)) + match.group(4)
        return match.group(5) + _bind_inner(match.group(7)) + match.group(8)

    return _ELEMENT.sub(bind, html)


def _bind_inner(inner: str) -> str:
    """The markup inside one title, its last plain space (outside tags) made unbreakable."""
    parts = _TAG.split(inner)  # text, tag, text, …, text: the texts at even places
    words = "".join(parts[0::2]).split()
    if len(words) < 2 or not _worth_binding(words[-2], words[-1]):
        return inner
    after_last_word = True
    for index in range(len(parts) - 1, -1, -2):
        part = parts[index]
        body = part.rstrip() if after_last_word else part
        if after_last_word and not body:
            continue  # only white space between the last word and the closing tag
        after_last_word = False
        if (space := body.rfind(" ")) >= 0:
            parts[index] = body[:space] + NBSP + body[space + 1:] + part[len(body):]
            return "".join(parts)
    return inner


def _worth_binding(before: str, last: str) -> bool:
    return len(last) <= SHORT_LAST or len(before) + len(last) + 1 <= MAX_PAIR
