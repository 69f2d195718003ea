"""Titles never end on a line of one word, and running text never on a short word alone.

A heading, a cover title or a call to action that wraps with one short word alone on
its last line ("côte à / côte", "side by / side") looks like a mistake. The last two
words of every such text are joined by a no-break space, so its last line holds two
words at least. This is done on the printed HTML, so every theme and campus template
gets it, whatever its markup. A pair of words too long to share a line is left free.

Paragraphs and list items get the same, for a short pair only ("un atout.", not
"atout." alone on a box's last line): a longer pair would leave the line before it
too short.

The HTML is read in one pass over its tags (a template is semi-trusted: no pattern
that could scan the document once per heading).
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
MAX_PAIR = 28  # characters: a longer last pair could be wider than its line…
SHORT_LAST = 12  # …unless its last word is short (a long word before it can still break)
MIN_LAST_LINE = 8  # characters: two words shorter than this take the word before them too
MAX_RUNT_PAIR = 16  # characters: the last two words of running text bound, at most
# Headings, and the paragraphs and spans whose class names them a title, a call to action
# or a hook (cover-subtitle, back-cta, sud-title, the cover's role-title…): the names
# every theme uses.
_TITLE_CLASS = re.compile(r"""\bclass\s*=\s*["'][^"']*(?:title|cta|hook)""")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_RUNNING_TEXT = {"p", "li"}
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>")
_TAG = re.compile(r"(<[^>]*>)")
_PLAIN_SPACES = re.compile(r"[ \t\r\n\f]+")
_VERBATIM = re.compile(r"<(?:pre|code|kbd|samp|script|style|textarea)\b", re.IGNORECASE)


def bind_titles(html: str) -> str:
    """``html`` with the last two words of every heading and title bound together, and
    those of every paragraph and list item when they are short (no runt: "un atout."
    rather than "atout." alone on a box's last line)."""
    parts: list[str] = []
    done = 0  # what of ``html`` is already in ``parts``
    # The open title's or paragraph's tag, where its text starts, and whether it is
    # running text (a paragraph or list item) rather than a title.
    title: tuple[str, int, bool] | None = None
    depth = 0  # the same tag opened again inside the title
    for match in _ANY_TAG.finditer(html):
        closing, tag, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if closing and title is None:
            continue
        is_title = _is_title(tag, attributes)
        # A title inside running text (a role's name in a list item) is a title.
        if title is None or (title[2] and not closing and is_title):
            if is_title or tag in _RUNNING_TEXT:
                title, depth = (tag, match.end(), not is_title), 0
        elif tag == title[0]:
            depth += 1 if not closing else -1
            if depth < 0:
                inner = html[title[1]:match.start()]
                parts += [html[done:title[1]], _bind_runt(inner) if title[2]
                          else _bind_inner(inner)]
                done, title = match.start(), None
    return "".join([*parts, html[done:]])


def _bind_runt(inner: str) -> str:
    """Running text of 4 words or more whose last two words are short: bound, so the last
    line never holds a short word alone. A longer pair is left free: the line before
    would end too short. Text with code or preformatted text in it is left as it is."""
    if _VERBATIM.search(inner):
        return inner  # code or preformatted text: every space is part of it
    parts = _TAG.split(inner)
    # Words as the line breaks see them: a no-break space (a job title's, French
    # punctuation's) joins its words into one.
    words = _PLAIN_SPACES.split("".join(parts[0::2]).strip())
    if len(words) >= 4 and len(" ".join(words[-2:])) <= MAX_RUNT_PAIR:
        _bind_last_space(parts)
    return "".join(parts)


def _is_title(tag: str, attributes: str) -> bool:
    return tag in _HEADINGS or (tag in ("p", "div", "span")
                                and bool(_TITLE_CLASS.search(attributes)))


def _bind_inner(inner: str) -> str:
    """The markup inside one title, its last plain space (outside tags) made unbreakable;
    the one before too when the last two words are short ("à côte": "côte à côte")."""
    parts = _TAG.split(inner)  # text, tag, text, …, text: the texts at even places
    words = "".join(parts[0::2]).split()
    if len(words) < 2 or not _worth_binding(words[-2], words[-1]):
        return inner
    spaces = 2 if len(words) >= 3 and len(" ".join(words[-2:])) < MIN_LAST_LINE \
        and len(" ".join(words[-3:])) <= MAX_PAIR else 1
    for _space in range(spaces):
        if not _bind_last_space(parts):
            break
    return "".join(parts)


def _bind_last_space(parts: list[str]) -> bool:
    """Make the last plain space of the texts of ``parts`` a no-break space."""
    after_last_word = True
    for index in range(len(parts) - 1, -1, -2):
        part = parts[index]
        body = part.rstrip() if after_last_word else part
        if after_last_word and not body:
            continue  # only white space between the last word and the closing tag
        after_last_word = False
        if spaces := list(_PLAIN_SPACES.finditer(body)):
            # The whole run: a space left beside the no-break one would still break.
            start, end = spaces[-1].span()
            parts[index] = body[:start] + NBSP + body[end:] + part[len(body):]
            return True
    return False


def _worth_binding(before: str, last: str) -> bool:
    return len(last) <= SHORT_LAST or len(before) + len(last) + 1 <= MAX_PAIR


def bind_last_words(text: str) -> str:
    """A title written as text (a Word document's): its last two words made one."""
    return _bind_inner(text)
